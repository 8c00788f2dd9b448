//! Explained decisions: every rule checked, with its reason code, outcome,
//! parameters, the bundle value it used and that value's source; and fee
//! quotes with their lines.

use chrono::{DateTime, FixedOffset, NaiveDate};
use smallvec::SmallVec;

use crate::bundle::{Basis, DatedValue};
use crate::error::{KmError, Result};
use crate::facts::{FactKey, Facts};
use crate::jurisdiction::Jurisdiction;
use crate::money::Money;
use crate::named::named_enum;
use crate::reason::{Lang, Messages, Param, ParamName, ParamValue, ReasonCode};
use crate::service::ServiceId;

/// The most parameters one check carries.
pub(crate) const MAX_PARAMS: usize = 4;

/// A decision's checks: most evaluations record at most four (one service
/// records ten), so four are kept inline and a decision allocates nothing
/// unless it has more.
pub(crate) type Checks<'b> = SmallVec<[Check<'b>; 4]>;

/// A quote's fee lines: at most five in every service today (a five-year
/// renewal charged per year), kept inline.
pub(crate) type FeeLines<'b> = SmallVec<[FeeLine<'b>; 5]>;

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
    rule: Option<&'b DatedValue>,
    /// The parameters' values; the first `count` are set.
    values: [ParamValue; MAX_PARAMS],
    /// The parameters' names, as one byte each.
    names: [ParamName; MAX_PARAMS],
    count: u8,
    passed: bool,
}

impl<'b> Check<'b> {
    /// A check from its code and outcome.
    pub(crate) fn new(code: ReasonCode, passed: bool) -> Check<'b> {
        Check {
            code,
            rule: None,
            values: [ParamValue::Number(0); MAX_PARAMS],
            names: [ParamName::Age; MAX_PARAMS],
            count: 0,
            passed,
        }
    }

    /// Adds a parameter (at most four; further ones are dropped).
    pub(crate) fn param(mut self, name: ParamName, value: ParamValue) -> Check<'b> {
        let at = usize::from(self.count);
        if let (Some(n), Some(v)) = (self.names.get_mut(at), self.values.get_mut(at)) {
            *n = name;
            *v = value;
            self.count += 1;
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
    pub fn params(&self) -> impl Iterator<Item = Param> + '_ {
        self.names
            .iter()
            .zip(&self.values)
            .take(usize::from(self.count))
            .map(|(name, value)| Param::new(name.as_str(), *value))
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

named_enum! {
    /// What a fee line is for.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kmcore::FeeLineKind::Urgent.as_str(), "urgent");
    /// ```
    pub enum FeeLineKind("fee line kind", "fee_line.unknown") {
        /// The fee for the service itself.
        Base = "base",
        /// A test fee quoted together with the service.
        Test = "test",
        /// A surcharge for the urgent (fast-track) option.
        Urgent = "urgent",
        /// A late fee that replaces the on-time fee.
        Late = "late",
        /// Courier or delivery included in a quoted total.
        Courier = "courier",
        /// NADRA's processing charge, paid to NADRA apart from the service's
        /// fee: quoted so the applicant knows of it, never added to the total
        /// (see [`FeeLineKind::in_total`]).
        NadraProcessing = "nadra_processing",
    }
}

impl FeeLineKind {
    /// Whether a line of this kind adds up to the quote's total (the fee
    /// due). A charge another body collects (NADRA's processing) is
    /// listed but not added.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::FeeLineKind;
    /// assert!(FeeLineKind::Test.in_total());
    /// assert!(!FeeLineKind::NadraProcessing.in_total());
    /// ```
    pub const fn in_total(self) -> bool {
        match self {
            FeeLineKind::Base
            | FeeLineKind::Test
            | FeeLineKind::Urgent
            | FeeLineKind::Late
            | FeeLineKind::Courier => true,
            FeeLineKind::NadraProcessing => false,
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
    pub(crate) lines: FeeLines<'b>,
    pub(crate) status: FeeStatus,
}

impl<'b> FeeQuote<'b> {
    /// A quote from its lines and status.
    pub(crate) fn new(lines: FeeLines<'b>, status: FeeStatus) -> FeeQuote<'b> {
        FeeQuote { lines, status }
    }

    /// Whether the lines outgrew their inline room (an allocation).
    #[cfg(test)]
    pub(crate) fn lines_spilled(&self) -> bool {
        self.lines.spilled()
    }

    /// The lines, in the order they add up; a line whose kind is not
    /// [`FeeLineKind::in_total`] (NADRA's processing charge) is listed but
    /// not added.
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
    /// let sum = d.quote().lines().iter().filter(|l| l.kind.in_total())
    ///     .try_fold(kmcore::Money::ZERO, |acc, l| acc.checked_add(l.amount)).unwrap();
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
    /// The calendar date in Pakistan time: an instant written with another
    /// offset (UTC from a warehouse, say) is the same moment, so
    /// `2026-02-28T20:00:00Z` is 1 March 2026.
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
            AsOf::Instant(t) => crate::calendar::pkt_date(&t),
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

named_enum! {
    /// What a decision comes to.
    ///
    /// A rule that can be decided and fails refuses the request, even when
    /// other rules cannot be decided; when none fails but a rule's value or
    /// a required fact is not known, the answer is undetermined, never a
    /// refusal.
    pub enum Outcome("outcome", "outcome.unknown") {
        /// Every rule passed: the service can be granted, the report is on
        /// time, the document is valid.
        Eligible = "eligible",
        /// A rule that could be decided failed.
        Refused = "refused",
        /// No decided rule failed, but a rule's value or a required fact is
        /// not known.
        Undetermined = "undetermined",
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
    pub(crate) service: ServiceId,
    pub(crate) jurisdiction: Jurisdiction,
    pub(crate) as_of: AsOf,
    pub(crate) bundle_version: &'b str,
    pub(crate) checks: Checks<'b>,
    pub(crate) fee: FeeQuote<'b>,
    pub(crate) deadline: Option<Deadline>,
    pub(crate) verdict: Verdict<'b>,
}

/// What an evaluation found beyond its checks: the outcome, the facts
/// still needed, the come-back date and the values that are not confirmed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Verdict<'b> {
    /// A decided rule failed.
    pub(crate) refused: bool,
    /// A rule's value was not known.
    pub(crate) undecided: bool,
    /// The required facts that were not given, one bit per `FactKey`.
    pub(crate) missing: u64,
    /// When the rules could pass with time alone: the date they would.
    pub(crate) eligible_from: Option<NaiveDate>,
    /// The values used that are not confirmed.
    pub(crate) uncertain: Uncertain<'b>,
}

/// The values a decision used that are not confirmed: the first few kept
/// inline (no allocation per evaluation), and whether there were more.
///
/// Only the first `len` slots count: a batch clears it for every row by
/// setting `len` alone, and a reset that zeroed every slot with wide stores
/// made the next narrower read of one of them wait for those stores.
#[derive(Clone, Copy, Default)]
pub(crate) struct Uncertain<'b> {
    /// How many of `values` are recorded.
    len: u8,
    values: [Option<&'b DatedValue>; 4],
    /// More values than fit were uncertain.
    more: bool,
}

impl<'b> Uncertain<'b> {
    /// Records a value, once.
    #[inline]
    pub(crate) fn note(&mut self, value: &'b DatedValue) {
        if self.iter().any(|v| std::ptr::eq(v, value)) {
            return;
        }
        match self.values.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = Some(value);
                self.len += 1;
            }
            None => self.more = true,
        }
    }

    /// True when no value was recorded.
    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The values recorded, in the order first used.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'b DatedValue> + '_ {
        self.values
            .get(..usize::from(self.len))
            .unwrap_or(&[])
            .iter()
            .flatten()
            .copied()
    }

    /// Forgets every value.
    #[inline]
    pub(crate) fn clear(&mut self) {
        self.len = 0;
        self.more = false;
    }
}

impl PartialEq for Uncertain<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.more == other.more && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Uncertain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Uncertain")
            .field("values", &self.iter().collect::<Vec<_>>())
            .field("more", &self.more)
            .finish()
    }
}

impl Verdict<'_> {
    /// Starts over, field by field (see [`Uncertain`] on wide stores).
    #[inline]
    pub(crate) fn clear(&mut self) {
        self.refused = false;
        self.undecided = false;
        self.missing = 0;
        self.eligible_from = None;
        self.uncertain.clear();
    }
}

impl Verdict<'_> {
    /// The outcome: refused wins over undetermined.
    pub(crate) fn outcome(&self) -> Outcome {
        if self.refused {
            Outcome::Refused
        } else if self.undecided || self.missing != 0 {
            Outcome::Undetermined
        } else {
            Outcome::Eligible
        }
    }
}

impl<'b> Decision<'b> {
    /// Eligible, refused or undetermined.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Outcome, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// assert_eq!(cat.evaluate(&r).unwrap().outcome(), Outcome::Eligible);
    /// // Without the date of birth the rules cannot be decided.
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(),
    ///     Facts { category: Some(LicenceCategory::Motorcycle), ..Facts::default() });
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.outcome(), Outcome::Undetermined);
    /// ```
    pub fn outcome(&self) -> Outcome {
        self.verdict.outcome()
    }

    /// The required facts that were not given (a form asks for these); the
    /// decision is undetermined while any is missing.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, FactKey, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(),
    ///     Facts { category: Some(LicenceCategory::Motorcycle), ..Facts::default() });
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.missing_facts().collect::<Vec<_>>(), [FactKey::DateOfBirth, FactKey::HasValidCnic]);
    /// ```
    pub fn missing_facts(&self) -> impl Iterator<Item = FactKey> + '_ {
        FactKey::in_set(self.verdict.missing)
    }

    /// For a request refused only by rules that time alone will pass (a
    /// minimum age, a waiting period, a retest gap): the earliest date on
    /// which, with the same facts and the rules in force then, they pass.
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2008-07-15".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.eligible_from().map(|d| d.to_string()), Some("2026-07-15".to_string()));
    /// ```
    pub fn eligible_from(&self) -> Option<NaiveDate> {
        match self.outcome() {
            Outcome::Refused => self.verdict.eligible_from,
            Outcome::Eligible | Outcome::Undetermined => None,
        }
    }

    /// `Confirmed` when every bundle value the decision used is confirmed;
    /// `Uncertain` otherwise (see [`Decision::uncertain_values`]).
    ///
    /// # Example
    ///
    /// ```
    /// use kmcore::{Basis, Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let facts = Facts {
    ///     category: Some(LicenceCategory::Motorcycle),
    ///     date_of_birth: Some("2000-01-01".parse().unwrap()),
    ///     has_valid_cnic: Some(true),
    ///     ..Facts::default()
    /// };
    /// let r = Request::on_date(ServiceId::LearnerPermit, Jurisdiction::PB, "2026-03-01".parse().unwrap(), facts);
    /// let d = cat.evaluate(&r).unwrap();
    /// assert_eq!(d.basis() == Basis::Confirmed, d.uncertain_values().next().is_none());
    /// ```
    pub fn basis(&self) -> Basis {
        if self.verdict.uncertain.is_empty() {
            Basis::Confirmed
        } else {
            Basis::Uncertain
        }
    }

    /// The bundle values the decision used that are not confirmed, so a
    /// clerk sees which fee or rule rests on a weak source (the first four;
    /// a decision rarely reads more).
    ///
    /// # Example
    ///
    /// See [`Decision::basis`].
    ///
    /// ```
    /// # use kmcore::{Catalogue, Facts, Jurisdiction, Request, ServiceId};
    /// let cat = Catalogue::embedded().unwrap();
    /// let r = Request::on_date(ServiceId::LostReport, Jurisdiction::KP, "2025-05-01".parse().unwrap(), Facts::default());
    /// let d = cat.evaluate(&r).unwrap();
    /// assert!(d.uncertain_values().all(|v| !v.is_confirmed()));
    /// ```
    pub fn uncertain_values(&self) -> impl Iterator<Item = &'b DatedValue> + '_ {
        self.verdict.uncertain.iter()
    }

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

    /// True when the outcome is [`Outcome::Eligible`]: every rule passed,
    /// so the service can be granted, the report is on time, or the
    /// document is still valid. False for a refusal and for an
    /// undetermined decision: see [`Decision::outcome`].
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
        self.outcome() == Outcome::Eligible
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

/// Renders a check's message in a language.
pub(crate) fn message(messages: &Messages, check: &Check<'_>, lang: Lang) -> String {
    // The parameters side by side on the stack: no vector per message.
    let mut params = [Param::new("", ParamValue::Number(0)); MAX_PARAMS];
    let mut count = 0;
    for (slot, p) in params.iter_mut().zip(check.params()) {
        *slot = p;
        count += 1;
    }
    messages.render(
        check.code,
        check.passed,
        params.get(..count).unwrap_or(&[]),
        lang,
    )
}
