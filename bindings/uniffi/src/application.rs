//! Mirrors `kmcore::application`: an application as an append-only,
//! hash-chained event log, behind a mutex so that one object can be shared
//! between threads.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use crate::catalogue::Catalogue;
use crate::decision::Decision;
use crate::error::KmError;
use crate::facts::Facts;
use crate::mirror_enum;
use crate::service::{Jurisdiction, ServiceId};
use crate::sla::SlaStatus;
use crate::time::{from_instant, to_instant};

mirror_enum! {
    /// Who did something to an application.
    pub enum Actor mirrors kmcore::Actor {
        /// The applicant.
        Citizen,
        /// A counter clerk.
        Clerk,
        /// A police officer (verification...).
        Police,
        /// A supervising officer (approval, issue).
        Supervisor,
        /// An automated step.
        System,
    }
}

/// One event of an application's log. Prints with only the facts it
/// supplied (Kotlin `toString()`, Swift `description`).
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct EventRecord {
    /// Position in the log, from 0.
    pub seq: i64,
    /// The event, such as `pay_fee`.
    pub event: String,
    /// When it happened.
    pub at: SystemTime,
    /// Who did it.
    pub actor: Actor,
    /// The bundle version it was decided under.
    pub bundle_version: String,
    /// The content digest of that bundle (hex SHA-256); absent in logs
    /// written before digests were recorded.
    pub bundle_digest: Option<String>,
    /// The facts it supplied.
    pub facts: Facts,
    /// The fee it fixed (eligibility guards), in paisa.
    pub fee_paisa: Option<i64>,
    /// The previous event's hash (hex SHA-256).
    pub prev_hash: String,
    /// This event's hash (hex SHA-256).
    pub hash: String,
}

impl From<&kmcore::EventRecord> for EventRecord {
    fn from(record: &kmcore::EventRecord) -> Self {
        let kmcore::EventRecord {
            seq,
            event,
            at,
            actor,
            bundle_version,
            bundle_digest,
            facts,
            fee_paisa,
            prev_hash,
            hash,
        } = record;
        EventRecord {
            seq: crate::to_i64(*seq),
            event: event.clone(),
            at: from_instant(*at),
            actor: (*actor).into(),
            bundle_version: bundle_version.clone(),
            bundle_digest: bundle_digest.map(|d| d.to_string()),
            facts: facts.clone().into(),
            fee_paisa: *fee_paisa,
            prev_hash: prev_hash.to_string(),
            hash: hash.to_string(),
        }
    }
}

/// Seconds spent in one state.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct StateTime {
    /// The state.
    pub state: String,
    /// Seconds spent in it, over all visits.
    pub seconds: i64,
}

/// An application: an append-only, hash-chained log of events whose state
/// is derived by replay. Safe to share between threads (calls are
/// serialised by a mutex). Kotlin: `AutoCloseable`.
#[derive(Debug, uniffi::Object)]
pub struct Application {
    inner: Mutex<kmcore::Application>,
}

impl Application {
    fn lock(&self) -> MutexGuard<'_, kmcore::Application> {
        // kmcore does not panic, and a failed apply changes nothing, so even
        // a poisoned lock holds a consistent log.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wrap(app: kmcore::Application) -> Arc<Self> {
        Arc::new(Application {
            inner: Mutex::new(app),
        })
    }
}

/// 32 bytes of a key, or `InvalidInput` (`seal.key`).
fn key32(bytes: &[u8]) -> Result<[u8; 32], KmError> {
    <[u8; 32]>::try_from(bytes)
        .map_err(|_| KmError::invalid("seal.key", "an Ed25519 key is exactly 32 bytes"))
}

/// The Ed25519 public key (32 bytes) of an office's secret key (32 bytes),
/// to hand to whoever verifies its seals.
///
/// # Errors
///
/// `InvalidInput` (`seal.key`) when the secret key is not 32 bytes.
#[uniffi::export]
pub fn seal_public_key(secret_key: Vec<u8>) -> Result<Vec<u8>, KmError> {
    Ok(kmcore::seal_public_key(&key32(&secret_key)?).to_vec())
}

fn merge_facts(facts: Option<Facts>) -> Result<Option<kmcore::Facts>, KmError> {
    facts.map(kmcore::Facts::try_from).transpose()
}

#[uniffi::export]
impl Application {
    /// A new application with an empty log, in its workflow's initial state.
    ///
    /// # Errors
    ///
    /// `InvalidInput` with `service.no_workflow` for a check (no workflow),
    /// or `service.not_offered` where the service is not offered.
    #[uniffi::constructor]
    pub fn new(
        catalogue: Arc<Catalogue>,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        id: String,
    ) -> Result<Arc<Self>, KmError> {
        Ok(Application::wrap(kmcore::Application::new(
            catalogue.core(),
            service.into(),
            jurisdiction.into(),
            id,
        )?))
    }

    /// Restores an application from its JSON log: verifies the hash chain,
    /// replays every event under the bundle version it recorded, and refuses
    /// any text that is not byte for byte what `toJson` writes.
    ///
    /// # Errors
    ///
    /// `TamperedLog` (with the index of the first bad event), `NotKnown`
    /// (`log.unknown_bundle`) when the catalogue lacks a recorded bundle
    /// version, `InvalidInput` (`log.json`) for text that is not a log.
    #[uniffi::constructor]
    pub fn from_json(catalogue: Arc<Catalogue>, json: String) -> Result<Arc<Self>, KmError> {
        Ok(Application::wrap(kmcore::Application::from_json(
            catalogue.core(),
            &json,
        )?))
    }

    /// Applies an event at an instant, by an actor, optionally supplying
    /// facts; returns the recorded event. A failed apply changes nothing.
    ///
    /// # Errors
    ///
    /// `MoveNotAllowed` when the state does not accept the event;
    /// `NotEligible` (`workflow.guard_failed`, with the failed `reasons`)
    /// when a guard's rules fail; `InvalidInput` for an unknown event, an
    /// instant earlier than the last event, or a missing required fact.
    pub fn apply(
        &self,
        catalogue: Arc<Catalogue>,
        event: String,
        at: SystemTime,
        actor: Actor,
        facts: Option<Facts>,
    ) -> Result<EventRecord, KmError> {
        let at = to_instant(at)?;
        let facts = merge_facts(facts)?;
        let mut app = self.lock();
        let record = app.apply(catalogue.core(), &event, at, actor.into(), facts)?;
        Ok(record.into())
    }

    /// Seals the log as it stands: signs its head with the office's Ed25519
    /// secret key (32 bytes) under `key_id`; `toJson` then writes the seal.
    /// Applying another event removes the seal: seal again after it.
    ///
    /// # Errors
    ///
    /// `InvalidInput`: `seal.key` for a key that is not 32 bytes,
    /// `seal.key_id` for an empty, over-long or control-character key id.
    pub fn seal(&self, key_id: String, secret_key: Vec<u8>) -> Result<(), KmError> {
        let key = key32(&secret_key)?;
        self.lock().seal(&key_id, &key)?;
        Ok(())
    }

    /// The key id of the seal stored with the log, if any (not verified).
    pub fn seal_key_id(&self) -> Option<String> {
        self.lock().seal_info().map(|s| s.key_id.clone())
    }

    /// Checks the log's seal with the office's Ed25519 public key (32 bytes):
    /// any rewrite of the log, even one that recomputed every hash, fails.
    ///
    /// # Errors
    ///
    /// `TamperedLog` (`log.seal`) when the seal does not match;
    /// `InvalidInput` (`seal.missing`, `seal.key`) when there is no seal or
    /// the key is not a valid Ed25519 public key.
    pub fn verify_seal(&self, public_key: Vec<u8>) -> Result<(), KmError> {
        let key = key32(&public_key)?;
        Ok(self.lock().verify_seal(&key)?)
    }

    /// What the guard of an event would decide now, without applying it:
    /// null when the event has no guard.
    ///
    /// # Errors
    ///
    /// As `apply`, except that a failing guard is a decision, not an error.
    pub fn preview(
        &self,
        catalogue: Arc<Catalogue>,
        event: String,
        at: SystemTime,
        facts: Option<Facts>,
    ) -> Result<Option<Decision>, KmError> {
        let at = to_instant(at)?;
        let facts = merge_facts(facts)?;
        let app = self.lock();
        let decision = app.preview(catalogue.core(), &event, at, facts.as_ref())?;
        Ok(decision.map(|d| Decision::of(catalogue.core(), &d)))
    }

    /// The application id.
    pub fn id(&self) -> String {
        self.lock().id().to_string()
    }

    /// The service.
    pub fn service(&self) -> ServiceId {
        self.lock().service().into()
    }

    /// The jurisdiction.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.lock().jurisdiction().into()
    }

    /// The current state's name.
    pub fn state(&self) -> String {
        self.lock().state().to_string()
    }

    /// True when the application is in a terminal state.
    pub fn is_terminal(&self) -> bool {
        self.lock().is_terminal()
    }

    /// The events the current state accepts (guards not evaluated).
    pub fn allowed_events(&self) -> Vec<String> {
        self.lock()
            .allowed_events()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The log, oldest first.
    pub fn events(&self) -> Vec<EventRecord> {
        self.lock().events().iter().map(Into::into).collect()
    }

    /// The facts accumulated from the log (including stamped dates).
    pub fn facts(&self) -> Facts {
        self.lock().facts().clone().into()
    }

    /// The log as canonical JSON, for storage; `fromJson` restores it.
    pub fn to_json(&self) -> String {
        self.lock().to_json()
    }

    /// Verifies the hash chain.
    ///
    /// # Errors
    ///
    /// `TamperedLog` naming the first event that was altered, removed or
    /// reordered.
    pub fn verify(&self) -> Result<(), KmError> {
        Ok(self.lock().verify()?)
    }

    /// The SLA clock at `now`, in working days with the bundle's holidays.
    ///
    /// # Errors
    ///
    /// `InvalidInput` (`sla.time_order`) when `now` is before the last event.
    pub fn sla(&self, catalogue: Arc<Catalogue>, now: SystemTime) -> Result<SlaStatus, KmError> {
        let now = to_instant(now)?;
        Ok(self.lock().sla(catalogue.core(), now)?.into())
    }

    /// Seconds spent in each state up to `now`, in order of first visit.
    ///
    /// # Errors
    ///
    /// `InvalidInput` (`sla.time_order`) when `now` is before the last event.
    pub fn time_in_states(&self, now: SystemTime) -> Result<Vec<StateTime>, KmError> {
        let now = to_instant(now)?;
        Ok(self
            .lock()
            .time_in_states(now)?
            .into_iter()
            .map(|(state, seconds)| StateTime {
                state: state.to_string(),
                seconds,
            })
            .collect())
    }
}
