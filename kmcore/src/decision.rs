//! Explained decisions: every rule checked, with its reason code, outcome,
//! parameters, the bundle value it used and that value's source; and fee
//! quotes with their lines.

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::bundle::{DatedValue, RuleBundle, SlotCache};
use crate::error::{KmError, Result};
use crate::facts::Facts;
use crate::jurisdiction::Jurisdiction;
use crate::money::Money;
use crate::reason::{Lang, Messages, Param, ParamValue, ReasonCode};
use crate::service::{ServiceDef, ServiceId};

/// The most parameters one check carries.
const MAX_PARAMS: usize = 4;

/// One rule checked while evaluating an application.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Request, ServiceId, Jurisdiction, Facts, LicenceCategory, Lang};
/// let cat = Catalogue::embedded().unwrap();
/// let facts = Facts {
///     category: Some(LicenceCategory::MotorCar),
///     date_of_birth: Some("2008-03-02".parse().unwrap()),
///     has_valid_cnic: Some(true),
///     ..Facts::default()
/// };
/// let request = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
/// let decision = cat.evaluate(&request).unwrap();
/// let age = decision.checks().iter().find(|c| c.code().as_str() == "age.minimum").unwrap();
/// assert!(!age.passed());
/// assert!(cat.message(age, Lang::En).contains("18"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Check<'b> {
    code: ReasonCode,
    passed: bool,
    params: [Option<Param>; MAX_PARAMS],
    rule: Option<&'b DatedValue>,
}

impl<'b> Check<'b> {
    /// A check from its code and outcome.
    pub(crate) fn new(code: ReasonCode, passed: bool) -> Check<'b> {
        Check {
            code,
            passed,
            params: [None; MAX_PARAMS],
            rule: None,
        }
    }

    /// Adds a parameter (at most four; further ones are dropped).
    pub(crate) fn param(mut self, name: &'static str, value: ParamValue) -> Check<'b> {
        if let Some(slot) = self.params.iter_mut().find(|p| p.is_none()) {
            *slot = Some(Param::new(name, value));
        }
        self
    }

    /// Records the bundle value the check used.
    pub(crate) fn rule(mut self, rule: Option<&'b DatedValue>) -> Check<'b> {
        self.rule = rule;
        self
    }

    /// The reason code.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2008-03-02".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// let codes: Vec<_> = d.checks().iter().map(|c| c.code()).collect();
    /// assert!(codes.contains(&kmcore::ReasonCode::AGE_MINIMUM));
    /// ```
    pub fn code(&self) -> ReasonCode {
        self.code
    }

    /// True when the rule was met.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2008-03-02".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// let cnic = d.checks().iter().find(|c| c.code() == kmcore::ReasonCode::DOCUMENT_REQUIRED).unwrap();
    /// assert!(cnic.passed());
    /// ```
    pub fn passed(&self) -> bool {
        self.passed
    }

    /// The parameters involved (minimum, actual, dates...).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2008-03-02".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// let age = d.checks().iter().find(|c| c.code() == kmcore::ReasonCode::AGE_MINIMUM).unwrap();
    /// let minimum = age.params().find(|p| p.name == "minimum").unwrap();
    /// assert_eq!(minimum.value, kmcore::ParamValue::Years(18));
    /// ```
    pub fn params(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().flatten()
    }

    /// The bundle value the rule used, with its source and basis.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2008-03-02".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// let age = d.checks().iter().find(|c| c.code() == kmcore::ReasonCode::AGE_MINIMUM).unwrap();
    /// let rule = age.rule_value().unwrap();
    /// assert_eq!(rule.key, "driving_licence.learner_permit.min_age.motor_car");
    /// assert_eq!(rule.amount, 18);
    /// ```
    pub fn rule_value(&self) -> Option<&'b DatedValue> {
        self.rule
    }
}

/// What a fee line is for.
///
/// # Example
///
/// ```
/// assert_eq!(kmcore::FeeLineKind::Urgent.as_str(), "urgent");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeLineKind {
    /// The fee for the service itself.
    Base,
    /// A test fee quoted together with the service.
    Test,
    /// A surcharge for the urgent (fast-track) option.
    Urgent,
    /// A late fee that replaces the on-time fee.
    Late,
    /// Courier or delivery included in a quoted total.
    Courier,
}

impl FeeLineKind {
    /// The stable name.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::FeeLineKind;
    /// assert_eq!(FeeLineKind::Late.as_str(), "late");
    /// assert_eq!(serde_json::to_string(&FeeLineKind::Courier).unwrap(), "\"courier\"");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            FeeLineKind::Base => "base",
            FeeLineKind::Test => "test",
            FeeLineKind::Urgent => "urgent",
            FeeLineKind::Late => "late",
            FeeLineKind::Courier => "courier",
        }
    }
}

/// One line of a fee quote.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let facts = Facts {
///     category: Some(LicenceCategory::Motorcycle),
///     date_of_birth: Some("2000-01-01".parse().unwrap()),
///     has_valid_cnic: Some(true),
///     ..Facts::default()
/// };
/// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
/// let d = cat.evaluate(&r).unwrap();
/// let line = &d.quote().lines()[0];
/// assert_eq!(line.kind, kmcore::FeeLineKind::Base);
/// assert_eq!(line.amount.to_string(), "Rs 500");
/// assert_eq!(line.rule.key, "driving_licence.learner_permit.fee.motorcycle");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FeeLine<'b> {
    /// What the line is for.
    pub kind: FeeLineKind,
    /// The amount.
    pub amount: Money,
    /// The bundle value it came from (key, date range, source, basis).
    pub rule: &'b DatedValue,
}

/// Whether a fee is known.
///
/// # Example
///
/// ```
/// use kmcore::{FeeStatus, Money};
/// assert_ne!(FeeStatus::Known(Money::ZERO), FeeStatus::NotKnown);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", content = "total_paisa", rename_all = "snake_case")]
pub enum FeeStatus {
    /// The total is known (zero means known to be free).
    Known(Money),
    /// The bundle has no fee for this jurisdiction and date: the library
    /// does not guess.
    NotKnown,
    /// No fee applies (a check rather than an application).
    NotCharged,
}

/// A fee quote: its lines, then the total, the as-of date and the bundle version.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
/// let cat = Catalogue::embedded().unwrap();
/// let facts = Facts {
///     category: Some(LicenceCategory::Motorcycle),
///     date_of_birth: Some("2000-01-01".parse().unwrap()),
///     has_valid_cnic: Some(true),
///     ..Facts::default()
/// };
/// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
/// let d = cat.evaluate(&r).unwrap();
/// let quote = d.quote();
/// assert_eq!(quote.lines().len(), 1);
/// assert_eq!(quote.total(), Some(kmcore::Money::from_rupees(500).unwrap()));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FeeQuote<'b> {
    lines: Vec<FeeLine<'b>>,
    status: FeeStatus,
}

impl<'b> FeeQuote<'b> {
    /// The lines, in the order they add up.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// let sum = d.quote().lines().iter().try_fold(kmcore::Money::ZERO, |acc, l| acc.checked_add(l.amount)).unwrap();
    /// assert_eq!(Some(sum), d.quote().total());
    /// ```
    pub fn lines(&self) -> &[FeeLine<'b>] {
        &self.lines
    }

    /// Known, not known, or not charged.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, FeeStatus, Jurisdiction, Request, ServiceId, Facts};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     issued_on: Some("2025-01-10".parse().unwrap()),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::CharacterCertificateValidity, Jurisdiction::PB, "2025-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.quote().status(), FeeStatus::NotCharged);
    /// ```
    pub fn status(&self) -> FeeStatus {
        self.status
    }

    /// The total, when it is known.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.quote().total().map(|m| m.to_string()), Some("Rs 500".to_string()));
    /// ```
    pub fn total(&self) -> Option<Money> {
        match self.status {
            FeeStatus::Known(m) => Some(m),
            FeeStatus::NotKnown | FeeStatus::NotCharged => None,
        }
    }
}

/// A deadline or last valid moment a check computed.
///
/// # Example
///
/// ```
/// use kmcore::Deadline;
/// let d = Deadline::Date("2025-06-30".parse().unwrap());
/// assert_eq!(d.to_string(), "2025-06-30");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Deadline {
    /// The last valid day, inclusive.
    Date(NaiveDate),
    /// The last moment that is still on time.
    Instant(DateTime<FixedOffset>),
}

impl std::fmt::Display for Deadline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Deadline::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Deadline::Instant(t) => write!(f, "{}", t.to_rfc3339()),
        }
    }
}

/// When a request is evaluated: a date, or an exact instant (deadline checks).
///
/// # Example
///
/// ```
/// use kmcore::AsOf;
/// let at: AsOf = "2026-01-02T19:59:00+05:00".parse().unwrap();
/// assert_eq!(at.date().to_string(), "2026-01-02");
/// let on: AsOf = "2026-01-02".parse().unwrap();
/// assert_eq!(on.date(), at.date());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum AsOf {
    /// A calendar date (Pakistan time).
    Date(NaiveDate),
    /// An instant.
    Instant(DateTime<FixedOffset>),
}

impl AsOf {
    /// The calendar date in the instant's own offset.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::AsOf;
    /// // An instant late in the evening stays on its own calendar day.
    /// let at: AsOf = "2025-08-13T23:30:00+05:00".parse().unwrap();
    /// assert_eq!(at.date().to_string(), "2025-08-13");
    /// ```
    pub fn date(self) -> NaiveDate {
        match self {
            AsOf::Date(d) => d,
            AsOf::Instant(t) => t.date_naive(),
        }
    }
}

impl std::str::FromStr for AsOf {
    type Err = KmError;
    fn from_str(s: &str) -> Result<Self> {
        if s.len() == 10 {
            crate::calendar::parse_date(s).map(AsOf::Date)
        } else {
            crate::calendar::parse_instant(s).map(AsOf::Instant)
        }
    }
}

/// A question to the rules: which service, where, when, on what facts.
///
/// # Example
///
/// ```
/// use kmcore::{Request, ServiceId, Jurisdiction, Facts};
/// let r = Request::on_date(ServiceId::LostReport, Jurisdiction::KP, "2025-05-01".parse().unwrap(), Facts::default());
/// assert_eq!(r.as_of.date().to_string(), "2025-05-01");
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The service.
    pub service: ServiceId,
    /// The jurisdiction whose rules apply.
    pub jurisdiction: Jurisdiction,
    /// When the rules are applied.
    pub as_of: AsOf,
    /// The facts.
    #[serde(default)]
    pub facts: Facts,
}

impl Request {
    /// A request evaluated on a date.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{AsOf, Facts, Jurisdiction, Request, ServiceId};
    /// let date = "2025-05-01".parse().unwrap();
    /// let r = Request::on_date(ServiceId::TenantRegistration, Jurisdiction::ICT, date, Facts::default());
    /// assert_eq!(r.as_of, AsOf::Date(date));
    /// ```
    pub fn on_date(
        service: ServiceId,
        jurisdiction: Jurisdiction,
        date: NaiveDate,
        facts: Facts,
    ) -> Request {
        Request {
            service,
            jurisdiction,
            as_of: AsOf::Date(date),
            facts,
        }
    }

    /// A request evaluated at an instant.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{AsOf, Facts, Jurisdiction, Request, ServiceId};
    /// let at = "2025-05-01T18:45:00+05:00".parse().unwrap();
    /// let r = Request::at_instant(ServiceId::GuestDeadline, Jurisdiction::PB, at, Facts::default());
    /// assert_eq!(r.as_of, AsOf::Instant(at));
    /// assert_eq!(r.as_of.date().to_string(), "2025-05-01");
    /// ```
    pub fn at_instant(
        service: ServiceId,
        jurisdiction: Jurisdiction,
        at: DateTime<FixedOffset>,
        facts: Facts,
    ) -> Request {
        Request {
            service,
            jurisdiction,
            as_of: AsOf::Instant(at),
            facts,
        }
    }
}

/// The answer to a [`Request`]: every rule checked, the fee quote and any
/// deadline, under a named bundle version.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Request, ServiceId, Jurisdiction, Facts, Purpose};
/// let cat = Catalogue::embedded().unwrap();
/// let facts = Facts { purpose: Some(Purpose::Overseas), has_valid_cnic: Some(true), ..Facts::default() };
/// let d = cat.evaluate(&Request::on_date(ServiceId::CharacterCertificateIssue, Jurisdiction::KP,
///     "2025-05-01".parse().unwrap(), facts)).unwrap();
/// assert!(d.eligible());
/// assert_eq!(d.fee_due().unwrap().to_string(), "Rs 3,000");
/// assert!(d.bundle_version().len() > 0);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Decision<'b> {
    service: ServiceId,
    jurisdiction: Jurisdiction,
    as_of: AsOf,
    bundle_version: &'b str,
    checks: Vec<Check<'b>>,
    fee: FeeQuote<'b>,
    deadline: Option<Deadline>,
}

impl<'b> Decision<'b> {
    /// The service asked about.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.service(), ServiceId::LearnerPermit);
    /// ```
    pub fn service(&self) -> ServiceId {
        self.service
    }

    /// The jurisdiction whose rules applied.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.jurisdiction(), Jurisdiction::PB);
    /// ```
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// When the rules were applied.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.as_of().date().to_string(), "2026-03-01");
    /// ```
    pub fn as_of(&self) -> AsOf {
        self.as_of
    }

    /// The version of the bundle the values came from.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.bundle_version(), cat.bundle().version());
    /// ```
    pub fn bundle_version(&self) -> &'b str {
        self.bundle_version
    }

    /// Every rule checked, passed and failed, in the order checked.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert!(!d.checks().is_empty());
    /// assert!(d.checks().iter().all(|c| c.passed()));
    /// ```
    pub fn checks(&self) -> &[Check<'b>] {
        &self.checks
    }

    /// The checks that failed.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2008-03-02".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// let failed: Vec<_> = d.failures().map(|c| c.code().as_str()).collect();
    /// assert_eq!(failed, ["age.minimum"]);
    /// ```
    pub fn failures(&self) -> impl Iterator<Item = &Check<'b>> {
        self.checks.iter().filter(|c| !c.passed)
    }

    /// True when every rule passed: the service can be granted, the report
    /// is on time, or the document is still valid.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2008-03-02".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert!(!d.eligible());
    /// ```
    pub fn eligible(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// The fee quote, computed even when a rule failed.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::MotorCar),
    ///     date_of_birth: Some("2008-03-02".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// // Refused, yet the quote is still computed.
    /// assert_eq!(d.quote().total().map(|m| m.to_string()), Some("Rs 500".to_string()));
    /// assert_eq!(d.fee_due(), None);
    /// ```
    pub fn quote(&self) -> &FeeQuote<'b> {
        &self.fee
    }

    /// The fee to pay: the quote's total when eligible and known; `None` for
    /// a refused application, a check, or a fee that is not known.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.fee_due().unwrap().to_string(), "Rs 500");
    /// ```
    pub fn fee_due(&self) -> Option<Money> {
        if self.eligible() {
            self.fee.total()
        } else {
            None
        }
    }

    /// A deadline or last valid day, for checks that compute one.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Deadline, Facts, Jurisdiction, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     issued_on: Some("2025-01-10".parse().unwrap()),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::CharacterCertificateValidity, Jurisdiction::PB, "2025-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert!(matches!(d.deadline(), Some(Deadline::Date(_))));
    /// ```
    pub fn deadline(&self) -> Option<Deadline> {
        self.deadline
    }
}

/// The check and fee-line buffers of an evaluation, kept by a loop that
/// evaluates many requests (see [`Eval::with_buffers`]).
#[derive(Debug, Default)]
pub(crate) struct EvalBuffers<'b> {
    checks: Vec<Check<'b>>,
    lines: Vec<FeeLine<'b>>,
    slots: Option<SlotCache>,
}

impl EvalBuffers<'_> {
    /// Buffers with room for a typical evaluation.
    pub(crate) fn new() -> Self {
        EvalBuffers {
            checks: Vec::with_capacity(CHECKS_CAPACITY),
            lines: Vec::with_capacity(LINES_CAPACITY),
            slots: Some(SlotCache::new()),
        }
    }
}

/// The evaluation in progress: what a service's rules read and write.
pub(crate) struct Eval<'b, 'r> {
    pub(crate) bundle: &'b RuleBundle,
    pub(crate) service: &'static ServiceDef,
    pub(crate) jurisdiction: Jurisdiction,
    pub(crate) as_of: AsOf,
    pub(crate) date: NaiveDate,
    pub(crate) facts: &'r Facts,
    checks: Vec<Check<'b>>,
    lines: Vec<FeeLine<'b>>,
    fee_status: Option<FeeStatus>,
    deadline: Option<Deadline>,
    /// Keep only the checks that fail (a batch reads nothing else).
    failures_only: bool,
    /// The slots of parameters read, kept across a batch's rows.
    slots: Option<SlotCache>,
}

impl<'b, 'r> Eval<'b, 'r> {
    /// An evaluation from its parts (no `Request` needed, so a guard does
    /// not clone the application's facts). The check and fee-line buffers
    /// come from the thread's spare buffers when there are some.
    pub(crate) fn of(
        bundle: &'b RuleBundle,
        service: &'static ServiceDef,
        jurisdiction: Jurisdiction,
        as_of: AsOf,
        facts: &'r Facts,
    ) -> Eval<'b, 'r> {
        let (checks, lines) = take_spare();
        Eval {
            bundle,
            service,
            jurisdiction,
            as_of,
            date: as_of.date(),
            facts,
            checks,
            lines,
            fee_status: None,
            deadline: None,
            failures_only: false,
            slots: None,
        }
    }

    /// An evaluation writing into the caller's (emptied) buffers, for a
    /// loop that keeps its own: [`Eval::into_buffers`] gives them back.
    /// It keeps only the checks that fail: the batch reads the failed codes
    /// and missing documents, and copying every passed check into the
    /// buffer was 4% of a batch row's instructions (callgrind).
    pub(crate) fn with_buffers(
        bundle: &'b RuleBundle,
        service: &'static ServiceDef,
        jurisdiction: Jurisdiction,
        as_of: AsOf,
        facts: &'r Facts,
        mut buffers: EvalBuffers<'b>,
    ) -> Eval<'b, 'r> {
        buffers.checks.clear();
        buffers.lines.clear();
        Eval {
            bundle,
            service,
            jurisdiction,
            as_of,
            date: as_of.date(),
            facts,
            checks: buffers.checks,
            lines: buffers.lines,
            fee_status: None,
            deadline: None,
            failures_only: true,
            slots: buffers.slots,
        }
    }

    /// Starts this evaluation over for another request, keeping its
    /// buffers (and the bundle it reads).
    #[inline]
    pub(crate) fn reset(
        &mut self,
        service: &'static ServiceDef,
        jurisdiction: Jurisdiction,
        as_of: AsOf,
        facts: &'r Facts,
    ) {
        self.service = service;
        self.jurisdiction = jurisdiction;
        self.as_of = as_of;
        self.date = as_of.date();
        self.facts = facts;
        self.checks.clear();
        self.lines.clear();
        self.fee_status = None;
        self.deadline = None;
    }

    /// Ends the evaluation, giving its buffers back.
    pub(crate) fn into_buffers(mut self) -> EvalBuffers<'b> {
        EvalBuffers {
            checks: std::mem::take(&mut self.checks),
            lines: std::mem::take(&mut self.lines),
            slots: self.slots.take(),
        }
    }

    /// The checks recorded so far.
    pub(crate) fn checks(&self) -> &[Check<'b>] {
        &self.checks
    }

    /// The fee status the decision will have: the one set by the rules, or
    /// the sum of the fee lines (not known when there are none).
    ///
    /// # Errors
    ///
    /// `InvalidInput` (`money.overflow`) when the lines overflow.
    pub(crate) fn fee(&self) -> Result<FeeStatus> {
        Ok(match self.fee_status {
            Some(status) => status,
            None if self.lines.is_empty() => FeeStatus::NotKnown,
            None => {
                let mut total = Money::ZERO;
                for line in &self.lines {
                    total = total.checked_add(line.amount)?;
                }
                FeeStatus::Known(total)
            }
        })
    }

    /// This service's parameter in force on the as-of date.
    #[inline]
    pub(crate) fn value(
        &self,
        name: &'static str,
        variant: &'static str,
    ) -> Option<&'b DatedValue> {
        self.value_of(self.service.id, name, variant)
    }

    /// Another service's parameter in force on the as-of date (shared
    /// values such as the learner permit's validity).
    #[inline]
    pub(crate) fn value_of(
        &self,
        service: ServiceId,
        name: &'static str,
        variant: &'static str,
    ) -> Option<&'b DatedValue> {
        self.value_on_date(service, name, variant, self.date)
    }

    #[inline(always)]
    fn value_on_date(
        &self,
        service: ServiceId,
        name: &'static str,
        variant: &'static str,
        date: NaiveDate,
    ) -> Option<&'b DatedValue> {
        match &self.slots {
            Some(cache) => {
                self.bundle
                    .cached_value(cache, service, name, variant, self.jurisdiction, date)
            }
            None => self
                .bundle
                .value(service, name, variant, self.jurisdiction, date),
        }
    }

    /// A parameter's value on another date (rules fixed by the law in force
    /// when something happened, such as possession of premises).
    pub(crate) fn value_on(
        &self,
        name: &'static str,
        variant: &'static str,
        date: NaiveDate,
    ) -> Option<&'b DatedValue> {
        self.value_on_date(self.service.id, name, variant, date)
    }

    /// Records a check of `code` that `passed` or not; `detail` adds its
    /// parameters and the bundle value it used. A batch keeps only failed
    /// checks, and then `detail` does not run for a passed one: what only
    /// explains a check (an age as years, months and days...) is not
    /// computed when nobody reads it.
    #[inline]
    pub(crate) fn check(
        &mut self,
        code: ReasonCode,
        passed: bool,
        detail: impl FnOnce(Check<'b>) -> Check<'b>,
    ) {
        if !(self.failures_only && passed) {
            self.checks.push(detail(Check::new(code, passed)));
        }
    }

    /// Records a check that a rule value is known; returns the value.
    /// When it is not known the check fails with `rule.not_known`, so a
    /// decision never rests on a guessed value.
    pub(crate) fn require(
        &mut self,
        name: &'static str,
        variant: &'static str,
    ) -> Option<&'b DatedValue> {
        let v = self.value(name, variant);
        if v.is_none() {
            self.check(ReasonCode::RULE_NOT_KNOWN, false, |c| {
                c.param("rule", ParamValue::Term(name)).param(
                    "variant",
                    ParamValue::Term(if variant.is_empty() {
                        "all_cases"
                    } else {
                        variant
                    }),
                )
            });
        }
        v
    }

    /// Adds a fee line from a bundle value (which must be in rupees).
    pub(crate) fn fee_line(&mut self, kind: FeeLineKind, value: &'b DatedValue) {
        if let Some(amount) = value.money() {
            self.lines.push(FeeLine {
                kind,
                amount,
                rule: value,
            });
        }
    }

    /// Adds the fee line of this service's parameter, or marks the fee not
    /// known when the bundle has no value for the jurisdiction and date.
    pub(crate) fn fee_from(
        &mut self,
        kind: FeeLineKind,
        name: &'static str,
        variant: &'static str,
    ) {
        match self.value(name, variant) {
            Some(v) => self.fee_line(kind, v),
            None => self.fee_not_known(),
        }
    }

    /// Marks the fee as not known (no source for this jurisdiction and date).
    pub(crate) fn fee_not_known(&mut self) {
        self.fee_status = Some(FeeStatus::NotKnown);
    }

    /// Marks the request as a check for which no fee is charged.
    pub(crate) fn not_charged(&mut self) {
        self.fee_status = Some(FeeStatus::NotCharged);
    }

    /// Records a deadline.
    pub(crate) fn set_deadline(&mut self, deadline: Deadline) {
        self.deadline = Some(deadline);
    }

    pub(crate) fn finish(mut self) -> Result<Decision<'b>> {
        let status = self.fee()?;
        Ok(Decision {
            service: self.service.id,
            jurisdiction: self.jurisdiction,
            as_of: self.as_of,
            bundle_version: self.bundle.version(),
            checks: std::mem::take(&mut self.checks),
            fee: FeeQuote {
                lines: std::mem::take(&mut self.lines),
                status,
            },
            deadline: self.deadline,
        })
    }
}

impl Drop for Eval<'_, '_> {
    fn drop(&mut self) {
        put_spare(
            std::mem::take(&mut self.checks),
            std::mem::take(&mut self.lines),
        );
    }
}

impl Drop for Decision<'_> {
    fn drop(&mut self) {
        put_spare(
            std::mem::take(&mut self.checks),
            std::mem::take(&mut self.fee.lines),
        );
    }
}

// ---------------------------------------------------------------------------
// Buffer reuse.
//
// Every evaluation needs a vector of checks and one of fee lines. Each
// thread keeps the buffers of the last decision (or evaluation) it dropped
// and the next evaluation on that thread takes them, so evaluating in a loop
// allocates nothing after the first time. Callgrind showed malloc and free
// of these two buffers (a check is 192 bytes, so the buffer of 8 checks is
// too large for glibc's per-thread cache) at about a third of the
// instructions of a small service's evaluation; see BENCHMARKS.md.

/// Capacity of a new check buffer (most services record fewer checks).
const CHECKS_CAPACITY: usize = 8;
/// Capacity of a new fee-line buffer.
const LINES_CAPACITY: usize = 4;
/// Larger buffers are freed rather than kept.
const MAX_SPARE_CHECKS: usize = 64;

/// The spare buffers of one thread, empty and with no live borrows: a
/// `Check<'static>` holds no reference until one is pushed.
struct Spare {
    checks: Vec<Check<'static>>,
    lines: Vec<FeeLine<'static>>,
}

thread_local! {
    static SPARE: RefCell<Spare> = const {
        RefCell::new(Spare {
            checks: Vec::new(),
            lines: Vec::new(),
        })
    };
}

/// Takes the thread's spare buffers, or allocates new ones.
fn take_spare<'b>() -> (Vec<Check<'b>>, Vec<FeeLine<'b>>) {
    let (mut checks, mut lines) = SPARE
        .try_with(|s| {
            s.try_borrow_mut()
                .map(|mut s| (std::mem::take(&mut s.checks), std::mem::take(&mut s.lines)))
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if checks.capacity() == 0 {
        checks.reserve_exact(CHECKS_CAPACITY);
    }
    if lines.capacity() == 0 {
        lines.reserve_exact(LINES_CAPACITY);
    }
    // `Vec<Check<'static>>` is a `Vec<Check<'b>>` (covariance).
    (checks, lines)
}

/// Keeps emptied buffers for the thread's next evaluation, when it has none.
#[inline]
fn put_spare(checks: Vec<Check<'_>>, lines: Vec<FeeLine<'_>>) {
    // A batch's evaluation gave its buffers back already: nothing to keep.
    if checks.capacity() == 0 && lines.capacity() == 0 {
        return;
    }
    keep_spare(checks, lines);
}

fn keep_spare(checks: Vec<Check<'_>>, lines: Vec<FeeLine<'_>>) {
    let _ = SPARE.try_with(|s| {
        if let Ok(mut s) = s.try_borrow_mut() {
            if s.checks.capacity() == 0 && checks.capacity() <= MAX_SPARE_CHECKS {
                s.checks = forget_lifetime(checks);
            }
            if s.lines.capacity() == 0 {
                s.lines = forget_lifetime(lines);
            }
        }
    });
}

/// Empties a buffer and gives it back with the element type's lifetime
/// erased, keeping its allocation: an emptied `Vec<T<'b>>` collected
/// in place into a `Vec<T<'static>>` (same size and alignment, so the
/// standard library reuses the allocation; no element is ever moved).
fn forget_lifetime<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// Renders a check's message in a language.
pub(crate) fn message(messages: &Messages, check: &Check<'_>, lang: Lang) -> String {
    // The parameters side by side on the stack: no vector per message.
    let mut params = [Param::new("", ParamValue::Number(0)); MAX_PARAMS];
    let mut count = 0;
    for (slot, p) in params.iter_mut().zip(check.params()) {
        *slot = *p;
        count += 1;
    }
    messages.render(
        check.code,
        check.passed,
        params.get(..count).unwrap_or(&[]),
        lang,
    )
}
