//! Applications as append-only, hash-chained event logs.
//!
//! The log is the truth: an application's state, facts and recorded fee are
//! derived by replaying it. Each event records when it happened, who did
//! it, and the bundle version it was decided under, so a replay reproduces
//! the same state and fee after the default bundle changes.

mod chain;
mod log;
mod replay;
mod seal;
mod sla;

use chrono::{DateTime, FixedOffset};

use crate::catalogue::Catalogue;
use crate::decision::{AsOf, Decision};
use crate::error::{ErrorKind, KmError, Result};
use crate::facts::{FactValue, Facts};
use crate::jurisdiction::Jurisdiction;
use crate::named::named_enum;
use crate::service::ServiceId;
use crate::workflow::{Guard, Workflow, WorkflowTable};

pub use crate::digest::Digest32;
use chain::{HashedParts, genesis_hash};
pub use log::{ApplicationLog, log_schema_json};
pub use seal::{Seal, Signature64, seal_public_key};
pub use sla::{ClockState, SlaStatus};

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

named_enum! {
    /// Who performed an event.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Actor::Clerk.as_str(), "clerk");
    /// ```
    pub enum Actor("actor", "actor.unknown") {
        /// The citizen (or someone applying for them).
        Citizen = "citizen",
        /// A counter clerk at the centre.
        Clerk = "clerk",
        /// A police officer verifying records.
        Police = "police",
        /// A supervising officer who approves or refuses.
        Supervisor = "supervisor",
        /// An automatic step (expiry, a payment callback).
        System = "system",
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
    /// The content digest of that bundle ([`crate::RuleBundle::digest`]);
    /// absent in logs written before digests were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle_digest: Option<Digest32>,
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

/// An event [`Application::check_event`] accepted: its index, the state it
/// leads to and the fee its eligibility guard fixed.
#[derive(Clone, Copy, Debug)]
struct Checked {
    event: usize,
    next: usize,
    fee_paisa: Option<i64>,
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
    seal: Option<Seal>,
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
            seal: None,
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
    #[doc(hidden)]
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
    /// - `InvalidInput`: an unknown event name or an instant earlier than
    ///   the last event.
    /// - `MoveNotAllowed`: the current state does not accept the event; the
    ///   error names the state and the event.
    /// - `NotEligible`: the event's guard failed; the error lists the
    ///   reason codes of the failed rules.
    /// - `Undetermined`: the guard cannot be decided: a fact it needs is
    ///   missing (`fact.missing`, the message names them) or a rule's value
    ///   is not known (`workflow.guard_undetermined`).
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
        let max_events = catalogue.limits().max_log_events;
        if self.events.len() >= max_events {
            return Err(too_many_events(max_events));
        }
        let bundle_version = catalogue.bundle().version();
        let bundle_digest = catalogue.bundle().digest();
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
            bundle_digest: Some(&bundle_digest),
            facts: &facts,
            fee_paisa: checked.fee_paisa,
        }
        .hash(&mut Vec::with_capacity(224));
        let record = EventRecord {
            seq,
            event: name.to_string(),
            at,
            actor,
            bundle_version: bundle_version.to_string(),
            bundle_digest: Some(bundle_digest),
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
        crate::calendar::check_instant(&at)?;
        let mut merged = self.facts.clone();
        if let Some(f) = facts {
            f.validate()?;
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
                    "{}: unknown event `{}` (known: {})",
                    self.service,
                    crate::excerpt(event),
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
        crate::calendar::check_instant(&at)?;
        facts.validate()?;
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
                let state = table.state_name(self.state).unwrap_or("?");
                if decision.outcome() == crate::decision::Outcome::Undetermined {
                    let missing: Vec<&str> = decision.missing_facts().map(|k| k.as_str()).collect();
                    let reasons: Vec<String> = decision
                        .failures()
                        .map(|c| c.code().as_str().to_string())
                        .collect();
                    let (code, what) = if missing.is_empty() {
                        (
                            "workflow.guard_undetermined",
                            format!("a rule it needs is not known ({})", reasons.join(", ")),
                        )
                    } else {
                        (
                            "fact.missing",
                            format!("it needs the facts: {}", missing.join(", ")),
                        )
                    };
                    return Err(KmError::new(
                        ErrorKind::Undetermined,
                        code,
                        format!(
                            "{}: `{event}` in state `{state}` cannot be decided: {what}",
                            self.service
                        ),
                    )
                    .with_state_event(state, event)
                    .with_reasons(reasons));
                }
                if !decision.eligible() {
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
        // The seal covered the log without this event.
        self.seal = None;
        self.events.push(record);
        self.events
            .last()
            .ok_or_else(|| KmError::invalid("workflow.internal", "event was not recorded"))
    }
}

/// The error for a log longer than the catalogue's limit.
fn too_many_events(max: usize) -> KmError {
    KmError::invalid(
        "limit.log_events",
        format!("a log may hold at most {max} events (see `Limits::max_log_events`)"),
    )
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
