//! The hash chain: each event's hash covers the fields it records and the
//! hash of the event before it; the first event follows a genesis hash of
//! the log's header.

use chrono::{DateTime, FixedOffset};
use sha2::{Digest as _, Sha256};

use crate::application::Actor;
use crate::application::{Application, EventRecord, facts_empty};
use crate::digest::Digest32;
use crate::error::{KmError, Result};
use crate::facts::Facts;
use crate::jurisdiction::Jurisdiction;
use crate::service::ServiceId;

/// The parts of an event that its hash covers, borrowed.
pub(super) struct HashedParts<'a> {
    pub(super) prev_hash: &'a Digest32,
    pub(super) seq: u64,
    pub(super) event: &'a str,
    pub(super) at: &'a DateTime<FixedOffset>,
    pub(super) actor: Actor,
    pub(super) bundle_version: &'a str,
    pub(super) bundle_digest: Option<&'a Digest32>,
    pub(super) facts: &'a Facts,
    pub(super) fee_paisa: Option<i64>,
}

impl HashedParts<'_> {
    /// SHA-256 over the canonical binary encoding; `scratch` is reused.
    pub(super) fn hash(&self, scratch: &mut Vec<u8>) -> Digest32 {
        scratch.clear();
        scratch.extend_from_slice(&self.prev_hash.0);
        scratch.extend_from_slice(&self.seq.to_le_bytes());
        push_str(scratch, self.event);
        scratch.extend_from_slice(&self.at.timestamp().to_le_bytes());
        scratch.extend_from_slice(&self.at.timestamp_subsec_nanos().to_le_bytes());
        scratch.extend_from_slice(&self.at.offset().local_minus_utc().to_le_bytes());
        scratch.push(self.actor as u8);
        push_str(scratch, self.bundle_version);
        if let Some(d) = self.bundle_digest {
            // 0xfe starts no facts encoding (a key, a key | 0x80, or 0xff),
            // so logs written before digests were recorded hash as before.
            scratch.push(0xfe);
            scratch.extend_from_slice(&d.0);
        }
        if facts_empty(self.facts) {
            // What `write_canonical` writes for no facts.
            scratch.push(0xff);
        } else {
            self.facts.write_canonical(scratch);
        }
        match self.fee_paisa {
            Some(p) => {
                scratch.push(1);
                scratch.extend_from_slice(&p.to_le_bytes());
            }
            None => scratch.push(0),
        }
        Digest32(Sha256::digest(scratch.as_slice()).into())
    }
}

impl EventRecord {
    pub(super) fn parts(&self) -> HashedParts<'_> {
        HashedParts {
            prev_hash: &self.prev_hash,
            seq: self.seq,
            event: &self.event,
            at: &self.at,
            actor: self.actor,
            bundle_version: &self.bundle_version,
            bundle_digest: self.bundle_digest.as_ref(),
            facts: &self.facts,
            fee_paisa: self.fee_paisa,
        }
    }

    /// The hash this event should have, given its contents and `prev_hash`.
    pub(super) fn compute_hash(&self, scratch: &mut Vec<u8>) -> Digest32 {
        self.parts().hash(scratch)
    }
}

pub(super) fn push_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

pub(super) fn genesis_hash(service: ServiceId, jurisdiction: Jurisdiction, id: &str) -> Digest32 {
    let mut h = Sha256::new();
    h.update(b"kmcore-log-v1\0");
    h.update(service.as_str().as_bytes());
    h.update([0]);
    h.update(jurisdiction.as_str().as_bytes());
    h.update([0]);
    h.update(id.as_bytes());
    Digest32(h.finalize().into())
}

pub(super) fn verify_chain(genesis: Digest32, events: &[EventRecord]) -> Result<()> {
    let mut prev = genesis;
    let mut scratch = Vec::with_capacity(256);
    for (i, ev) in events.iter().enumerate() {
        let i64_index = i as u64;
        if ev.seq != i64_index {
            return Err(KmError::tampered(
                "log.sequence",
                i64_index,
                format!(
                    "event {i} carries sequence number {}: an event was removed or reordered",
                    ev.seq
                ),
            ));
        }
        if ev.prev_hash != prev {
            return Err(KmError::tampered(
                "log.chain",
                i64_index,
                format!("event {i} does not follow the event before it: the chain is broken"),
            ));
        }
        if ev.compute_hash(&mut scratch) != ev.hash {
            return Err(KmError::tampered(
                "log.hash",
                i64_index,
                format!("event {i} (`{}`) was altered", ev.event),
            ));
        }
        prev = ev.hash;
    }
    Ok(())
}

impl Application {
    /// The hash the next event chains from.
    pub(super) fn last_hash(&self) -> Digest32 {
        self.events.last().map_or(self.genesis, |l| l.hash)
    }

    /// Checks the hash chain, returning the first event that was altered,
    /// removed or reordered.
    ///
    /// # Errors
    ///
    /// `TamperedLog` with [`KmError::index`] set to the first bad event.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Application, ServiceId, Jurisdiction, Actor};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-2").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// app.verify().unwrap();
    /// let json = app.to_json().replace("\"citizen\"", "\"clerk\"");
    /// let err = Application::from_json(cat, &json).unwrap_err();
    /// assert!(err.is_tampered_log());
    /// assert_eq!(err.index(), Some(0));
    /// ```
    pub fn verify(&self) -> Result<()> {
        verify_chain(self.genesis, &self.events)
    }
}
