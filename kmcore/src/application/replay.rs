//! Replaying a log: its state, facts and fee recomputed event by event
//! under the bundle each event recorded.

use crate::application::chain::HashedParts;
use crate::application::{Application, EventRecord};
use crate::catalogue::Catalogue;
use crate::error::{ErrorKind, KmError, Result};
use crate::jurisdiction::Jurisdiction;
use crate::service::ServiceId;

impl Application {
    /// Rebuilds an application by replaying events, each under the bundle
    /// version it recorded, checking every move, guard and recorded fee.
    ///
    /// # Errors
    ///
    /// As [`Application::from_json`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let again = Application::replay(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41", app.events()).unwrap();
    /// assert_eq!(again, app);
    /// // The same events under another id no longer chain.
    /// assert!(Application::replay(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-42", app.events()).is_err());
    /// ```
    pub fn replay(
        catalogue: &Catalogue,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        id: &str,
        events: &[EventRecord],
    ) -> Result<Application> {
        let max_events = catalogue.limits().max_log_events;
        if events.len() > max_events {
            return Err(super::too_many_events(max_events));
        }
        let mut app = Application::new(catalogue, service, jurisdiction, id)?;
        let table = app.table()?;
        app.events.reserve(events.len());
        // One hashing buffer for the whole log.
        let mut scratch = Vec::with_capacity(256);
        for (i, recorded) in events.iter().enumerate() {
            let bundle = catalogue.bundle_by_version(&recorded.bundle_version).ok_or_else(|| {
                KmError::new(
                    ErrorKind::NotKnown,
                    "log.unknown_bundle",
                    format!(
                        "event {i} was decided under bundle `{}`, which this catalogue does not hold",
                        recorded.bundle_version
                    ),
                )
            })?;
            if let Some(recorded_digest) = recorded.bundle_digest {
                if recorded_digest != bundle.digest() {
                    return Err(KmError::new(
                        ErrorKind::NotKnown,
                        "log.bundle_mismatch",
                        format!(
                            "event {i} was recorded under a different bundle with the same version `{}` \
                             (digest {recorded_digest}; the catalogue holds {})",
                            recorded.bundle_version,
                            bundle.digest()
                        ),
                    )
                    .with_index(i as u64));
                }
            }
            let seq = i as u64;
            let checked = app
                .check_event(
                    catalogue,
                    table,
                    &recorded.event,
                    recorded.at,
                    &recorded.facts,
                    &recorded.bundle_version,
                )
                .map_err(|e| {
                    KmError::tampered(
                        "log.replay_mismatch",
                        seq,
                        format!("event {i} (`{}`) does not replay: {e}", recorded.event),
                    )
                })?;
            if recorded.fee_paisa != checked.fee_paisa {
                return Err(KmError::tampered(
                    "log.replay_mismatch",
                    seq,
                    format!(
                        "event {seq} (`{}`): the recorded fee {:?} differs from the replayed fee {:?}",
                        recorded.event, recorded.fee_paisa, checked.fee_paisa
                    ),
                ));
            }
            // The hash of the record replay would write; equal to the
            // recorded one only if nothing (sequence, chain, content) differs.
            let prev_hash = app.last_hash();
            let hash = HashedParts {
                prev_hash: &prev_hash,
                seq,
                event: &recorded.event,
                at: &recorded.at,
                actor: recorded.actor,
                bundle_version: &recorded.bundle_version,
                bundle_digest: recorded.bundle_digest.as_ref(),
                facts: &recorded.facts,
                fee_paisa: checked.fee_paisa,
            }
            .hash(&mut scratch);
            if hash != recorded.hash {
                return Err(KmError::tampered(
                    "log.hash",
                    seq,
                    format!("event {i} (`{}`) was altered", recorded.event),
                ));
            }
            let record = EventRecord {
                seq,
                event: recorded.event.clone(),
                at: recorded.at,
                actor: recorded.actor,
                bundle_version: recorded.bundle_version.clone(),
                bundle_digest: recorded.bundle_digest,
                facts: recorded.facts.clone(),
                fee_paisa: checked.fee_paisa,
                prev_hash,
                hash,
            };
            app.append(table, checked, record)?;
        }
        Ok(app)
    }

    pub(crate) fn state_at_each_event(&self) -> Result<Vec<usize>> {
        let table = self.table()?;
        let mut state = table.initial();
        let mut out = Vec::with_capacity(self.events.len());
        for ev in &self.events {
            let e = self.event_index(table, &ev.event)?;
            state = table.next(state, e).unwrap_or(state);
            out.push(state);
        }
        Ok(out)
    }
}
