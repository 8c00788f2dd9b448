//! Mirrors `kmcore::decision` and the dated values of `kmcore::bundle`:
//! requests, explained decisions, fee quotes and deadlines.

use std::time::SystemTime;

use chrono::NaiveDate;

use crate::error::KmError;
use crate::facts::{FactKey, Facts};
use crate::mirror_enum;
use crate::ordered_map::OrderedMap;
use crate::service::{Jurisdiction, ParamUnit, ServiceId};
use crate::time::{from_instant, to_instant};

/// A question to the rules: which service, where, when, on what facts.
///
/// Kotlin: `Request(ServiceId.LEARNER_PERMIT, Jurisdiction.PB,
/// LocalDate.of(2026, 3, 1), facts = Facts(...))`. Deadline checks
/// (`tenant_registration.deadline`...) are asked at an exact moment: give
/// `at` too, whose Pakistan date must be `asOf`.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Request {
    /// The service.
    pub service: ServiceId,
    /// The jurisdiction whose rules apply.
    pub jurisdiction: Jurisdiction,
    /// The date the rules are applied on (Pakistan date).
    pub as_of: NaiveDate,
    /// The exact moment, for deadline checks; its Pakistan date is `as_of`.
    #[uniffi(default = None)]
    pub at: Option<SystemTime>,
    /// The facts.
    #[uniffi(default)]
    pub facts: Facts,
}

impl TryFrom<Request> for kmcore::Request {
    type Error = KmError;

    fn try_from(request: Request) -> Result<Self, KmError> {
        let Request {
            service,
            jurisdiction,
            as_of,
            at,
            facts,
        } = request;
        let as_of = match at {
            None => kmcore::AsOf::Date(as_of),
            Some(at) => {
                let at = to_instant(at)?;
                if at.date_naive() != as_of {
                    return Err(KmError::invalid(
                        "request.as_of",
                        format!(
                            "asOf {as_of} is not the Pakistan date of at ({})",
                            at.to_rfc3339()
                        ),
                    ));
                }
                kmcore::AsOf::Instant(at)
            }
        };
        Ok(kmcore::Request {
            service: service.into(),
            jurisdiction: jurisdiction.into(),
            as_of,
            facts: facts.try_into()?,
        })
    }
}

/// The date and the optional instant of a core `AsOf`.
fn split_as_of(as_of: kmcore::AsOf) -> (NaiveDate, Option<SystemTime>) {
    match as_of {
        kmcore::AsOf::Date(d) => (d, None),
        kmcore::AsOf::Instant(t) => (t.date_naive(), Some(from_instant(t))),
    }
}

mirror_enum! {
    /// What a decision comes to.
    pub enum Outcome mirrors kmcore::Outcome {
        /// Every rule passed.
        Eligible,
        /// A rule that could be decided failed.
        Refused,
        /// No decided rule failed, but a rule's value or a required fact is
        /// not known.
        Undetermined,
    }
}

mirror_enum! {
    /// How well a rule value is sourced.
    pub enum Basis mirrors kmcore::Basis {
        /// The value appears in the cited source.
        Confirmed,
        /// It conflicts with another source, or is implied, derived or weakly sourced.
        Uncertain,
    }
}

/// A value reported by another source for the same period but not applied.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ConflictingValue {
    /// The value, in the parameter's unit.
    pub value: i64,
    /// Where it was reported.
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
    /// Why it is not applied.
    pub note: Option<String>,
}

/// The bundle value a rule or fee line used: key, dates, amount, source.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct DatedValue {
    /// The full parameter key, such as `driving_licence.learner_permit.fee`.
    pub key: String,
    /// The jurisdiction it applies in.
    pub jurisdiction: Jurisdiction,
    /// The first day it applies.
    pub from: NaiveDate,
    /// The last day it applies, if it has one.
    pub to: Option<NaiveDate>,
    /// The number, in `unit`.
    pub amount: i64,
    /// The unit of `amount`.
    pub unit: ParamUnit,
    /// Where it comes from (a URL or a notification).
    pub source: String,
    /// Confirmed or uncertain.
    pub basis: Basis,
    /// Why the start date is assumed, when no source gives it.
    pub start_assumed: Option<String>,
    /// A note (conflicts, derivation).
    pub note: Option<String>,
    /// Other values reported for the same period, not applied.
    pub conflicts: Vec<ConflictingValue>,
}

impl From<&kmcore::DatedValue> for DatedValue {
    fn from(v: &kmcore::DatedValue) -> Self {
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
        } = v;
        DatedValue {
            key: key.clone(),
            jurisdiction: (*jurisdiction).into(),
            from: *from,
            to: *to,
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

/// One rule checked, with its outcome, parameters, messages and the bundle
/// value it used.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Check {
    /// The stable reason code, such as `age.minimum`.
    pub code: String,
    /// True when the rule was met.
    pub passed: bool,
    /// The parameters involved, name to English display text
    /// (`minimum` to `18 years`), in the order the rule declares them (a
    /// Kotlin `Map` iterates them in that order on every call).
    pub params: OrderedMap<String, String>,
    /// The message in English, parameters filled in.
    pub message_en: String,
    /// The message in Urdu (numbers and dates in directional isolates).
    pub message_ur: String,
    /// The bundle value the rule used, if any.
    pub rule: Option<DatedValue>,
}

mirror_enum! {
    /// What a fee line is for.
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

/// One line of a fee quote.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct FeeLine {
    /// What the line is for.
    pub kind: FeeLineKind,
    /// The amount in paisa (1 rupee = 100 paisa).
    pub amount_paisa: i64,
    /// The amount as receipt text, `Rs 1,830`.
    pub amount_text: String,
    /// The bundle value it came from.
    pub rule: DatedValue,
}

/// Whether a fee is known. (The core's `Known` carries the total; here the
/// total is `FeeQuote.totalPaisa`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum FeeStatus {
    /// The total is known (zero means known to be free).
    Known,
    /// The bundle has no fee for this jurisdiction and date: the library
    /// does not guess.
    NotKnown,
    /// No fee applies (a check rather than an application).
    NotCharged,
}

impl From<kmcore::FeeStatus> for FeeStatus {
    fn from(status: kmcore::FeeStatus) -> Self {
        match status {
            kmcore::FeeStatus::Known(_) => FeeStatus::Known,
            kmcore::FeeStatus::NotKnown => FeeStatus::NotKnown,
            kmcore::FeeStatus::NotCharged => FeeStatus::NotCharged,
        }
    }
}

/// A fee quote: its lines, the status and total, and what is due.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct FeeQuote {
    /// Known, not known, or not charged.
    pub status: FeeStatus,
    /// The lines, in the order they add up.
    pub lines: Vec<FeeLine>,
    /// The total in paisa, when known (computed even when a rule failed).
    pub total_paisa: Option<i64>,
    /// The total as receipt text, when known.
    pub total_text: Option<String>,
    /// True when every rule passed (as in the decision).
    pub eligible: bool,
    /// The fee to pay: the total when eligible and known, else null.
    pub fee_due_paisa: Option<i64>,
    /// The version of the bundle the values came from.
    pub bundle_version: String,
}

impl FeeQuote {
    pub(crate) fn of(decision: &kmcore::Decision<'_>) -> FeeQuote {
        let quote = decision.quote();
        let total = quote.total();
        FeeQuote {
            status: quote.status().into(),
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
            eligible: decision.eligible(),
            fee_due_paisa: decision.fee_due().map(kmcore::Money::paisa),
            bundle_version: decision.bundle_version().to_string(),
        }
    }
}

/// A deadline or last valid moment a check computed.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Enum)]
pub enum Deadline {
    /// The last valid day, inclusive (validity checks).
    LastDay {
        /// The day.
        date: NaiveDate,
    },
    /// The last moment still on time (deadline checks).
    LastMoment {
        /// The moment.
        at: SystemTime,
        /// The moment in RFC 3339 with the offset the rules used,
        /// `2026-01-02T19:59:00+05:00`.
        text: String,
    },
}

impl From<kmcore::Deadline> for Deadline {
    fn from(deadline: kmcore::Deadline) -> Self {
        match deadline {
            kmcore::Deadline::Date(date) => Deadline::LastDay { date },
            kmcore::Deadline::Instant(t) => Deadline::LastMoment {
                at: from_instant(t),
                text: t.to_rfc3339(),
            },
        }
    }
}

/// The answer to a [`Request`]: every rule checked, the fee quote and any
/// deadline, under a named bundle version.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Decision {
    /// The service asked about.
    pub service: ServiceId,
    /// The jurisdiction whose rules applied.
    pub jurisdiction: Jurisdiction,
    /// The date the rules were applied on.
    pub as_of: NaiveDate,
    /// The exact moment, when the request gave one.
    pub at: Option<SystemTime>,
    /// The version of the bundle the values came from.
    pub bundle_version: String,
    /// Eligible, refused or undetermined.
    pub outcome: Outcome,
    /// True when the outcome is eligible: the service can be granted, the
    /// report is on time, or the document is still valid.
    pub eligible: bool,
    /// For a refusal that time alone will lift (an age, a wait): the
    /// earliest date on which, with the same facts, the rules pass.
    pub eligible_from: Option<NaiveDate>,
    /// The required facts not given (the decision is then undetermined).
    pub missing_facts: Vec<FactKey>,
    /// Confirmed when every bundle value used is confirmed.
    pub basis: Basis,
    /// The sentence about the decision as a whole (when to come back, or
    /// that it cannot be decided yet), in English; null otherwise.
    pub outcome_message_en: Option<String>,
    /// The same in Urdu.
    pub outcome_message_ur: Option<String>,
    /// Every rule checked, passed and failed, in the order checked.
    pub checks: Vec<Check>,
    /// The fee quote (computed even when a rule failed).
    pub quote: FeeQuote,
    /// The fee to pay: the total when eligible and known, else null.
    pub fee_due_paisa: Option<i64>,
    /// A deadline or last valid day, for checks that compute one.
    pub deadline: Option<Deadline>,
}

impl Decision {
    pub(crate) fn of(catalogue: &kmcore::Catalogue, decision: &kmcore::Decision<'_>) -> Decision {
        let (as_of, at) = split_as_of(decision.as_of());
        Decision {
            service: decision.service().into(),
            jurisdiction: decision.jurisdiction().into(),
            as_of,
            at,
            bundle_version: decision.bundle_version().to_string(),
            outcome: decision.outcome().into(),
            eligible: decision.eligible(),
            eligible_from: decision.eligible_from(),
            missing_facts: decision.missing_facts().map(Into::into).collect(),
            basis: decision.basis().into(),
            outcome_message_en: catalogue.outcome_message(decision, kmcore::Lang::En),
            outcome_message_ur: catalogue.outcome_message(decision, kmcore::Lang::Ur),
            checks: decision
                .checks()
                .iter()
                .map(|check| Check {
                    code: check.code().as_str().to_string(),
                    passed: check.passed(),
                    params: check
                        .params()
                        .map(|p| (p.name.to_string(), p.value.to_string()))
                        .collect(),
                    message_en: catalogue.message(check, kmcore::Lang::En),
                    message_ur: catalogue.message(check, kmcore::Lang::Ur),
                    rule: check.rule_value().map(Into::into),
                })
                .collect(),
            quote: FeeQuote::of(decision),
            fee_due_paisa: decision.fee_due().map(kmcore::Money::paisa),
            deadline: decision.deadline().map(Into::into),
        }
    }
}
