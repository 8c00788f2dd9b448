//! Applications as append-only, hash-chained event logs.
//!
//! The log is the truth: an application's state, facts and recorded fee are
//! derived by replaying it. Each event records when it happened, who did
//! it, and the bundle version it was decided under, so a replay reproduces
//! the same state and fee after the default bundle changes.

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use crate::catalogue::Catalogue;
use crate::decision::{AsOf, Decision};
use crate::error::{ErrorKind, KmError, Result};
use crate::facts::{FactValue, Facts};
use crate::jurisdiction::Jurisdiction;
use crate::service::ServiceId;
use crate::workflow::{Guard, Workflow, WorkflowTable};

/// The log format this library reads and writes.
///
/// # Example
///
/// ```
/// use kmcore::{Application, Catalogue, Jurisdiction, ServiceId, LOG_FORMAT_VERSION};
/// let cat = Catalogue::embedded().unwrap();
/// let app = Application::new(cat, ServiceId::FirCopy, Jurisdiction::ICT, "FIR-7").unwrap();
/// let log: serde_json::Value = serde_json::from_str(&app.to_json()).unwrap();
/// assert_eq!(log["format_version"], LOG_FORMAT_VERSION);
/// ```
pub const LOG_FORMAT_VERSION: u32 = 1;

/// Who performed an event.
///
/// # Example
///
/// ```
/// assert_eq!(kmcore::Actor::Clerk.as_str(), "clerk");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The citizen (or someone applying for them).
    Citizen,
    /// A counter clerk at the centre.
    Clerk,
    /// A police officer verifying records.
    Police,
    /// A supervising officer who approves or refuses.
    Supervisor,
    /// An automatic step (expiry, a payment callback).
    System,
}

impl Actor {
    /// Every actor.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Actor;
    /// assert_eq!(Actor::ALL.len(), 5);
    /// assert!(Actor::ALL.iter().all(|a| a.as_str().parse::<Actor>().unwrap() == *a));
    /// ```
    pub const ALL: [Actor; 5] = [
        Actor::Citizen,
        Actor::Clerk,
        Actor::Police,
        Actor::Supervisor,
        Actor::System,
    ];

    /// The stable name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::Actor;
    /// assert_eq!(Actor::Supervisor.as_str(), "supervisor");
    /// assert_eq!(serde_json::to_string(&Actor::Police).unwrap(), format!("\"{}\"", Actor::Police.as_str()));
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Actor::Citizen => "citizen",
            Actor::Clerk => "clerk",
            Actor::Police => "police",
            Actor::Supervisor => "supervisor",
            Actor::System => "system",
        }
    }
}

impl std::str::FromStr for Actor {
    type Err = KmError;
    fn from_str(s: &str) -> Result<Self> {
        Actor::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| KmError::invalid("actor.unknown", format!("unknown actor `{s}`")))
    }
}

/// A 32-byte SHA-256 digest, written as lowercase hex.
///
/// # Example
///
/// ```
/// use kmcore::{Actor, Application, Catalogue, Digest32, Jurisdiction, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "LR-3").unwrap();
/// let first = app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
/// assert_ne!(first.hash, Digest32::default());
/// assert_eq!(first.hash.to_string().len(), 64);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Digest32(pub [u8; 32]);

impl std::fmt::Debug for Digest32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self}")
    }
}

impl std::fmt::Display for Digest32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Digest32 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Digest32 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_hex(&text).ok_or_else(|| serde::de::Error::custom("expected 64 lowercase hex digits"))
    }
}

fn parse_hex(text: &str) -> Option<Digest32> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *o = (nibble(*hi)? << 4) | nibble(*lo)?;
    }
    Some(Digest32(out))
}

impl schemars::JsonSchema for Digest32 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Digest32".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "pattern": "^[0-9a-f]{64}$" })
    }
}

/// One event in an application's log.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Application, ServiceId, Jurisdiction, Actor};
/// let cat = Catalogue::embedded().unwrap();
/// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-1").unwrap();
/// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
/// let event = &app.events()[0];
/// assert_eq!(event.event, "submit");
/// assert_eq!(event.fee_paisa, Some(0));
/// ```
#[derive(
    Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// Position in the log, from 0.
    pub seq: u64,
    /// The event's name in the service's workflow.
    pub event: String,
    /// When it happened.
    pub at: DateTime<FixedOffset>,
    /// Who did it.
    pub actor: Actor,
    /// The bundle version it was decided under.
    pub bundle_version: String,
    /// Facts the event supplied (at submission, or later corrections).
    #[serde(default, skip_serializing_if = "facts_empty")]
    pub facts: Facts,
    /// The fee due as decided by an eligibility guard, in paisa; `None`
    /// when the event has no such guard or the fee is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_paisa: Option<i64>,
    /// The hash of the event before this one (or of the log header).
    pub prev_hash: Digest32,
    /// This event's hash.
    pub hash: Digest32,
}

/// True when no fact is set.
///
/// Comparing with an empty `Facts` is a handful of inlined compares, where
/// asking each of the ~50 keys in turn (`Facts::keys`) made a call per key:
/// perf put that at 19% of a replay, most events carrying no facts.
fn facts_empty(f: &Facts) -> bool {
    static EMPTY: std::sync::LazyLock<Facts> = std::sync::LazyLock::new(Facts::default);
    *f == *EMPTY
}

/// The parts of an event that its hash covers, borrowed.
struct HashedParts<'a> {
    prev_hash: &'a Digest32,
    seq: u64,
    event: &'a str,
    at: &'a DateTime<FixedOffset>,
    actor: Actor,
    bundle_version: &'a str,
    facts: &'a Facts,
    fee_paisa: Option<i64>,
}

impl HashedParts<'_> {
    /// SHA-256 over the canonical binary encoding; `scratch` is reused.
    fn hash(&self, scratch: &mut Vec<u8>) -> Digest32 {
        scratch.clear();
        scratch.extend_from_slice(&self.prev_hash.0);
        scratch.extend_from_slice(&self.seq.to_le_bytes());
        push_str(scratch, self.event);
        scratch.extend_from_slice(&self.at.timestamp().to_le_bytes());
        scratch.extend_from_slice(&self.at.timestamp_subsec_nanos().to_le_bytes());
        scratch.extend_from_slice(&self.at.offset().local_minus_utc().to_le_bytes());
        scratch.push(self.actor as u8);
        push_str(scratch, self.bundle_version);
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
    fn parts(&self) -> HashedParts<'_> {
        HashedParts {
            prev_hash: &self.prev_hash,
            seq: self.seq,
            event: &self.event,
            at: &self.at,
            actor: self.actor,
            bundle_version: &self.bundle_version,
            facts: &self.facts,
            fee_paisa: self.fee_paisa,
        }
    }

    /// The hash this event should have, given its contents and `prev_hash`.
    fn compute_hash(&self, scratch: &mut Vec<u8>) -> Digest32 {
        self.parts().hash(scratch)
    }
}

fn push_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// An event [`Application::check_event`] accepted: its index, the state it
/// leads to and the fee its eligibility guard fixed.
#[derive(Clone, Copy, Debug)]
struct Checked {
    event: usize,
    next: usize,
    fee_paisa: Option<i64>,
}

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

/// An application: an append-only event log and the state derived from it.
///
/// A failed `apply` leaves the log exactly as it was.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Application, ServiceId, Jurisdiction, Actor, Facts, LicenceCategory};
/// let cat = Catalogue::embedded().unwrap();
/// let mut app = Application::new(cat, ServiceId::LearnerPermit, Jurisdiction::PB, "LP-1").unwrap();
/// let facts = Facts {
///     category: Some(LicenceCategory::Motorcycle),
///     date_of_birth: Some("2000-01-01".parse().unwrap()),
///     has_valid_cnic: Some(true),
///     ..Facts::default()
/// };
/// let t = |s: &str| s.parse().unwrap();
/// app.apply(cat, "submit", t("2025-01-01T10:00:00+05:00"), Actor::Clerk, Some(facts)).unwrap();
/// app.apply(cat, "pay_fee", t("2025-01-01T10:05:00+05:00"), Actor::Citizen, None).unwrap();
/// assert_eq!(app.state(), "fee_paid");
/// assert!(app.allowed_events().contains(&"issue"));
/// let json = app.to_json();
/// let back = Application::from_json(cat, &json).unwrap();
/// assert_eq!(back, app);
/// assert_eq!(back.to_json(), json);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Application {
    service: ServiceId,
    jurisdiction: Jurisdiction,
    id: String,
    events: Vec<EventRecord>,
    state: usize,
    facts: Facts,
    genesis: Digest32,
}

impl Application {
    /// Starts an application (no events yet; the workflow's initial state).
    ///
    /// # Errors
    ///
    /// `InvalidInput` when the service is a check with no workflow, or the
    /// service is not offered in the jurisdiction.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Application, ServiceId, Jurisdiction};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert!(Application::new(cat, ServiceId::TestBooking, Jurisdiction::PB, "x").is_err());
    /// ```
    pub fn new(
        catalogue: &Catalogue,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        id: impl Into<String>,
    ) -> Result<Application> {
        let table = catalogue.workflow(service).ok_or_else(|| {
            KmError::invalid(
                "service.no_workflow",
                format!("{service} is a check, not an application with a workflow"),
            )
        })?;
        let info = catalogue.service(service);
        if !info.offered_in.contains(&jurisdiction) {
            return Err(KmError::invalid(
                "service.not_offered",
                format!("{service} is not offered in {jurisdiction}"),
            ));
        }
        let id = id.into();
        let genesis = genesis_hash(service, jurisdiction, &id);
        Ok(Application {
            service,
            jurisdiction,
            id,
            events: Vec::new(),
            state: table.initial(),
            facts: Facts::default(),
            genesis,
        })
    }

    /// The service.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// assert_eq!(app.service(), ServiceId::LostReport);
    /// ```
    pub fn service(&self) -> ServiceId {
        self.service
    }

    /// The jurisdiction.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// assert_eq!(app.jurisdiction(), Jurisdiction::KP);
    /// ```
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// The caller's id for the application.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// assert_eq!(app.id(), "LR-41");
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The events, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// assert_eq!(app.events().len(), 1);
    /// assert_eq!(app.events()[0].event, "submit");
    /// assert_eq!(app.events()[0].actor, Actor::Citizen);
    /// ```
    pub fn events(&self) -> &[EventRecord] {
        &self.events
    }

    /// The facts gathered from the events.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Facts, Jurisdiction, LicenceCategory, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LearnerPermit, Jurisdiction::ICT, "LP-9").unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("1999-06-15".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// app.apply(cat, "submit", "2025-02-03T11:00:00+05:00".parse().unwrap(), Actor::Clerk, Some(facts)).unwrap();
    /// assert_eq!(app.facts().category, Some(LicenceCategory::MotorCar));
    /// ```
    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// The current state's name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// assert_eq!(app.state(), "draft");
    /// ```
    pub fn state(&self) -> &'static str {
        crate::services::table(self.service)
            .and_then(|t| t.state_name(self.state))
            .unwrap_or("")
    }

    /// The current state's index in the workflow table.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let table = cat.workflow(ServiceId::LostReport).unwrap();
    /// assert_eq!(table.state_name(app.state_index()), Some(app.state()));
    /// ```
    pub fn state_index(&self) -> usize {
        self.state
    }

    /// The current state as the service's typed enum, or `None` when `W` is
    /// not this application's workflow.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Application, ServiceId, Jurisdiction};
    /// use kmcore::services::character_certificate_issue::{CharacterCertificateWorkflow, State};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::CharacterCertificateIssue, Jurisdiction::PB, "CC-1").unwrap();
    /// assert_eq!(app.typed_state::<CharacterCertificateWorkflow>(), Some(State::Draft));
    /// ```
    pub fn typed_state<W: Workflow>(&self) -> Option<W::State> {
        if W::SERVICE != self.service {
            return None;
        }
        W::STATES.get(self.state).copied()
    }

    /// Applies a typed event (see [`Application::apply`]).
    ///
    /// # Errors
    ///
    /// As [`Application::apply`]; also `InvalidInput` when `W` is not this
    /// application's workflow.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// use kmcore::services::lost_report::{Event, LostReportWorkflow, State};
    /// use kmcore::services::fir_copy::FirCopyWorkflow;
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::PB, "LR-5").unwrap();
    /// let at = "2025-05-01T09:00:00+05:00".parse().unwrap();
    /// app.apply_typed::<LostReportWorkflow>(cat, Event::Submit, at, Actor::Citizen, None).unwrap();
    /// assert_eq!(app.typed_state::<LostReportWorkflow>(), Some(State::Submitted));
    /// let wrong = kmcore::services::fir_copy::Event::Submit;
    /// assert!(app.apply_typed::<FirCopyWorkflow>(cat, wrong, at, Actor::Citizen, None).is_err());
    /// ```
    pub fn apply_typed<W: Workflow>(
        &mut self,
        catalogue: &Catalogue,
        event: W::Event,
        at: DateTime<FixedOffset>,
        actor: Actor,
        facts: Option<Facts>,
    ) -> Result<&EventRecord> {
        if W::SERVICE != self.service {
            return Err(KmError::invalid(
                "workflow.wrong_service",
                format!(
                    "a {} event cannot apply to a {} application",
                    W::SERVICE,
                    self.service
                ),
            ));
        }
        self.apply(catalogue, W::event_name(event), at, actor, facts)
    }

    /// True when the current state accepts no event.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// assert!(!app.is_terminal());
    /// app.apply(cat, "withdraw", "2025-05-02T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// assert!(app.is_terminal());
    /// assert!(app.allowed_events().is_empty());
    /// ```
    pub fn is_terminal(&self) -> bool {
        crate::services::table(self.service)
            .and_then(|t| t.states().get(self.state))
            .is_some_and(|s| s.flags.terminal)
    }

    /// The events the current state accepts, by name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// assert!(app.allowed_events().contains(&"submit"));
    /// assert!(!app.allowed_events().contains(&"issue"));
    /// ```
    pub fn allowed_events(&self) -> Vec<&'static str> {
        crate::services::table(self.service)
            .map(|t| {
                t.allowed(self.state)
                    .filter_map(|e| t.event_name(e))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Applies an event at an instant, by an actor, with optional facts,
    /// under the catalogue's current bundle.
    ///
    /// # Errors
    ///
    /// - `InvalidInput`: an unknown event name, an instant earlier than the
    ///   last event, or facts a guard needs are missing.
    /// - `MoveNotAllowed`: the current state does not accept the event; the
    ///   error names the state and the event.
    /// - `NotEligible`: the event's guard failed; the error lists the
    ///   reason codes of the failed rules.
    ///
    /// In every error case the log is unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Application, ServiceId, Jurisdiction, Actor, Facts};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::CharacterCertificateIssue, Jurisdiction::PB, "CC-7").unwrap();
    /// let facts = Facts { has_valid_cnic: Some(true), has_passport: Some(true), has_affidavit: Some(false),
    ///     applicant_abroad: Some(false), applied_by: Some(kmcore::AppliedBy::SelfApplicant),
    ///     has_authority_letter: Some(false), has_photograph: Some(false), ..Facts::default() };
    /// let err = app.apply(cat, "submit", "2025-01-01T10:00:00+05:00".parse().unwrap(), Actor::Clerk, Some(facts)).unwrap_err();
    /// assert!(err.is_not_eligible());
    /// assert!(err.reasons().contains(&"document.required".to_string()));
    /// assert!(app.events().is_empty());
    /// ```
    pub fn apply(
        &mut self,
        catalogue: &Catalogue,
        event: &str,
        at: DateTime<FixedOffset>,
        actor: Actor,
        facts: Option<Facts>,
    ) -> Result<&EventRecord> {
        let table = self.table()?;
        let bundle_version = catalogue.bundle().version();
        let facts = facts.unwrap_or_default();
        let checked = self.check_event(catalogue, table, event, at, &facts, bundle_version)?;
        let prev_hash = self.last_hash();
        let seq = self.events.len() as u64;
        let name = table.event_name(checked.event).unwrap_or(event);
        let hash = HashedParts {
            prev_hash: &prev_hash,
            seq,
            event: name,
            at: &at,
            actor,
            bundle_version,
            facts: &facts,
            fee_paisa: checked.fee_paisa,
        }
        .hash(&mut Vec::with_capacity(192));
        let record = EventRecord {
            seq,
            event: name.to_string(),
            at,
            actor,
            bundle_version: bundle_version.to_string(),
            facts,
            fee_paisa: checked.fee_paisa,
            prev_hash,
            hash,
        };
        self.append(table, checked, record)
    }

    /// Evaluates the guard an event would face now, without applying it.
    ///
    /// # Errors
    ///
    /// As [`Application::apply`], except that a failed guard is returned as
    /// a decision rather than an error.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Application, Catalogue, Facts, Jurisdiction, LicenceCategory, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let app = Application::new(cat, ServiceId::LearnerPermit, Jurisdiction::PB, "LP-2").unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2010-04-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let at = "2025-05-01T09:00:00+05:00".parse().unwrap();
    /// let decision = app.preview(cat, "submit", at, Some(&facts)).unwrap().unwrap();
    /// assert!(!decision.eligible());
    /// assert!(app.events().is_empty());
    /// assert!(app.preview(cat, "issue", at, None).is_err());
    /// ```
    pub fn preview<'c>(
        &self,
        catalogue: &'c Catalogue,
        event: &str,
        at: DateTime<FixedOffset>,
        facts: Option<&Facts>,
    ) -> Result<Option<Decision<'c>>> {
        let table = self.table()?;
        let e = self.event_index(table, event)?;
        self.next_state(table, e)?;
        let mut merged = self.facts.clone();
        if let Some(f) = facts {
            merged.merge(f);
        }
        guard_decision(
            catalogue,
            catalogue.bundle().version(),
            table,
            e,
            self,
            &merged,
            at,
        )
    }

    fn table(&self) -> Result<&'static WorkflowTable> {
        crate::services::table(self.service).ok_or_else(|| {
            KmError::invalid(
                "service.no_workflow",
                format!("{} has no workflow", self.service),
            )
        })
    }

    fn event_index(&self, table: &WorkflowTable, event: &str) -> Result<usize> {
        table.event_index(event).ok_or_else(|| {
            let known: Vec<&str> = table.events().iter().map(|e| e.name).collect();
            KmError::invalid(
                "workflow.unknown_event",
                format!(
                    "{}: unknown event `{event}` (known: {})",
                    self.service,
                    known.join(", ")
                ),
            )
        })
    }

    fn next_state(&self, table: &WorkflowTable, e: usize) -> Result<usize> {
        table.next(self.state, e).ok_or_else(|| {
            KmError::move_not_allowed(
                self.service.as_str(),
                table.state_name(self.state).unwrap_or("?"),
                table.event_name(e).unwrap_or("?"),
            )
        })
    }

    /// The hash the next event chains from.
    fn last_hash(&self) -> Digest32 {
        self.events.last().map_or(self.genesis, |l| l.hash)
    }

    /// Checks event `event` at `at` with the facts it supplies, under the
    /// bundle `bundle_version`: the move, the time order and the guard,
    /// without changing the application. Returns where the event leads and
    /// the fee its eligibility guard fixed.
    fn check_event(
        &self,
        catalogue: &Catalogue,
        table: &WorkflowTable,
        event: &str,
        at: DateTime<FixedOffset>,
        facts: &Facts,
        bundle_version: &str,
    ) -> Result<Checked> {
        let e = self.event_index(table, event)?;
        let next = self.next_state(table, e)?;
        if let Some(last) = self.events.last() {
            if at < last.at {
                return Err(KmError::invalid(
                    "workflow.time_order",
                    format!(
                        "event `{event}` at {} is earlier than the last event at {}",
                        at.to_rfc3339(),
                        last.at.to_rfc3339()
                    ),
                ));
            }
        }
        let guard = table.events().get(e).map_or(Guard::None, |i| i.guard);
        let mut fee_paisa = None;
        if guard != Guard::None {
            // Only a guard reads the merged facts: events without one (most
            // of a long log) skip the copy.
            let mut merged = self.facts.clone();
            merged.merge(facts);
            if let Some(decision) =
                guard_decision(catalogue, bundle_version, table, e, self, &merged, at)?
            {
                if !decision.eligible() {
                    let state = table.state_name(self.state).unwrap_or("?");
                    let reasons: Vec<String> = decision
                        .failures()
                        .map(|c| c.code().as_str().to_string())
                        .collect();
                    return Err(KmError::new(
                        ErrorKind::NotEligible,
                        "workflow.guard_failed",
                        format!(
                            "{}: `{event}` refused in state `{state}`: {}",
                            self.service,
                            reasons.join(", ")
                        ),
                    )
                    .with_state_event(state, event)
                    .with_reasons(reasons));
                }
                if guard == Guard::Eligibility {
                    fee_paisa = decision.fee_due().map(|m| m.paisa());
                }
            }
        }
        Ok(Checked {
            event: e,
            next,
            fee_paisa,
        })
    }

    /// Appends a record that [`Application::check_event`] accepted.
    fn append(
        &mut self,
        table: &WorkflowTable,
        checked: Checked,
        record: EventRecord,
    ) -> Result<&EventRecord> {
        if let Some(stamp) = table.events().get(checked.event).and_then(|i| i.stamps) {
            // The event's own date becomes a fact (the day a permit was issued...).
            let _ = self
                .facts
                .set(stamp.as_str(), FactValue::Date(record.at.date_naive()));
        }
        self.facts.merge(&record.facts);
        self.state = checked.next;
        self.events.push(record);
        self.events
            .last()
            .ok_or_else(|| KmError::invalid("workflow.internal", "event was not recorded"))
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
        let mut app = Application::new(catalogue, service, jurisdiction, id)?;
        let table = app.table()?;
        app.events.reserve(events.len());
        // One hashing buffer for the whole log.
        let mut scratch = Vec::with_capacity(256);
        for (i, recorded) in events.iter().enumerate() {
            catalogue.bundle_by_version(&recorded.bundle_version).ok_or_else(|| {
                KmError::new(
                    ErrorKind::NotKnown,
                    "log.unknown_bundle",
                    format!(
                        "event {i} was decided under bundle `{}`, which this catalogue does not hold",
                        recorded.bundle_version
                    ),
                )
            })?;
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
                facts: recorded.facts.clone(),
                fee_paisa: checked.fee_paisa,
                prev_hash,
                hash,
            };
            app.append(table, checked, record)?;
        }
        Ok(app)
    }

    /// The SLA clock at an instant: see [`crate::SlaStatus`].
    ///
    /// # Errors
    ///
    /// `InvalidInput` when `now` is before the last event.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let sla = app.sla(cat, "2025-05-02T09:00:00+05:00".parse().unwrap()).unwrap();
    /// assert_eq!(sla.clock, kmcore::ClockState::Running);
    /// assert!(app.sla(cat, "2025-04-30T09:00:00+05:00".parse().unwrap()).is_err());
    /// ```
    pub fn sla(
        &self,
        catalogue: &Catalogue,
        now: DateTime<FixedOffset>,
    ) -> Result<crate::SlaStatus> {
        crate::sla::status(catalogue, self, now)
    }

    /// How long the application spent in each state, up to `now`, in seconds:
    /// `(state name, seconds)` in the order states were entered.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when `now` is before the last event.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let mut app = Application::new(cat, ServiceId::LostReport, Jurisdiction::KP, "LR-41").unwrap();
    /// app.apply(cat, "submit", "2025-05-01T09:00:00+05:00".parse().unwrap(), Actor::Citizen, None).unwrap();
    /// let times = app.time_in_states("2025-05-01T11:30:00+05:00".parse().unwrap()).unwrap();
    /// assert_eq!(times, vec![("submitted", 2 * 3600 + 1800)]);
    /// ```
    pub fn time_in_states(&self, now: DateTime<FixedOffset>) -> Result<Vec<(&'static str, i64)>> {
        let table = self.table()?;
        if let Some(last) = self.events.last() {
            if now < last.at {
                return Err(KmError::invalid(
                    "sla.time_order",
                    "`now` is before the application's last event",
                ));
            }
        }
        let mut out: Vec<(&'static str, i64)> = Vec::new();
        let mut state = table.initial();
        for (i, ev) in self.events.iter().enumerate() {
            let e = self.event_index(table, &ev.event)?;
            state = table.next(state, e).unwrap_or(state);
            let until = self.events.get(i + 1).map_or(now, |n| n.at);
            let secs = (until - ev.at).num_seconds();
            let name = table.state_name(state).unwrap_or("?");
            match out.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 += secs,
                None => out.push((name, secs)),
            }
        }
        Ok(out)
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

#[derive(serde::Serialize)]
struct LogRef<'a> {
    format_version: u32,
    service: ServiceId,
    jurisdiction: Jurisdiction,
    application_id: &'a str,
    events: &'a [EventRecord],
}

fn genesis_hash(service: ServiceId, jurisdiction: Jurisdiction, id: &str) -> Digest32 {
    let mut h = Sha256::new();
    h.update(b"kmcore-log-v1\0");
    h.update(service.as_str().as_bytes());
    h.update([0]);
    h.update(jurisdiction.code().as_bytes());
    h.update([0]);
    h.update(id.as_bytes());
    Digest32(h.finalize().into())
}

fn verify_chain(genesis: Digest32, events: &[EventRecord]) -> Result<()> {
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

/// Evaluates the guard of event `e`, if it has one.
fn guard_decision<'c>(
    catalogue: &'c Catalogue,
    bundle_version: &str,
    table: &WorkflowTable,
    e: usize,
    app: &Application,
    facts: &Facts,
    at: DateTime<FixedOffset>,
) -> Result<Option<Decision<'c>>> {
    let guard = table.events().get(e).map_or(Guard::None, |i| i.guard);
    let service = match guard {
        Guard::None => return Ok(None),
        Guard::Eligibility => app.service,
        Guard::Rules(id) => id,
    };
    let bundle = catalogue.bundle_by_version(bundle_version).ok_or_else(|| {
        KmError::new(
            ErrorKind::NotKnown,
            "log.unknown_bundle",
            format!("bundle `{bundle_version}` is not held by this catalogue"),
        )
    })?;
    catalogue
        .evaluate_parts(bundle, service, app.jurisdiction, AsOf::Instant(at), facts)
        .map(Some)
}
