//! The JSON form of an application's log, written and read back exactly.

use crate::application::chain::{genesis_hash, verify_chain};
use crate::application::{Application, EventRecord, LOG_FORMAT_VERSION};
use crate::catalogue::Catalogue;
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
        let log = LogRef {
            format_version: LOG_FORMAT_VERSION,
            service: self.service,
            jurisdiction: self.jurisdiction,
            application_id: &self.id,
            events: &self.events,
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
    ///   not held by the catalogue.
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
        let genesis = genesis_hash(log.service, log.jurisdiction, &log.application_id);
        verify_chain(genesis, &log.events)?;
        let app = Application::replay(
            catalogue,
            log.service,
            log.jurisdiction,
            &log.application_id,
            &log.events,
        )?;
        let canonical = app.to_json();
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
