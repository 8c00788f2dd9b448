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
use crate::jurisdiction::Jurisdiction::{self, ICT, PB, SD};
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

/// Enough days have passed since the failed test.
pub const RETEST_WAIT: ReasonCode = ReasonCode::new("retest.wait");

/// The tests that can be failed and retaken.
fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[FactKey::FailedTest, FactKey::FailedTestOn]
}

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
    use crate::Catalogue;
    use crate::decision::{FeeStatus, Request};
    use crate::facts::{Facts, TestKind};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn run(j: Jurisdiction, test: TestKind, failed: &str, as_of: &str) -> (bool, Vec<String>) {
        let cat = Catalogue::embedded().unwrap();
        let facts = Facts {
            failed_test: Some(test),
            failed_test_on: Some(d(failed)),
            ..Facts::default()
        };
        let r = Request::on_date(ServiceId::Retest, j, d(as_of), facts);
        let dec = cat.evaluate(&r).unwrap();
        assert_eq!(dec.quote().status(), FeeStatus::NotKnown);
        assert_eq!(dec.fee_due(), None);
        let failed = dec.failures().map(|c| c.code().to_string()).collect();
        (dec.eligible(), failed)
    }

    #[test]
    fn fifteen_days_after_the_amendment() {
        assert!(!run(PB, TestKind::RoadTest, "2025-03-01", "2025-03-15").0);
        assert!(run(PB, TestKind::RoadTest, "2025-03-01", "2025-03-16").0);
        assert!(run(PB, TestKind::SignTest, "2025-03-01", "2025-03-17").0);
    }

    #[test]
    fn forty_two_days_before_the_amendment() {
        assert!(!run(PB, TestKind::RoadTest, "2024-01-02", "2024-02-12").0);
        assert!(run(PB, TestKind::RoadTest, "2024-01-02", "2024-02-13").0);
        assert!(!run(PB, TestKind::SignTest, "2024-03-01", "2024-04-11").0);
    }

    #[test]
    fn the_wait_in_force_on_the_retest_date_applies() {
        // Amendment day: the 15-day wait applies, even to a test failed before it.
        assert!(run(PB, TestKind::RoadTest, "2024-04-20", "2024-05-08").0);
        // The day before: still 6 weeks.
        assert!(!run(PB, TestKind::RoadTest, "2024-04-20", "2024-05-07").0);
    }

    #[test]
    fn a_retest_before_the_failure_is_refused() {
        assert!(!run(PB, TestKind::RoadTest, "2025-03-01", "2025-02-01").0);
    }

    #[test]
    fn no_rule_known_outside_punjab() {
        let (ok, failed) = run(ICT, TestKind::SignTest, "2025-01-01", "2025-06-01");
        assert!(!ok);
        assert_eq!(failed, vec!["rule.not_known"]);
    }
}
