//! Driving-test booking check (`driving_licence.test_booking`): may the
//! driving test be taken on the as-of date?
//!
//! The learner permit must have been held for the learner period (42 days,
//! `(as_of − learner_issued_on).days ≥ 42`) and still be valid on the day of
//! the test (the learner permit's `validity`: 6 months in PB and ICT, 12 in
//! SD; valid while `as_of ≤ issued_on + N months`). Sources: NHMP licensing
//! rules, the same text as Punjab's (<http://urdu.nhmp.gov.pk/?page_id=871>,
//! confirmed), and ITP's 42-day learner period
//! (<https://archive.dnd.com.pk/?p=211724>, confirmed). The facts give the
//! 42-day wait for PB and ICT only; in SD only the permit's validity is
//! checked. Punjab waived the wait for motorcyclists for about three months
//! and restored it on 16 Dec 2024
//! (<https://www.urdupoint.com/en/pakistan/major-relief-on-motorcycle-driving-licence-en-1893313.html>);
//! the waiver's start date is not sourced, so the bundle keeps 42 days
//! throughout. No fee is charged for the check: the test fee is counted in
//! `driving_licence.permanent`. The deadline is the permit's last valid day.

use crate::calendar;
use crate::decision::Deadline;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

pub use super::{LEARNER_VALID, LEARNER_WAIT};

crate::services::required_facts! { [Category, LearnerIssuedOn] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.not_charged();
    let Some(issued_on) = ev.facts.learner_issued_on else {
        return Ok(());
    };
    if let Some(months) = super::learner_rules(ev, issued_on)? {
        let last = calendar::add_months(issued_on, months)?;
        ev.set_deadline(Deadline::Date(last));
    }
    Ok(())
}

crate::rules::params! {
    for TestBooking;
    /// Days the learner permit must be held before the driving test (PB, ICT).
    MIN_DAYS_HELD: Days = "min_days_held";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::TestBooking,
    title: "Driving test booking",
    title_ur: "ڈرائیونگ ٹیسٹ کی بکنگ",
    kind: ServiceKind::Check,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[LEARNER_WAIT, LEARNER_VALID, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;
    use crate::decision::FeeStatus;
    use crate::facts::{Facts, LicenceCategory};
    use crate::services::testing::{Expect, any, eligible, refused, run_table};

    fn held_since(issued: &str) -> Facts {
        Facts {
            category: Some(LicenceCategory::Motorcycle),
            learner_issued_on: Some(issued.parse().unwrap()),
            ..Facts::default()
        }
    }

    fn ok(last_valid_day: &str) -> Expect {
        eligible().no_fee().deadline(last_valid_day)
    }

    fn fails(code: &str, last_valid_day: &str) -> Expect {
        refused(&[code]).no_fee().deadline(last_valid_day)
    }

    #[test]
    #[rustfmt::skip]
    fn learner_period_and_validity() {
        run_table(ServiceId::TestBooking, &[
            // 41 days is one short; exactly 42 passes.
            (PB, "2025-02-11", held_since("2025-01-01"), fails("learner.wait", "2025-07-01")),
            (PB, "2025-02-12", held_since("2025-01-01"), ok("2025-07-01")),
            (ICT, "2025-01-27", held_since("2024-12-15"), ok("2025-06-15")),
            (ICT, "2025-01-25", held_since("2024-12-15"), fails("learner.wait", "2025-06-15")),
            // The last valid day, and the day after.
            (PB, "2025-07-01", held_since("2025-01-01"), ok("2025-07-01")),
            (PB, "2025-07-02", held_since("2025-01-01"), fails("learner.valid", "2025-07-01")),
            // 31 Aug + 6 months is 28 Feb in a common year, 29 Feb in a leap year.
            (PB, "2026-02-28", held_since("2025-08-31"), ok("2026-02-28")),
            (PB, "2026-03-01", held_since("2025-08-31"), fails("learner.valid", "2026-02-28")),
            (PB, "2023-12-01", held_since("2023-08-31"), ok("2024-02-29")),
            // Sindh has no wait but a one-year permit.
            (SD, "2024-01-21", held_since("2024-01-20"), ok("2025-01-20")),
            (SD, "2025-01-21", held_since("2024-01-20"), fails("learner.valid", "2025-01-20")),
            // A test before the permit was issued fails the wait.
            (PB, "2025-02-01", held_since("2025-03-01"), fails("learner.wait", "2025-09-01")),
            // Not offered in KP: no deadline, no fee.
            (Jurisdiction::KP, "2025-03-01", held_since("2025-01-01"),
                refused(&["rule.not_known"]).no_fee().no_deadline()),
            // The check is not charged.
            (PB, "2025-02-12", held_since("2025-01-01"), any().status(FeeStatus::NotCharged)),
        ]);
    }
}
