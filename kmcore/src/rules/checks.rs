//! Rule building blocks shared by the services: each pushes one explained
//! check into the evaluation.

use chrono::NaiveDate;

use crate::calendar;
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::{Days, Eval, Months, Value, Years};

/// The age on the as-of date is at least the bundle's minimum.
pub(crate) fn age_at_least<'b>(
    ev: &mut Eval<'b, '_>,
    dob: NaiveDate,
    minimum: Option<Value<'b, Years>>,
) {
    let Some(min) = minimum else {
        return;
    };
    let today = ev.date;
    let age = calendar::years_between(dob, today);
    ev.check_until(
        ReasonCode::AGE_MINIMUM,
        i64::from(age) >= min.amount(),
        || calendar::anniversary(dob, min.amount()),
        |c| {
            c.param(ParamName::Minimum, ParamValue::Years(min.amount()))
                .param(
                    ParamName::Age,
                    ParamValue::Span(calendar::span_between(dob, today)),
                )
                .rule(Some(min.dated))
        },
    );
}

/// The age on the as-of date is below the bundle's upper limit.
pub(crate) fn age_below<'b>(
    ev: &mut Eval<'b, '_>,
    dob: NaiveDate,
    limit: Option<Value<'b, Years>>,
) {
    let Some(limit) = limit else {
        return;
    };
    let today = ev.date;
    let age = calendar::years_between(dob, today);
    ev.check(
        ReasonCode::AGE_BELOW_LIMIT,
        i64::from(age) < limit.amount(),
        |c| {
            c.param(ParamName::Limit, ParamValue::Years(limit.amount()))
                .param(
                    ParamName::Age,
                    ParamValue::Span(calendar::span_between(dob, today)),
                )
                .rule(Some(limit.dated))
        },
    );
}

/// A document the facts say was (or was not) supplied.
#[inline]
pub(crate) fn document(ev: &mut Eval<'_, '_>, document: &'static str, supplied: Option<bool>) {
    ev.check(ReasonCode::DOCUMENT_REQUIRED, supplied == Some(true), |c| {
        c.param(ParamName::Document, ParamValue::Term(document))
    });
}

/// A yes/no condition with its own reason code.
pub(crate) fn condition(ev: &mut Eval<'_, '_>, code: ReasonCode, holds: bool) {
    ev.check(code, holds, |c| c);
}

/// Days held since `start` is at least the bundle's minimum.
pub(crate) fn held_days_at_least<'b>(
    ev: &mut Eval<'b, '_>,
    code: ReasonCode,
    start: NaiveDate,
    minimum: Option<Value<'b, Days>>,
) {
    let Some(min) = minimum else {
        return;
    };
    let held = calendar::days_between(start, ev.date);
    let passes_from = || start.checked_add_signed(chrono::TimeDelta::try_days(min.amount())?);
    ev.check_until(code, held >= min.amount(), passes_from, |c| {
        c.param(ParamName::Required, ParamValue::Days(min.amount()))
            .param(ParamName::Held, ParamValue::Days(held))
            .param(ParamName::Since, ParamValue::Date(start))
            .rule(Some(min.dated))
    });
}

/// A document valid for N months from `start` is still valid on the as-of
/// date (the last valid day is `start + N months`, month-end clamped).
/// Returns the number of months when the bundle has it.
pub(crate) fn valid_for_months<'b>(
    ev: &mut Eval<'b, '_>,
    code: ReasonCode,
    start: NaiveDate,
    months: Option<Value<'b, Months>>,
) -> crate::Result<Option<u32>> {
    let Some(m) = months else {
        return Ok(None);
    };
    let count = u32::try_from(m.amount()).unwrap_or(u32::MAX);
    // The last valid day itself is built only for a kept check.
    let valid = calendar::within_months(start, count, ev.date)?;
    ev.check(code, valid, |c| {
        let c = match calendar::add_months(start, count) {
            Ok(last) => c.param(ParamName::ValidUntil, ParamValue::Date(last)),
            Err(_) => c,
        };
        c.param(ParamName::Months, ParamValue::Months(m.amount()))
            .rule(Some(m.dated))
    });
    Ok(Some(count))
}
