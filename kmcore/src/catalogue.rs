//! The catalogue: rule bundles, services and messages in one place, and the
//! entry point for evaluating requests.

use std::sync::{Arc, OnceLock};

use crate::bundle::ParamDef;
use crate::bundle::RuleBundle;
use crate::calendar;
use crate::decision::{Check, Decision, Outcome, Request};
use crate::error::{KmError, Result};
use crate::facts::{FactKey, Facts};
use crate::jurisdiction::Jurisdiction;
use crate::limits::Limits;
use crate::reason::{Lang, Messages, ReasonCode};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::{self, DocumentCondition, ServiceDef};
use crate::workflow::WorkflowTable;
use chrono::NaiveDate;

impl RuleBundle {
    /// The default bundle (PB, ICT, SD, KP) embedded in the library,
    /// checked against the services' parameters.
    ///
    /// # Errors
    ///
    /// Only if the embedded data were broken, which the test suite rules out.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kmcore::RuleBundle::embedded().unwrap().title().contains("Khidmat"));
    /// ```
    pub fn embedded() -> Result<RuleBundle> {
        RuleBundle::from_json_parts(crate::bundle::EMBEDDED_BUNDLE_FILES)
    }

    /// Parses and checks a bundle against the services' parameters.
    /// `file_name` is only used in error messages.
    ///
    /// # Errors
    ///
    /// As [`RuleBundle::parse`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::RuleBundle;
    /// let text = r#"{"format_version": 1, "bundle_version": "t", "title": "t",
    ///   "parameters": {"driving_licence.learner_permit": {"fee.flying": {}}}}"#;
    /// let err = RuleBundle::from_json("t.json", text).unwrap_err();
    /// assert_eq!(err.code(), "bundle.unknown_variant");
    /// ```
    pub fn from_json(file_name: &str, text: &str) -> Result<RuleBundle> {
        RuleBundle::parse(services::schema(), file_name, text)
    }

    /// Parses and checks a bundle split over several files against the
    /// services' parameters.
    ///
    /// # Errors
    ///
    /// As [`RuleBundle::parse_parts`].
    ///
    /// # Example
    ///
    /// ```
    /// let b = kmcore::RuleBundle::from_json_parts(kmcore::EMBEDDED_BUNDLE_FILES).unwrap();
    /// assert_eq!(b.version(), kmcore::RuleBundle::embedded().unwrap().version());
    /// ```
    pub fn from_json_parts(parts: &[(&str, &str)]) -> Result<RuleBundle> {
        RuleBundle::parse_parts(services::schema(), parts)
    }
}

/// Rule bundles, services and message catalogues: what every evaluation
/// needs. Cheap to clone; safe to share between threads.
///
/// A catalogue holds a current bundle and may hold older ones, so that an
/// application's log replays under the bundle version each event recorded.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// assert!(cat.services().any(|s| s.id == ServiceId::ArmsLicenceNew));
/// ```
#[derive(Clone, Debug)]
pub struct Catalogue {
    current: Arc<RuleBundle>,
    /// Earlier bundles kept for replay, oldest first.
    older: Vec<Arc<RuleBundle>>,
    messages: Arc<Messages>,
    limits: Limits,
}

static EMBEDDED: OnceLock<Result<Catalogue>> = OnceLock::new();

impl Catalogue {
    /// The catalogue over the embedded default bundle (built once, then shared).
    ///
    /// # Errors
    ///
    /// Only if the embedded data were broken, which the test suite rules out.
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// assert_eq!(cat.bundle().version(), kmcore::RuleBundle::embedded().unwrap().version());
    /// ```
    pub fn embedded() -> Result<&'static Catalogue> {
        EMBEDDED
            .get_or_init(|| RuleBundle::embedded().and_then(Catalogue::new))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A catalogue over a bundle.
    ///
    /// # Errors
    ///
    /// A `Bundle` error when the embedded message catalogues are broken or a
    /// workflow has unreachable or dead-end states (ruled out by tests).
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::new(kmcore::RuleBundle::embedded().unwrap()).unwrap();
    /// assert!(cat.services().count() > 20);
    /// ```
    pub fn new(bundle: RuleBundle) -> Result<Catalogue> {
        let problems: Vec<String> = services::tables()
            .flat_map(WorkflowTable::problems)
            .collect();
        if let Some(first) = problems.first() {
            return Err(KmError::bundle(
                "workflow.shape",
                "kmcore",
                "workflows",
                first,
            ));
        }
        Ok(Catalogue {
            current: Arc::new(bundle),
            older: Vec::new(),
            messages: Arc::new(Messages::embedded()?),
            limits: Limits::DEFAULT,
        })
    }

    /// A catalogue over a bundle read from JSON text.
    ///
    /// # Errors
    ///
    /// As [`RuleBundle::from_json`].
    ///
    /// # Example
    ///
    /// ```
    /// let err = kmcore::Catalogue::from_json("broken.json", "{").unwrap_err();
    /// assert!(err.is_bundle());
    /// ```
    pub fn from_json(file_name: &str, text: &str) -> Result<Catalogue> {
        Catalogue::new(RuleBundle::from_json(file_name, text)?)
    }

    /// A new catalogue whose current bundle is this one's with a what-if
    /// overlay applied. The original bundles stay available for replay.
    ///
    /// # Errors
    ///
    /// As [`RuleBundle::overlay`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let overlay = format!(r#"{{
    ///   "format_version": 1, "bundle_version": "lp-800", "title": "what-if", "overlay_of": "{}",
    ///   "parameters": {{"driving_licence.learner_permit": {{"fee.motor_car": {{"PB": [
    ///     {{"effective_from": "2027-01-01", "rupees": 800, "source": "what-if", "basis": "uncertain"}}
    ///   ]}}}}}}
    /// }}"#, cat.bundle().version());
    /// let what_if = cat.with_overlay("what-if.json", &overlay).unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2027-02-01".parse().unwrap(), facts);
    /// assert_eq!(what_if.evaluate(&r).unwrap().fee_due().unwrap().to_string(), "Rs 800");
    /// assert_eq!(what_if.versions().count(), 2);
    /// assert!(cat.with_overlay("bad.json", "{").is_err());
    /// ```
    pub fn with_overlay(&self, file_name: &str, text: &str) -> Result<Catalogue> {
        let merged = self
            .bundle()
            .overlay_within(file_name, text, self.limits.max_bundle_bytes)?;
        self.with_bundle(merged)
    }

    /// A new catalogue whose current bundle is `bundle`; the bundles already
    /// held stay available for replaying old logs. The same bundle again
    /// (same version, same [`RuleBundle::digest`]) replaces the one held.
    ///
    /// # Errors
    ///
    /// `Bundle` (`bundle.version_reused`) when a different bundle with the
    /// same version is held: logs record the version, so two bundles under
    /// one version would make replay ambiguous.
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// let same = cat.with_bundle(kmcore::RuleBundle::embedded().unwrap()).unwrap();
    /// assert_eq!(same.versions().count(), 1);
    /// let base = cat.bundle().version();
    /// let a = format!(r#"{{"format_version": 1, "bundle_version": "w", "title": "a", "overlay_of": "{base}", "parameters": {{}}}}"#);
    /// let b = a.replace(r#""title": "a""#, r#""title": "b""#);
    /// let one = cat.with_overlay("w.json", &a).unwrap();
    /// let other = cat.with_overlay("w.json", &b).unwrap();
    /// let err = one.with_bundle(other.bundle().clone()).unwrap_err();
    /// assert_eq!(err.code(), "bundle.version_reused");
    /// ```
    pub fn with_bundle(&self, bundle: RuleBundle) -> Result<Catalogue> {
        if let Some(held) = self.bundle_by_version(bundle.version()) {
            if held.digest() != bundle.digest() {
                return Err(KmError::bundle(
                    "bundle.version_reused",
                    bundle.file_name(),
                    "bundle_version",
                    format!(
                        "a different bundle with version `{}` is already held (digest {}, this one {})",
                        bundle.version(),
                        held.digest(),
                        bundle.digest()
                    ),
                ));
            }
        }
        let older: Vec<Arc<RuleBundle>> = self
            .older
            .iter()
            .chain(std::iter::once(&self.current))
            .filter(|b| b.version() != bundle.version())
            .cloned()
            .collect();
        Ok(Catalogue {
            current: Arc::new(bundle),
            older,
            messages: Arc::clone(&self.messages),
            limits: self.limits,
        })
    }

    /// The same catalogue with other size limits.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Actor, Application, Catalogue, Jurisdiction, Limits, ServiceId};
    /// let cat = Catalogue::embedded().unwrap().with_limits(Limits { max_log_events: 1, ..Limits::DEFAULT });
    /// let mut app = Application::new(&cat, ServiceId::LostReport, Jurisdiction::PB, "LR").unwrap();
    /// let at = "2025-05-01T09:00:00+05:00".parse().unwrap();
    /// app.apply(&cat, "submit", at, Actor::Citizen, None).unwrap();
    /// assert_eq!(app.apply(&cat, "issue", at, Actor::Clerk, None).unwrap_err().code(), "limit.log_events");
    /// ```
    pub fn with_limits(&self, limits: Limits) -> Catalogue {
        Catalogue {
            limits,
            ..self.clone()
        }
    }

    /// The size limits in force.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::Catalogue::embedded().unwrap().limits(), kmcore::Limits::DEFAULT);
    /// ```
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The current bundle.
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// assert!(!cat.bundle().version().is_empty());
    /// assert_eq!(cat.versions().last(), Some(cat.bundle().version()));
    /// ```
    pub fn bundle(&self) -> &RuleBundle {
        &self.current
    }

    /// The bundle with a version, if held.
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// let v = cat.bundle().version();
    /// assert_eq!(cat.bundle_by_version(v).map(|b| b.version()), Some(v));
    /// assert!(cat.bundle_by_version("1999.1.1").is_none());
    /// ```
    pub fn bundle_by_version(&self, version: &str) -> Option<&RuleBundle> {
        std::iter::once(&self.current)
            .chain(self.older.iter().rev())
            .find(|b| b.version() == version)
            .map(|b| &**b)
    }

    /// The versions of the bundles held, oldest first.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, RuleBundle};
    /// let cat = Catalogue::embedded().unwrap();
    /// let base = cat.bundle().version().to_string();
    /// let overlay = format!(
    ///     r#"{{"format_version": 1, "bundle_version": "w1", "title": "what-if", "overlay_of": "{base}", "parameters": {{}}}}"#,
    /// );
    /// let newer = cat.with_overlay("w1.json", &overlay).unwrap();
    /// assert_eq!(newer.versions().collect::<Vec<_>>(), [base.clone(), format!("{base}+w1")]);
    /// ```
    pub fn versions(&self) -> impl Iterator<Item = &str> {
        self.older
            .iter()
            .chain(std::iter::once(&self.current))
            .map(|b| b.version())
    }

    /// Evaluates a request under the current bundle. A fact the service
    /// requires that is missing makes the decision undetermined and is
    /// listed by [`Decision::missing_facts`]; facts the service does not
    /// use are ignored.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when the rules meet a date out of chrono's range.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, FactKey, Facts, Jurisdiction, Outcome, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2025-01-01".parse().unwrap(), Facts::default());
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.outcome(), Outcome::Undetermined);
    /// assert!(d.missing_facts().any(|k| k == FactKey::DateOfBirth));
    /// ```
    pub fn evaluate(&self, request: &Request) -> Result<Decision<'_>> {
        self.evaluate_in(self.bundle(), request)
    }

    /// Evaluates a request under the bundle with a given version.
    ///
    /// # Errors
    ///
    /// `NotKnown` (`bundle.unknown_version`) when the version is not held;
    /// otherwise as [`Catalogue::evaluate`].
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let r = Request::on_date(ServiceId::LostReport, Jurisdiction::PB, "2025-05-01".parse().unwrap(), Facts::default());
    /// let d = cat.evaluate_under(cat.bundle().version(), &r).unwrap();
    /// assert_eq!(d.bundle_version(), cat.bundle().version());
    /// assert!(cat.evaluate_under("1999.1.1", &r).unwrap_err().is_not_known());
    /// ```
    pub fn evaluate_under(&self, version: &str, request: &Request) -> Result<Decision<'_>> {
        let bundle = self.bundle_by_version(version).ok_or_else(|| {
            KmError::new(
                crate::ErrorKind::NotKnown,
                "bundle.unknown_version",
                format!("bundle `{version}` is not held by this catalogue"),
            )
        })?;
        self.evaluate_in(bundle, request)
    }

    pub(crate) fn evaluate_in<'c>(
        &'c self,
        bundle: &'c RuleBundle,
        request: &Request,
    ) -> Result<Decision<'c>> {
        self.evaluate_parts(
            bundle,
            request.service,
            request.jurisdiction,
            request.as_of,
            &request.facts,
        )
    }

    /// Evaluates a request given by its parts (a workflow guard evaluates
    /// the application's facts without copying them into a `Request`).
    pub(crate) fn evaluate_parts<'c>(
        &'c self,
        bundle: &'c RuleBundle,
        service: ServiceId,
        jurisdiction: Jurisdiction,
        as_of: crate::AsOf,
        facts: &Facts,
    ) -> Result<Decision<'c>> {
        check_as_of(as_of)?;
        facts.validate()?;
        let rules = ServiceRules::of(service, jurisdiction);
        let mut eval = Eval::of(bundle, service, jurisdiction, as_of, facts);
        run_rules_for(&mut eval, &rules)?;
        if let Some(candidate) = eval.come_back_candidate() {
            let mut scratch = Eval::failures_only(bundle, service, jurisdiction, as_of, facts);
            eval.set_eligible_from(come_back(&mut scratch, &rules, as_of.date(), candidate));
        }
        let status = eval.fee()?;
        // The decision is moved once, from the evaluation to the caller.
        Ok(eval.into_decision(status))
    }

    /// A check's message in English or Urdu, with its parameters filled in.
    ///
    /// # Example
    ///
    /// See [`crate::Check`].
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, Lang, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts { has_valid_cnic: Some(false), ..Facts::default() };
    /// let r = Request::on_date(ServiceId::PoliceVerification, Jurisdiction::SD, "2025-05-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// let failed = d.failures().next().unwrap();
    /// let en = cat.message(failed, Lang::En);
    /// let ur = cat.message(failed, Lang::Ur);
    /// assert!(!en.is_empty() && !ur.is_empty());
    /// assert_ne!(en, ur);
    /// ```
    pub fn message(&self, check: &Check<'_>, lang: Lang) -> String {
        crate::decision::message(&self.messages, check, lang)
    }

    /// The note for the counter clerk on a reason code, when it has one:
    /// how the rule is read, what is uncertain about it, where it comes
    /// from. Citizens' messages never carry these.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode};
    /// let cat = Catalogue::embedded().unwrap();
    /// let note = cat.clerk_note(ReasonCode::new("arms.age_over"), Lang::En).unwrap();
    /// assert!(note.contains("birthday"));
    /// assert!(cat.clerk_note(ReasonCode::new("no.such_code"), Lang::Ur).is_none());
    /// ```
    pub fn clerk_note(&self, code: ReasonCode, lang: Lang) -> Option<String> {
        self.messages.clerk_note(code, lang).map(str::to_string)
    }

    /// Every reason code the message catalogues have texts for, sorted.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode};
    /// let cat = Catalogue::embedded().unwrap();
    /// let codes = cat.message_codes();
    /// assert!(codes.contains(&"age.minimum"));
    /// assert!(codes.iter().all(|c| cat.has_message(ReasonCode::new(c), Lang::Ur)));
    /// ```
    pub fn message_codes(&self) -> Vec<&str> {
        self.messages.codes()
    }

    /// A message for a code, passed or failed, with the given parameters:
    /// what [`Catalogue::message`] renders for a check, for a code and
    /// parameters built by hand (a preview, a listing of every message).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, Param, ParamValue, ReasonCode};
    /// let cat = Catalogue::embedded().unwrap();
    /// let text = cat.render_message(
    ///     ReasonCode::new("decision.come_back"),
    ///     false,
    ///     &[Param::new("date", ParamValue::Date("2026-04-12".parse().unwrap()))],
    ///     Lang::En,
    /// );
    /// assert_eq!(text, "You can apply again from 12 April 2026.");
    /// ```
    pub fn render_message(
        &self,
        code: ReasonCode,
        passed: bool,
        params: &[crate::Param],
        lang: Lang,
    ) -> String {
        self.messages.render(code, passed, params, lang)
    }

    /// The sentence a citizen is told about the decision as a whole, beside
    /// the reasons: when to come back for a refusal that time alone will
    /// lift ("You can book the driving test from 12 April 2026."), or that
    /// the case cannot be decided yet; `None` otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, Lang, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     learner_issued_on: Some("2026-01-10".parse().unwrap()),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::TestBooking, Jurisdiction::PB, "2026-02-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(cat.outcome_message(&d, Lang::En).unwrap(), "You can book the driving test from 21 February 2026.");
    /// assert!(cat.outcome_message(&d, Lang::Ur).unwrap().contains("21-02-2026"));
    /// ```
    pub fn outcome_message(&self, decision: &Decision<'_>, lang: Lang) -> Option<String> {
        match decision.outcome() {
            Outcome::Eligible => None,
            Outcome::Undetermined => Some(self.render_message(
                ReasonCode::new("decision.undetermined"),
                false,
                &[],
                lang,
            )),
            Outcome::Refused => {
                let day = decision.eligible_from()?;
                let code = match decision.service() {
                    ServiceId::TestBooking => "decision.come_back.test_booking",
                    _ => "decision.come_back",
                };
                Some(self.render_message(
                    ReasonCode::new(code),
                    false,
                    &[crate::Param::new("date", crate::ParamValue::Date(day))],
                    lang,
                ))
            }
        }
    }

    /// The English and Urdu name of a term (a document, a category, a test).
    ///
    /// # Example
    ///
    /// ```
    /// let cat = kmcore::Catalogue::embedded().unwrap();
    /// assert_eq!(cat.term("affidavit", kmcore::Lang::En), "affidavit");
    /// assert_ne!(cat.term("affidavit", kmcore::Lang::Ur), "affidavit");
    /// ```
    pub fn term(&self, term: &str, lang: Lang) -> String {
        self.messages
            .term(term, lang)
            .map_or_else(|| term.replace('_', " "), str::to_string)
    }

    /// True when the message catalogues have a pass and a fail text for the
    /// code in the language.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Lang, ReasonCode};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert!(Lang::ALL.iter().all(|l| cat.has_message(ReasonCode::AGE_MINIMUM, *l)));
    /// assert!(!cat.has_message(ReasonCode::new("no.such_code"), Lang::En));
    /// ```
    pub fn has_message(&self, code: ReasonCode, lang: Lang) -> bool {
        self.messages.has_reason(code, lang)
    }

    /// What the catalogue knows about a service.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Jurisdiction, ServiceId, ServiceKind};
    /// let info = Catalogue::embedded().unwrap().service(ServiceId::ArmsLicenceNew);
    /// assert_eq!(info.kind, ServiceKind::Application);
    /// assert_eq!(info.offered_in, &[Jurisdiction::PB]);
    /// ```
    pub fn service(&self, id: ServiceId) -> ServiceInfo {
        ServiceInfo::of(id)
    }

    /// Every service, in catalogue order.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(cat.services().count(), ServiceId::ALL.len());
    /// assert_eq!(cat.services().next().unwrap().id, ServiceId::LearnerPermit);
    /// ```
    pub fn services(&self) -> impl Iterator<Item = ServiceInfo> + '_ {
        ServiceId::ALL.iter().map(|id| ServiceInfo::of(*id))
    }

    /// A service's workflow table, when it is an application.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// assert_eq!(cat.workflow(ServiceId::FirCopy).unwrap().service(), ServiceId::FirCopy);
    /// assert!(cat.workflow(ServiceId::TenantDeadline).is_none());
    /// ```
    pub fn workflow(&self, id: ServiceId) -> Option<&'static WorkflowTable> {
        services::table(id)
    }

    /// Every workflow table.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, ServiceKind};
    /// let cat = Catalogue::embedded().unwrap();
    /// let applications = cat.services().filter(|s| s.kind == ServiceKind::Application).count();
    /// assert_eq!(cat.workflows().count(), applications);
    /// ```
    pub fn workflows(&self) -> impl Iterator<Item = &'static WorkflowTable> {
        services::tables()
    }

    /// The documents checklist for a request: every document the service
    /// may ask for in the jurisdiction, whether it is required given the
    /// facts (and why), and whether the facts say it was supplied.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Request, ServiceId, Jurisdiction, Facts};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts { applicant_abroad: Some(false), ..Facts::default() };
    /// let r = Request::on_date(ServiceId::CharacterCertificateIssue, Jurisdiction::PB, "2025-01-01".parse().unwrap(), facts);
    /// let list = cat.documents(&r);
    /// let letter = list.iter().find(|d| d.id == "authority_letter").unwrap();
    /// assert_eq!(letter.required, Some(false));
    /// ```
    pub fn documents(&self, request: &Request) -> Vec<DocumentItem> {
        let def = services::def(request.service);
        // An instant out of range has no error to return here: its
        // Pakistan date (which saturates) stands in for `AsOf::date`.
        let date = match request.as_of {
            crate::AsOf::Instant(t) if check_as_of(request.as_of).is_err() => {
                calendar::pkt_date(&t)
            }
            as_of => as_of.date(),
        };
        let facts = &request.facts;
        def.documents
            .iter()
            .filter(|d| d.jurisdictions.contains(&request.jurisdiction))
            .map(|d| {
                let (required, condition) = match d.condition {
                    None => (Some(true), None),
                    Some(DocumentCondition::WhenFact(k)) => {
                        (bool_fact(facts, k), Some(format!("when {}", k.as_str())))
                    }
                    Some(DocumentCondition::UnlessFact(k)) => (
                        bool_fact(facts, k).map(|b| !b),
                        Some(format!("unless {}", k.as_str())),
                    ),
                    Some(DocumentCondition::FromAge(n)) => (
                        facts
                            .date_of_birth
                            .map(|dob| calendar::years_between(dob, date) >= n),
                        Some(format!("from age {n}")),
                    ),
                    Some(DocumentCondition::OverAge(n)) => (
                        facts
                            .date_of_birth
                            .map(|dob| calendar::years_between(dob, date) > n),
                        Some(format!("over age {n}")),
                    ),
                };
                DocumentItem {
                    id: d.id,
                    name: self.term(d.id, Lang::En),
                    name_ur: self.term(d.id, Lang::Ur),
                    required,
                    condition,
                    provided: d.provided_by.and_then(|k| bool_fact(facts, k)),
                }
            })
            .collect()
    }
}

fn bool_fact(facts: &Facts, key: FactKey) -> Option<bool> {
    match facts.get(key) {
        Some(crate::FactValue::Bool(b)) => Some(b),
        _ => None,
    }
}

/// One line of a documents checklist.
///
/// # Example
///
/// See [`Catalogue::documents`].
///
/// ```
/// use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let facts = Facts { has_valid_cnic: Some(true), ..Facts::default() };
/// let r = Request::on_date(ServiceId::PoliceVerification, Jurisdiction::ICT, "2025-05-01".parse().unwrap(), facts);
/// let cnic = cat.documents(&r).into_iter().find(|d| d.id == "cnic").unwrap();
/// assert_eq!((cnic.required, cnic.provided), (Some(true), Some(true)));
/// assert_eq!(cnic.condition, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct DocumentItem {
    /// Stable id, such as `authority_letter`.
    pub id: &'static str,
    /// English name.
    pub name: String,
    /// Urdu name.
    pub name_ur: String,
    /// Required given the facts; `None` when it depends on a fact not given.
    pub required: Option<bool>,
    /// When it is required, if not always.
    pub condition: Option<String>,
    /// Whether the facts say it was supplied; `None` when not said.
    pub provided: Option<bool>,
}

impl DocumentItem {
    /// True when the document is required and the facts say it is missing.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let on = "2025-05-01".parse().unwrap();
    /// let missing = |cnic| {
    ///     let facts = Facts { has_valid_cnic: Some(cnic), ..Facts::default() };
    ///     let r = Request::on_date(ServiceId::EmployeeRegistration, Jurisdiction::PB, on, facts);
    ///     cat.documents(&r).iter().any(|d| d.is_missing())
    /// };
    /// assert!(missing(false));
    /// assert!(!missing(true));
    /// ```
    pub fn is_missing(&self) -> bool {
        self.required == Some(true) && self.provided == Some(false)
    }
}

/// What the catalogue knows about a service.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, ServiceId, Jurisdiction, FactKey};
/// let info = Catalogue::embedded().unwrap().service(ServiceId::LearnerPermit);
/// assert!(info.required_facts(Jurisdiction::PB).contains(&FactKey::DateOfBirth));
/// assert_eq!(info.title, "Learner driving permit");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ServiceInfo {
    /// The id.
    pub id: ServiceId,
    /// English title.
    pub title: &'static str,
    /// Urdu title.
    pub title_ur: &'static str,
    /// Application or check.
    pub kind: ServiceKind,
    /// Jurisdictions whose centres offer it.
    pub offered_in: &'static [Jurisdiction],
    /// Facts that may be given but are not required.
    pub optional_facts: &'static [FactKey],
    /// Parameters read from the rule bundle.
    pub params: &'static [ParamDef],
    /// Every reason code the service can emit.
    pub reasons: &'static [ReasonCode],
    def: &'static ServiceDef,
}

impl ServiceInfo {
    fn of(id: ServiceId) -> ServiceInfo {
        let def = services::def(id);
        ServiceInfo {
            id,
            title: def.title,
            title_ur: def.title_ur,
            kind: def.kind,
            offered_in: def.offered_in,
            optional_facts: def.optional_facts,
            params: def.params,
            reasons: def.reasons,
            def,
        }
    }

    /// The facts the service requires in a jurisdiction.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, FactKey, Jurisdiction, ServiceId};
    /// let info = Catalogue::embedded().unwrap().service(ServiceId::LearnerPermit);
    /// assert_eq!(info.required_facts(Jurisdiction::SD), &[FactKey::Category, FactKey::DateOfBirth, FactKey::HasValidCnic]);
    /// ```
    pub fn required_facts(&self, jurisdiction: Jurisdiction) -> &'static [FactKey] {
        (self.def.required_facts)(jurisdiction)
    }

    /// The ids of the documents it may ask for in a jurisdiction.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Jurisdiction, ServiceId};
    /// let info = Catalogue::embedded().unwrap().service(ServiceId::ArmsLicenceNew);
    /// let ids = info.document_ids(Jurisdiction::PB);
    /// assert!(ids.contains(&"domicile") && ids.contains(&"ntn"));
    /// ```
    pub fn document_ids(&self, jurisdiction: Jurisdiction) -> Vec<&'static str> {
        self.def
            .documents
            .iter()
            .filter(|d| d.jurisdictions.contains(&jurisdiction))
            .map(|d| d.id)
            .collect()
    }
}

/// Runs a service's rules into an evaluation: a failed `service.offered`
/// check when the jurisdiction does not offer it, the missing required
/// facts (the decision is then undetermined), or the service's own rules.
///
/// # Errors
///
/// Refuses an instant the rules cannot use (see [`calendar::check_instant`]).
pub(crate) fn check_as_of(as_of: crate::AsOf) -> Result<()> {
    match as_of {
        crate::AsOf::Date(_) => Ok(()),
        crate::AsOf::Instant(t) => calendar::check_instant(&t),
    }
}

/// Checks a come-back candidate by evaluating on it: accepted when no
/// rule fails there; when a dated rule in force by then moves the day (a
/// higher minimum, a longer wait), its day is tried, a few times at most;
/// `None` when a failure there is not about time or a rule is not known
/// then. When a dated rule change makes an earlier day eligible (a shorter
/// wait from a date), the first eligible day after `as_of` is found by
/// halving; the day before the candidate is evaluated only when some value
/// of the jurisdiction changes between `as_of` and the candidate (without
/// one, the failed checks computed the candidate exactly).
///
/// `scratch` holds the service, jurisdiction and facts of the refused
/// request; it is reset for each day tried (its buffers reused, no
/// decision built), so what it holds afterwards is of no use.
pub(crate) fn come_back(
    scratch: &mut Eval<'_, '_>,
    rules: &ServiceRules,
    as_of: NaiveDate,
    candidate: NaiveDate,
) -> Option<NaiveDate> {
    let (service, jurisdiction, facts) = (scratch.service, scratch.jurisdiction, scratch.facts);
    let bundle = scratch.bundle;
    // The outcome on a day and the come-back day it points to; `None` when
    // the rules fail with an error there.
    let mut on = |day: NaiveDate| {
        scratch.reset(service, jurisdiction, crate::AsOf::Date(day), facts);
        run_rules_for(scratch, rules).ok()?;
        scratch.fee().ok()?;
        Some((scratch.verdict().outcome(), scratch.come_back_candidate()))
    };
    let mut day = candidate;
    for _ in 0..4 {
        match on(day)? {
            (Outcome::Eligible, _) => {
                let before = day.pred_opt()?;
                let mut eligible_on =
                    |d: NaiveDate| on(d).is_some_and(|(o, _)| o == Outcome::Eligible);
                // With the values of `as_of` in force up to `day`, the
                // failed checks computed `day` exactly: the day before
                // cannot pass. Only a dated change in between (a shorter
                // wait from some date) can make an earlier day eligible.
                if before <= as_of
                    || !bundle.values_change_between(jurisdiction, as_of, day)
                    || !eligible_on(before)
                {
                    return Some(day);
                }
                // Not eligible on `low`, eligible on `high`.
                let (mut low, mut high) = (as_of, before);
                while (high - low).num_days() > 1 {
                    let mid = low + (high - low) / 2;
                    if eligible_on(mid) {
                        high = mid;
                    } else {
                        low = mid;
                    }
                }
                return Some(high);
            }
            (Outcome::Undetermined, _) => return None,
            (Outcome::Refused, next) => {
                let next = next?;
                if next <= day {
                    return None;
                }
                day = next;
            }
        }
    }
    None
}

/// What [`run_rules`] looks up for a service and jurisdiction before it
/// reads a fact: a batch works it out once per group of rows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ServiceRules {
    pub(crate) service: ServiceId,
    pub(crate) jurisdiction: Jurisdiction,
    def: &'static ServiceDef,
    availability: services::Availability,
}

impl ServiceRules {
    /// The lookups for a service in a jurisdiction.
    pub(crate) fn of(service: ServiceId, jurisdiction: Jurisdiction) -> ServiceRules {
        let def = services::def(service);
        ServiceRules {
            service,
            jurisdiction,
            def,
            availability: services::availability(service, jurisdiction),
        }
    }

    /// Whether these are the lookups for the evaluation's service and
    /// jurisdiction.
    pub(crate) fn fit(&self, service: ServiceId, jurisdiction: Jurisdiction) -> bool {
        self.service == service && self.jurisdiction == jurisdiction
    }
}

/// Runs the rules of the evaluation's service: where the service is not
/// offered or not known to be, that check alone; where a required fact is
/// missing, the facts still needed; otherwise the service's own rules.
///
/// # Errors
///
/// An error of the service's rules (a date out of range).
pub(crate) fn run_rules(eval: &mut Eval<'_, '_>) -> Result<()> {
    run_rules_for(eval, &ServiceRules::of(eval.service, eval.jurisdiction))
}

/// [`run_rules`] with the lookups for the evaluation's service and
/// jurisdiction already made.
#[inline]
pub(crate) fn run_rules_for(eval: &mut Eval<'_, '_>, rules: &ServiceRules) -> Result<()> {
    if !rules.fit(eval.service, eval.jurisdiction) {
        return run_rules(eval);
    }
    let def = rules.def;
    let jurisdiction = eval.jurisdiction;
    match rules.availability {
        services::Availability::Offered | services::Availability::OfferedNotDecidable { .. } => {}
        services::Availability::NotOffered { .. } => {
            eval.check(ReasonCode::SERVICE_OFFERED, false, |c| {
                c.param(
                    crate::reason::ParamName::Jurisdiction,
                    crate::ParamValue::Term(jurisdiction.as_str()),
                )
            });
            eval.not_charged();
            return Ok(());
        }
        services::Availability::NotKnown => {
            // No source says whether the service is offered here.
            eval.check(ReasonCode::RULE_NOT_KNOWN, false, |c| {
                c.param(
                    crate::reason::ParamName::Rule,
                    crate::ParamValue::Term("availability"),
                )
                .param(
                    crate::reason::ParamName::Variant,
                    crate::ParamValue::Term(jurisdiction.as_str()),
                )
            });
            match def.kind {
                ServiceKind::Check => eval.not_charged(),
                ServiceKind::Application => eval.fee_not_known(),
            }
            return Ok(());
        }
    }
    let missing = (def.missing_facts)(eval.facts, jurisdiction);
    if missing != 0 {
        // The rules need these facts: without them the decision is
        // undetermined, and names the facts still needed.
        eval.set_missing(missing);
        return Ok(());
    }
    (def.evaluate)(eval)
}
