//! Driving retest check (`driving_licence.retest`): may a failed sign or
//! road test be retaken on the as-of date?
//!
//! Punjab: rule 9(3) of the Punjab Motor Vehicles Rules 1969 made a failed
//! candidate wait 6 weeks (42 days); a cabinet amendment reported on 8 May
//! 2024 cut the wait to 15 days
//! (<https://www.urdupoint.com/en/pakistan/ctp-amends-rule-9-3-punjab-motor-vehicle-rul-1822712.html>,
//! confirmed; ProPakistani's "two weeks" is kept as a conflict), and Lahore
//! applied 15 days to both tests from Sep 2024
//! (<https://nawaiwaqt.com.pk/10-Sep-2024/1823954>, confirmed). The bundle
//! switches on 8 May 2024, the amendment's reported date; no reference case
//! falls between May and Sep 2024. The wait in force on the retest date
//! (`as_of`) applies: allowed when `(as_of − failed_test_on).days ≥ wait`.
//! No retest rule is known for ICT or SD (`rule.not_known`), and no retest
//! fee is reported anywhere, so the fee is not known.

use crate::calendar;
use crate::decision::FeeLineKind;
use crate::facts::{FactKey, TestKind};
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

/// Enough days have passed since the failed test.
pub const RETEST_WAIT: ReasonCode = ReasonCode::new("retest.wait");

// The tests that can be failed and retaken.
crate::services::required_facts! { [FailedTest, FailedTestOn] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let (Some(test), Some(failed_on)) = (ev.facts.failed_test, ev.facts.failed_test_on) else {
        return Ok(());
    };
    if let Some(wait) = ev.require(WAIT_DAYS, test) {
        let waited = calendar::days_between(failed_on, ev.date);
        let passes_from =
            || failed_on.checked_add_signed(chrono::TimeDelta::try_days(wait.amount())?);
        ev.check_until(RETEST_WAIT, waited >= wait.amount(), passes_from, |c| {
            c.param(ParamName::Test, ParamValue::Term(test.as_str()))
                .param(ParamName::Required, ParamValue::Days(wait.amount()))
                .param(ParamName::Waited, ParamValue::Days(waited))
                .param(ParamName::Since, ParamValue::Date(failed_on))
                .rule(Some(wait.dated))
        });
    }
    ev.fee_from(FeeLineKind::Test, FEE, test);
    Ok(())
}

crate::rules::params! {
    for Retest;
    /// Days to wait after a failed test before it may be retaken, by test.
    WAIT_DAYS: Days by TestKind = "wait_days";
    /// Retest fee, by test (none is reported).
    FEE: Rupees by TestKind = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::Retest,
    title: "Driving retest after a failed test",
    title_ur: "ناکام ڈرائیونگ ٹیسٹ کے بعد دوبارہ ٹیسٹ",
    kind: ServiceKind::Check,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[RETEST_WAIT, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::FeeStatus;
    use crate::facts::{Facts, TestKind};
    use crate::services::testing::{Expect, eligible, refused, run_table};

    fn failed(test: TestKind, on: &str) -> Facts {
        Facts {
            failed_test: Some(test),
            failed_test_on: Some(on.parse().unwrap()),
            ..Facts::default()
        }
    }

    /// No retest fee is known anywhere.
    fn allowed() -> Expect {
        eligible().status(FeeStatus::NotKnown).no_fee()
    }

    fn refused_by(code: &str) -> Expect {
        refused(&[code]).status(FeeStatus::NotKnown).no_fee()
    }

    #[test]
    #[rustfmt::skip]
    fn waits() {
        use TestKind::*;
        run_table(ServiceId::Retest, &[
            // 15 days after the amendment.
            (PB, "2025-03-15", failed(RoadTest, "2025-03-01"), refused_by("retest.wait")),
            (PB, "2025-03-16", failed(RoadTest, "2025-03-01"), allowed()),
            (PB, "2025-03-17", failed(SignTest, "2025-03-01"), allowed()),
            // 42 days before it.
            (PB, "2024-02-12", failed(RoadTest, "2024-01-02"), refused_by("retest.wait")),
            (PB, "2024-02-13", failed(RoadTest, "2024-01-02"), allowed()),
            (PB, "2024-04-11", failed(SignTest, "2024-03-01"), refused_by("retest.wait")),
            // The wait in force on the retest date applies. Amendment day: the
            // 15-day wait, even to a test failed before it.
            (PB, "2024-05-08", failed(RoadTest, "2024-04-20"), allowed()),
            // The day before: still 6 weeks.
            (PB, "2024-05-07", failed(RoadTest, "2024-04-20"), refused_by("retest.wait")),
            // A retest before the failure is refused.
            (PB, "2025-02-01", failed(RoadTest, "2025-03-01"), refused_by("retest.wait")),
            // No rule is known outside Punjab.
            (ICT, "2025-06-01", failed(SignTest, "2025-01-01"), refused_by("rule.not_known")),
        ]);
    }
}
