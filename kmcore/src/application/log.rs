//! The JSON form of an application's log, written and read back exactly.

use crate::application::chain::{genesis_hash, verify_chain};
use crate::application::{Application, EventRecord, LOG_FORMAT_VERSION, Seal};
use crate::catalogue::Catalogue;
use crate::digest::Digest32;
use crate::error::{KmError, Result};
use crate::jurisdiction::Jurisdiction;
use crate::service::ServiceId;

/// The serialised form of an application: a header and its events.
///
/// # Example
///
/// ```
/// use kmcore::{Application, ApplicationLog, Catalogue, Jurisdiction, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let app = Application::new(cat, ServiceId::CrimeReport, Jurisdiction::SD, "CR-12").unwrap();
/// let log: ApplicationLog = serde_json::from_str(&app.to_json()).unwrap();
/// assert_eq!((log.service, log.jurisdiction), (ServiceId::CrimeReport, Jurisdiction::SD));
/// assert_eq!(log.application_id, "CR-12");
/// assert!(log.events.is_empty());
/// ```
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationLog {
    /// Always 1 for this version of the library.
    pub format_version: u32,
    /// The service.
    pub service: ServiceId,
    /// The jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The caller's id for the application.
    pub application_id: String,
    /// The events, oldest first.
    pub events: Vec<EventRecord>,
    /// The hash of the last event, or for a log with no events the hash of
    /// the header, so that the header is bound even then. Absent in logs
    /// written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<Digest32>,
    /// An office's signature over the head, when the log was sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<Seal>,
}

/// The JSON Schema of the serialised application log, as pretty JSON.
///
/// # Example
///
/// ```
/// assert!(kmcore::log_schema_json().contains("prev_hash"));
/// ```
pub fn log_schema_json() -> String {
    crate::bundle::schema_text(schemars::schema_for!(ApplicationLog))
}

#[derive(serde::Serialize)]
struct LogRef<'a> {
    format_version: u32,
    service: ServiceId,
    jurisdiction: Jurisdiction,
    application_id: &'a str,
    events: &'a [EventRecord],
    #[serde(skip_serializing_if = "Option::is_none")]
    head: Option<Digest32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seal: Option<&'a Seal>,
}

/// The index of the event whose JSON first differs between two texts.
fn first_difference(canonical: &str, given: &str, events: &[EventRecord]) -> u64 {
    let pos = canonical
        .bytes()
        .zip(given.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(canonical.len().min(given.len()));
    let mut offset = canonical.find("\"events\":[").map_or(0, |p| p + 10);
    for (i, ev) in events.iter().enumerate() {
        let len = serde_json::to_string(ev).map_or(0, |s| s.len()) + 1;
        if pos < offset + len {
            return i as u64;
        }
        offset += len;
    }
    events.len().saturating_sub(1) as u64
}

impl Application {
    /// Serialises the application's log as compact JSON.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let json = app.to_json();
    /// assert!(json.starts_with("{\"format_version\":1"));
    /// assert_eq!(Application::from_json(cat, &json).unwrap(), app);
    /// ```
    pub fn to_json(&self) -> String {
        self.to_json_with_head(true)
    }

    /// The JSON log, with or without its head (logs written before the head
    /// was recorded are compared with the form without it).
    fn to_json_with_head(&self, head: bool) -> String {
        let log = LogRef {
            format_version: LOG_FORMAT_VERSION,
            service: self.service,
            jurisdiction: self.jurisdiction,
            application_id: &self.id,
            events: &self.events,
            head: head.then(|| self.last_hash()),
            seal: self.seal.as_ref(),
        };
        serde_json::to_string(&log).unwrap_or_default()
    }

    /// Restores an application from its JSON log: checks the format, verifies
    /// the hash chain, then replays every event under the bundle version it
    /// recorded (which the catalogue must hold) and checks the replay agrees.
    ///
    /// The text must be exactly as [`Application::to_json`] wrote it: any
    /// other spelling of the same data is refused, so that a changed byte
    /// can never pass unnoticed.
    ///
    /// # Errors
    ///
    /// - `InvalidInput` (`log.json`, `log.format_version`) for malformed
    ///   JSON or an unknown format.
    /// - `TamperedLog` (`log.hash`, `log.chain`, `log.sequence`,
    ///   `log.not_canonical`, `log.replay_mismatch`) with the index of the
    ///   first bad event.
    /// - `NotKnown` (`log.unknown_bundle`) when an event's bundle version is
    ///   not held by the catalogue, and (`log.bundle_mismatch`) when the
    ///   catalogue holds a different bundle under that version (the event's
    ///   recorded digest differs): not tampering, but the wrong rules.
    /// - `TamperedLog` (`log.head`) when the recorded head does not match.
    /// - `InvalidInput` (`limit.log_bytes`, `limit.log_events`) past the
    ///   catalogue's [`crate::Limits`].
    ///
    /// A seal stored with the log is kept but not checked here (that needs
    /// the office's public key): see [`Application::verify_seal`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let back = Application::from_json(cat, &app.to_json()).unwrap();
    /// assert_eq!(back.state(), "submitted");
    /// assert!(Application::from_json(cat, "{}").unwrap_err().is_invalid_input());
    /// ```
    pub fn from_json(catalogue: &Catalogue, text: &str) -> Result<Application> {
        let max_bytes = catalogue.limits().max_log_bytes;
        if text.len() > max_bytes {
            return Err(KmError::invalid(
                "limit.log_bytes",
                format!(
                    "the log is {} bytes, more than the limit of {max_bytes} (see `Limits::max_log_bytes`)",
                    text.len()
                ),
            ));
        }
        let log: ApplicationLog = serde_json::from_str(text)
            .map_err(|e| KmError::invalid("log.json", format!("application log: {e}")))?;
        if log.format_version != LOG_FORMAT_VERSION {
            return Err(KmError::invalid(
                "log.format_version",
                format!(
                    "log format version {} is not supported (expected {LOG_FORMAT_VERSION})",
                    log.format_version
                ),
            ));
        }
        let max_events = catalogue.limits().max_log_events;
        if log.events.len() > max_events {
            return Err(super::too_many_events(max_events));
        }
        let genesis = genesis_hash(log.service, log.jurisdiction, &log.application_id);
        verify_chain(genesis, &log.events)?;
        let head = log.events.last().map_or(genesis, |e| e.hash);
        if log.head.is_some_and(|h| h != head) {
            return Err(KmError::tampered(
                "log.head",
                log.events.len().saturating_sub(1) as u64,
                "the head does not match the log: the header or the last event was changed",
            ));
        }
        if log.head.is_none() && log.events.is_empty() {
            // Without events only the head binds the header: a head-less
            // empty log could have its id or service changed unseen.
            return Err(KmError::tampered(
                "log.head",
                0,
                "a log without events must record its head, which binds its header",
            ));
        }
        if let Some(seal) = &log.seal {
            super::seal::check_key_id(&seal.key_id)?;
        }
        let mut app = Application::replay(
            catalogue,
            log.service,
            log.jurisdiction,
            &log.application_id,
            &log.events,
        )?;
        app.seal = log.seal;
        let canonical = app.to_json_with_head(log.head.is_some());
        if canonical != text {
            let index = first_difference(&canonical, text, &app.events);
            return Err(KmError::tampered(
                "log.not_canonical",
                index,
                format!(
                    "the log is not byte-for-byte as written (first difference in event {index})"
                ),
            ));
        }
        Ok(app)
    }
}
