//! Registration with the police: tenants, guests, employees and foreign
//! nationals, and the reporting deadlines of the first two.

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::calendar::{pkt_date, pkt_offset};
use crate::decision::Deadline;
use crate::error::KmError;
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::{Eval, Hours, Months, Param, Rupees, Variant};

pub mod employee_registration;
pub mod foreigner_registration;
pub mod guest_deadline;
pub mod tenant_deadline;
pub mod tenant_registration;

/// The penalty the law states for failing to report in time (passes when
/// the report was on time). Shared with `guest_registration.deadline`.
pub const PENALTY: ReasonCode = ReasonCode::new("report.penalty");

/// The parameters of a reporting deadline: the limit (with its variant)
/// and the penalty of the law in force.
pub(crate) struct ReportRules<V> {
    /// Hours allowed from the start.
    pub(crate) limit: Param<Hours, V>,
    /// The limit's variant.
    pub(crate) variant: V,
    /// Lowest fine.
    pub(crate) penalty_min: Param<Rupees>,
    /// Highest fine.
    pub(crate) penalty_max: Param<Rupees>,
    /// Longest imprisonment.
    pub(crate) imprisonment_max: Param<Months>,
}

/// Checks a report made at `reported` against the limit (in hours) of the
/// law in force on the Pakistan date of `start`, records the deadline, and
/// adds the law's penalty when the bundle gives it.
pub(crate) fn report_deadline<V: Variant>(
    ev: &mut Eval<'_, '_>,
    code: ReasonCode,
    rules: ReportRules<V>,
    start: DateTime<FixedOffset>,
    reported: DateTime<FixedOffset>,
) -> crate::Result<()> {
    let law_day = pkt_date(&start);
    let Some(limit) = ev.optional_value_on(rules.limit, rules.variant, law_day) else {
        let variant = V::NAMES
            .get(rules.variant.position())
            .copied()
            .unwrap_or("all_cases");
        ev.check(ReasonCode::RULE_NOT_KNOWN, false, |c| {
            c.param(ParamName::Rule, ParamValue::Term(rules.limit.def.name))
                .param(ParamName::Variant, ParamValue::Term(variant))
                .param(ParamName::On, ParamValue::Date(law_day))
        });
        return Ok(());
    };
    let start = start.with_timezone(&pkt_offset());
    let deadline = TimeDelta::try_hours(limit.amount())
        .and_then(|hours| start.checked_add_signed(hours))
        .ok_or_else(|| {
            KmError::invalid(
                "date.out_of_range",
                format!("{start} + {} hours is out of range", limit.amount()),
            )
        })?;
    let on_time = reported <= deadline;
    ev.check(code, on_time, |c| {
        c.param(ParamName::Since, ParamValue::Instant(start))
            .param(ParamName::Limit, ParamValue::Hours(limit.amount()))
            .param(ParamName::Deadline, ParamValue::Instant(deadline))
            .param(
                ParamName::ReportedAt,
                ParamValue::Instant(reported.with_timezone(&pkt_offset())),
            )
            .rule(Some(limit.dated))
    });
    ev.set_deadline(Deadline::Instant(deadline));
    let fine_min = ev.optional_value_on(rules.penalty_min, (), law_day);
    let fine_max = ev.optional_value_on(rules.penalty_max, (), law_day);
    let prison = ev.optional_value_on(rules.imprisonment_max, (), law_day);
    if let (Some(min), Some(max), Some(prison)) = (fine_min, fine_max, prison) {
        if let (Some(min_m), Some(max_m)) = (min.money(), max.money()) {
            ev.check(PENALTY, on_time, |c| {
                c.param(ParamName::FineMin, ParamValue::Money(min_m))
                    .param(ParamName::FineMax, ParamValue::Money(max_m))
                    .param(ParamName::Imprisonment, ParamValue::Months(prison.amount()))
                    .rule(Some(max.dated))
            });
        }
    }
    Ok(())
}
