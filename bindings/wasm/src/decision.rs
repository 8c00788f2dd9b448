//! Mirrors `kmcore::decision` and the dated values of `kmcore::bundle`:
//! requests, explained decisions, fee quotes and deadlines.

use kmcore::{AsOf, Catalogue, Lang, ParamValue};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::Tsify;

use crate::error::KmError;
use crate::facts::facts_from_object;
use crate::mirror_enum;
use crate::service::{Jurisdiction, ServiceId, Unit, parse_jurisdiction, parse_service};
use crate::{format_money, iso_date};

/// A question to the rules, as JS gives it.
///
/// ```js
/// evaluate({
///   service: "driving_licence.learner_permit",
///   jurisdiction: "PB",
///   asOf: "2026-03-01",
///   facts: { category: "motorcycle", date_of_birth: "2008-02-29", has_valid_cnic: true },
/// })
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestInput {
    /// The service's dotted id.
    #[tsify(type = "ServiceId")]
    pub service: String,
    /// The jurisdiction whose rules apply.
    #[tsify(type = "Jurisdiction")]
    pub jurisdiction: String,
    /// When the rules are applied: an ISO date (`2026-03-01`), or an RFC
    /// 3339 instant with offset for deadline checks
    /// (`2026-01-02T19:59:00+05:00`).
    pub as_of: String,
    /// The facts, by dictionary key: booleans, whole numbers and strings
    /// (choices, ISO dates, RFC 3339 instants). `null` means not given.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, boolean | number | string | null>")]
    pub facts: Option<Map<String, Value>>,
}

impl RequestInput {
    /// The core request.
    ///
    /// # Errors
    ///
    /// `invalid_input`: `service.unknown`, `jurisdiction.unknown`, a date or
    /// instant that does not parse, or a fact error (see
    /// [`facts_from_object`]).
    pub fn to_core(&self) -> Result<kmcore::Request, KmError> {
        let service = parse_service(&self.service)?;
        let jurisdiction = parse_jurisdiction(&self.jurisdiction)?;
        let as_of: AsOf = self.as_of.parse()?;
        let facts = match &self.facts {
            Some(object) => facts_from_object(object)?,
            None => kmcore::Facts::default(),
        };
        Ok(match as_of {
            AsOf::Date(date) => kmcore::Request::on_date(service, jurisdiction, date, facts),
            AsOf::Instant(at) => kmcore::Request::at_instant(service, jurisdiction, at, facts),
        })
    }
}

mirror_enum! {
    /// Confirmed or uncertain: how well a bundle value is sourced.
    #[serde(rename_all = "snake_case")]
    pub enum Basis mirrors kmcore::Basis {
        /// The value appears in the cited source.
        Confirmed,
        /// The value conflicts with another source, is implied or derived.
        Uncertain,
    }
}

mirror_enum! {
    /// What a fee line is for.
    #[serde(rename_all = "snake_case")]
    pub enum FeeLineKind mirrors kmcore::FeeLineKind {
        /// The fee for the service itself.
        Base,
        /// A test fee quoted together with the service.
        Test,
        /// The urgent (fast-track) surcharge.
        Urgent,
        /// A late fee that replaces the on-time fee.
        Late,
        /// Courier or delivery included in a quoted total.
        Courier,
        /// NADRA's processing charge: listed, never added to the total.
        NadraProcessing,
    }
}

/// The answer in three words. See [`outcome`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every rule passed: the service can be granted, the report is on
    /// time, the document is valid.
    Eligible,
    /// A rule that could be decided failed.
    Refused,
    /// No decided rule failed, but a rule the decision needs has no known
    /// value for the jurisdiction and date.
    Undetermined,
}

/// The outcome of a decision.
pub fn outcome(decision: &kmcore::Decision<'_>) -> Outcome {
    match decision.outcome() {
        kmcore::Outcome::Eligible => Outcome::Eligible,
        kmcore::Outcome::Refused => Outcome::Refused,
        kmcore::Outcome::Undetermined => Outcome::Undetermined,
    }
}

/// The date to come back, for an application refused only by rules that
/// time alone will pass (a minimum age, a waiting period).
pub fn eligible_from(decision: &kmcore::Decision<'_>) -> Option<chrono::NaiveDate> {
    decision.eligible_from()
}

/// A bundle value a check or fee line used: its key, dates, source, basis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RuleValue {
    /// The full parameter key, such as `driving_licence.learner_permit.fee.motorcycle`.
    pub key: String,
    /// The jurisdiction it applies in.
    pub jurisdiction: Jurisdiction,
    /// The first day it applies (ISO date).
    pub from: String,
    /// The last day it applies, when it has one.
    pub to: Option<String>,
    /// The number, in `unit` (money in paisa).
    pub amount: i64,
    /// The unit of `amount`.
    pub unit: Unit,
    /// Where the value comes from.
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
    /// Why the start date is assumed, when no source gives it.
    pub start_assumed: Option<String>,
    /// A note on the value.
    pub note: Option<String>,
    /// Other values reported for the same period, not applied.
    pub conflicts: Vec<ConflictingValue>,
}

/// A value reported by another source for the same period but not applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ConflictingValue {
    /// The value reported, in the parameter's unit.
    pub value: i64,
    /// Where it was reported.
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
    /// Why it is not applied.
    pub note: Option<String>,
}

impl From<&kmcore::DatedValue> for RuleValue {
    fn from(value: &kmcore::DatedValue) -> Self {
        let kmcore::DatedValue {
            key,
            jurisdiction,
            from,
            to,
            amount,
            unit,
            source,
            basis,
            start_assumed,
            note,
            conflicts,
        } = value;
        RuleValue {
            key: key.clone(),
            jurisdiction: (*jurisdiction).into(),
            from: iso_date(*from),
            to: to.map(iso_date),
            amount: *amount,
            unit: (*unit).into(),
            source: source.clone(),
            basis: (*basis).into(),
            start_assumed: start_assumed.clone(),
            note: note.clone(),
            conflicts: conflicts
                .iter()
                .map(|c| {
                    let kmcore::ConflictingValue {
                        value,
                        source,
                        basis,
                        note,
                    } = c;
                    ConflictingValue {
                        value: *value,
                        source: source.clone(),
                        basis: (*basis).into(),
                        note: note.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// The kind of a check parameter's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    /// A plain number.
    Number,
    /// Years.
    Years,
    /// Months.
    Months,
    /// Calendar days.
    Days,
    /// Working days.
    WorkingDays,
    /// Hours.
    Hours,
    /// Engine size in cc.
    Cc,
    /// Money (`number` is paisa).
    Money,
    /// A date (`value` is ISO).
    Date,
    /// An instant (`value` is RFC 3339).
    Instant,
    /// An elapsed span, such as an age (`number` is whole months).
    Span,
    /// A term (a category, a document, a test; `value` is its id).
    Term,
}

/// A named parameter of a check, such as `minimum: 18 years`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Param {
    /// The placeholder name, such as `minimum`.
    pub name: String,
    /// The kind of value.
    pub kind: ParamKind,
    /// The number, for numeric kinds (money in paisa, a span in months).
    pub number: Option<i64>,
    /// The value as a string: an ISO date, an RFC 3339 instant or a term id;
    /// null for numeric kinds.
    pub value: Option<String>,
    /// The value as English text, such as `18 years`.
    pub text: String,
}

impl From<&kmcore::Param> for Param {
    fn from(param: &kmcore::Param) -> Self {
        let (kind, number, value) = match param.value {
            ParamValue::Number(n) => (ParamKind::Number, Some(n), None),
            ParamValue::Years(n) => (ParamKind::Years, Some(n), None),
            ParamValue::Months(n) => (ParamKind::Months, Some(n), None),
            ParamValue::Days(n) => (ParamKind::Days, Some(n), None),
            ParamValue::WorkingDays(n) => (ParamKind::WorkingDays, Some(n), None),
            ParamValue::Hours(n) => (ParamKind::Hours, Some(n), None),
            ParamValue::Cc(n) => (ParamKind::Cc, Some(n), None),
            ParamValue::Money(m) => (ParamKind::Money, Some(m.paisa()), None),
            ParamValue::Date(d) => (ParamKind::Date, None, Some(iso_date(d))),
            ParamValue::Instant(t) => (ParamKind::Instant, None, Some(t.to_rfc3339())),
            ParamValue::Span(s) => (ParamKind::Span, i64::try_from(s.total_months()).ok(), None),
            ParamValue::Term(t) => (ParamKind::Term, None, Some(t.to_string())),
        };
        Param {
            name: param.name.to_string(),
            kind,
            number,
            value,
            text: param.value.to_string(),
        }
    }
}

/// One rule checked, with its stable code and its message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// Stable reason code, such as `age.minimum`.
    pub code: String,
    /// True when the rule passed.
    pub passed: bool,
    /// Its named parameters.
    pub params: Vec<Param>,
    /// The message in English.
    pub message_en: String,
    /// The message in Urdu; numbers and dates are wrapped in left-to-right
    /// isolates (U+2066 ... U+2069) so they keep their order.
    pub message_ur: String,
    /// The bundle value the rule used, if any.
    pub rule: Option<RuleValue>,
}

/// Whether a fee is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "snake_case")]
pub enum FeeStatus {
    /// The total is known (zero means known to be free).
    Known,
    /// The bundle has no fee for this jurisdiction and date.
    NotKnown,
    /// No fee applies (a check rather than an application).
    NotCharged,
}

/// One line of a fee quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FeeLine {
    /// What it is for.
    pub kind: FeeLineKind,
    /// The amount in paisa.
    pub amount_paisa: i64,
    /// The amount as receipt text, `Rs 1,830`.
    pub amount_text: String,
    /// The bundle value it came from.
    pub rule: RuleValue,
}

/// A fee quote: its lines, then the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FeeQuote {
    /// Known, not known, or not charged.
    pub status: FeeStatus,
    /// The lines, in the order they add up.
    pub lines: Vec<FeeLine>,
    /// The total in paisa, when known.
    pub total_paisa: Option<i64>,
    /// The total as receipt text, when known.
    pub total_text: Option<String>,
}

impl From<&kmcore::FeeQuote<'_>> for FeeQuote {
    fn from(quote: &kmcore::FeeQuote<'_>) -> Self {
        let (status, total) = match quote.status() {
            kmcore::FeeStatus::Known(m) => (FeeStatus::Known, Some(m)),
            kmcore::FeeStatus::NotKnown => (FeeStatus::NotKnown, None),
            kmcore::FeeStatus::NotCharged => (FeeStatus::NotCharged, None),
        };
        FeeQuote {
            status,
            lines: quote
                .lines()
                .iter()
                .map(|line| {
                    let kmcore::FeeLine { kind, amount, rule } = line;
                    FeeLine {
                        kind: (*kind).into(),
                        amount_paisa: amount.paisa(),
                        amount_text: amount.to_string(),
                        rule: (*rule).into(),
                    }
                })
                .collect(),
            total_paisa: total.map(kmcore::Money::paisa),
            total_text: total.map(|m| m.to_string()),
        }
    }
}

/// A deadline or last valid moment a check computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Deadline {
    /// The last valid day, inclusive (validity checks).
    Date {
        /// The day, ISO.
        date: String,
    },
    /// The last moment still on time (deadline checks).
    Instant {
        /// The moment, RFC 3339 with the offset the rules used.
        at: String,
    },
}

impl From<kmcore::Deadline> for Deadline {
    fn from(deadline: kmcore::Deadline) -> Self {
        match deadline {
            kmcore::Deadline::Date(date) => Deadline::Date {
                date: iso_date(date),
            },
            kmcore::Deadline::Instant(t) => Deadline::Instant { at: t.to_rfc3339() },
        }
    }
}

/// The answer to a request: the outcome, every rule checked, the fee quote
/// and any deadline, under a named bundle version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The service asked about.
    pub service: ServiceId,
    /// The jurisdiction whose rules applied.
    pub jurisdiction: Jurisdiction,
    /// When the rules were applied, as given (ISO date or RFC 3339 instant).
    pub as_of: String,
    /// The calendar date the rules were applied on (ISO).
    pub date: String,
    /// The version of the bundle the values came from.
    pub bundle_version: String,
    /// Eligible, refused or undetermined.
    pub outcome: Outcome,
    /// True when the outcome is `eligible`.
    pub eligible: bool,
    /// For a refusal that time alone will lift, the first day to come back
    /// (ISO); otherwise null.
    pub eligible_from: Option<String>,
    /// For an undetermined decision, the required facts still to be given
    /// (names as in the request); empty otherwise.
    pub missing_facts: Vec<String>,
    /// Every rule checked, passed and failed, in the order checked.
    pub checks: Vec<Check>,
    /// The codes of the failed checks.
    pub failed: Vec<String>,
    /// The fee quote (computed even when a rule failed).
    pub quote: FeeQuote,
    /// The fee to pay in paisa: the total when eligible and known, else null.
    pub fee_due_paisa: Option<i64>,
    /// The fee to pay as receipt text, `Rs 500`; null when none is due.
    pub fee_due_text: Option<String>,
    /// A deadline or last valid day, for checks that compute one.
    pub deadline: Option<Deadline>,
}

impl Decision {
    /// Mirrors a core decision, rendering each check's messages.
    pub fn of(catalogue: &Catalogue, decision: &kmcore::Decision<'_>) -> Decision {
        let as_of = match decision.as_of() {
            AsOf::Date(d) => iso_date(d),
            AsOf::Instant(t) => t.to_rfc3339(),
        };
        let outcome = outcome(decision);
        let fee_due = decision.fee_due().map(kmcore::Money::paisa);
        Decision {
            service: decision.service().into(),
            jurisdiction: decision.jurisdiction().into(),
            as_of,
            date: iso_date(decision.as_of().date()),
            bundle_version: decision.bundle_version().to_string(),
            outcome,
            eligible: outcome == Outcome::Eligible,
            eligible_from: eligible_from(decision).map(iso_date),
            missing_facts: decision
                .missing_facts()
                .map(|k| k.as_str().to_string())
                .collect(),
            checks: decision
                .checks()
                .iter()
                .map(|check| Check {
                    code: check.code().as_str().to_string(),
                    passed: check.passed(),
                    params: check.params().map(|p| (&p).into()).collect(),
                    message_en: catalogue.message(check, Lang::En),
                    message_ur: catalogue.message(check, Lang::Ur),
                    rule: check.rule_value().map(Into::into),
                })
                .collect(),
            failed: decision
                .failures()
                .map(|c| c.code().as_str().to_string())
                .collect(),
            quote: decision.quote().into(),
            fee_due_paisa: fee_due,
            fee_due_text: fee_due.map(format_money),
            deadline: decision.deadline().map(Into::into),
        }
    }
}

/// Evaluates a request against the catalogue.
///
/// # Errors
///
/// `invalid_input` for a request the core cannot evaluate (see
/// [`RequestInput::to_core`]), or an error of the service's rules. A
/// required fact not given is not an error: the decision is undetermined and
/// names it in `missing_facts`.
pub fn evaluate(catalogue: &Catalogue, request: &RequestInput) -> Result<Decision, KmError> {
    let request = request.to_core()?;
    let decision = catalogue.evaluate(&request)?;
    Ok(Decision::of(catalogue, &decision))
}

/// The documents checklist of a request: what to bring, whether each is
/// required given the facts, and whether the facts say it was supplied.
/// Required facts need not all be given yet.
///
/// # Errors
///
/// As [`RequestInput::to_core`].
pub fn documents(
    catalogue: &Catalogue,
    request: &RequestInput,
) -> Result<Vec<crate::service::DocumentItem>, KmError> {
    let request = request.to_core()?;
    Ok(catalogue
        .documents(&request)
        .into_iter()
        .map(Into::into)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: &str) -> RequestInput {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn a_learner_permit_in_punjab() {
        let cat = Catalogue::embedded().unwrap();
        let d = evaluate(
            cat,
            &request(
                r#"{"service": "driving_licence.learner_permit", "jurisdiction": "PB",
                    "asOf": "2026-03-01", "facts": {"category": "motorcycle",
                    "date_of_birth": "2008-02-29", "has_valid_cnic": true}}"#,
            ),
        )
        .unwrap();
        assert_eq!(d.outcome, Outcome::Eligible);
        assert_eq!(d.fee_due_paisa, Some(50_000));
        assert_eq!(d.fee_due_text.as_deref(), Some("Rs 500"));
        assert!(
            d.checks
                .iter()
                .all(|c| c.passed && !c.message_ur.is_empty())
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["outcome"], "eligible");
        assert_eq!(json["eligibleFrom"], Value::Null);
        assert_eq!(json["quote"]["lines"][0]["kind"], "base");
    }

    #[test]
    fn too_young_is_refused_with_the_age_rule() {
        let cat = Catalogue::embedded().unwrap();
        let d = evaluate(
            cat,
            &request(
                r#"{"service": "driving_licence.learner_permit", "jurisdiction": "PB",
                    "asOf": "2026-02-28", "facts": {"category": "motorcycle",
                    "date_of_birth": "2008-02-29", "has_valid_cnic": true}}"#,
            ),
        )
        .unwrap();
        assert_eq!(d.outcome, Outcome::Refused);
        assert_eq!(d.failed, vec!["age.minimum".to_string()]);
        assert_eq!(d.fee_due_paisa, None);
    }

    #[test]
    fn bad_requests_are_typed_errors() {
        let cat = Catalogue::embedded().unwrap();
        let code = |text: &str| evaluate(cat, &request(text)).unwrap_err().code;
        assert_eq!(
            code(r#"{"service": "x.y", "jurisdiction": "PB", "asOf": "2026-03-01"}"#),
            "service.unknown"
        );
        assert_eq!(
            code(r#"{"service": "lost_report.file", "jurisdiction": "XX", "asOf": "2026-03-01"}"#),
            "jurisdiction.unknown"
        );
        let missing = evaluate(
            cat,
            &request(
                r#"{"service": "driving_licence.learner_permit", "jurisdiction": "PB", "asOf": "2026-03-01"}"#,
            ),
        )
        .unwrap();
        assert_eq!(missing.outcome, Outcome::Undetermined);
        assert!(!missing.eligible);
        assert!(missing.missing_facts.contains(&"date_of_birth".to_string()));
        assert!(missing.missing_facts.contains(&"category".to_string()));
        assert_eq!(missing.fee_due_paisa, None);
        let bad_date = evaluate(
            cat,
            &request(
                r#"{"service": "lost_report.file", "jurisdiction": "KP", "asOf": "2026-02-30"}"#,
            ),
        )
        .unwrap_err();
        assert_eq!(bad_date.kind, crate::ErrorKind::InvalidInput);
    }
}
