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

use chrono::NaiveDate;

use crate::bundle::DatedValue;
use crate::calendar;
use crate::decision::{Deadline, Eval};
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{self, ICT, PB, SD};
use crate::reason::{ParamValue, ReasonCode};
use crate::service::{ParamDef, ServiceDef, ServiceId, ServiceKind, Unit};
use crate::services::rules;

/// The learner permit has been held for the learner period.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Lang, ServiceId};
/// use kmcore::services::test_booking::LEARNER_WAIT;
/// let cat = Catalogue::embedded().unwrap();
/// assert_eq!(LEARNER_WAIT.as_str(), "learner.wait");
/// assert!(cat.service(ServiceId::TestBooking).reasons.contains(&LEARNER_WAIT));
/// assert!(cat.has_message(LEARNER_WAIT, Lang::En) && cat.has_message(LEARNER_WAIT, Lang::Ur));
/// ```
pub const LEARNER_WAIT: ReasonCode = ReasonCode::new("learner.wait");
/// The learner permit is valid on the as-of date.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Lang, ServiceId};
/// use kmcore::services::test_booking::LEARNER_VALID;
/// let cat = Catalogue::embedded().unwrap();
/// assert_eq!(LEARNER_VALID.as_str(), "learner.valid");
/// assert!(cat.service(ServiceId::TestBooking).reasons.contains(&LEARNER_VALID));
/// assert!(cat.has_message(LEARNER_VALID, Lang::En) && cat.has_message(LEARNER_VALID, Lang::Ur));
/// ```
pub const LEARNER_VALID: ReasonCode = ReasonCode::new("learner.valid");

/// Jurisdictions whose facts give a learner period before the test.
const WAIT_APPLIES_IN: &[Jurisdiction] = &[PB, ICT];

fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[FactKey::Category, FactKey::LearnerIssuedOn]
}

/// Another service's parameter in force on the as-of date; when it is not
/// known the check fails with `rule.not_known` (as [`Eval::require`]).
pub(crate) fn require_of<'b>(
    ev: &mut Eval<'b, '_>,
    service: ServiceId,
    name: &'static str,
    variant: &'static str,
) -> Option<&'b DatedValue> {
    let v = ev.value_of(service, name, variant);
    if v.is_none() {
        ev.check(ReasonCode::RULE_NOT_KNOWN, false, |c| {
            c.param("rule", ParamValue::Term(name))
                .param("variant", ParamValue::Term(variant))
        });
    }
    v
}

/// The learner-permit rules shared with the permanent licence: held for the
/// learner period (where one applies) and valid on the as-of date. Returns
/// the permit's validity in months when the bundle has it.
pub(crate) fn learner_rules(
    ev: &mut Eval<'_, '_>,
    issued_on: NaiveDate,
) -> crate::Result<Option<u32>> {
    if WAIT_APPLIES_IN.contains(&ev.jurisdiction) {
        let min = require_of(ev, ServiceId::TestBooking, "min_days_held", "");
        rules::held_days_at_least(ev, LEARNER_WAIT, issued_on, min);
    }
    let months = require_of(ev, ServiceId::LearnerPermit, "validity", "");
    rules::valid_for_months(ev, LEARNER_VALID, issued_on, months)
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.not_charged();
    let Some(issued_on) = ev.facts.learner_issued_on else {
        return Ok(());
    };
    if let Some(months) = learner_rules(ev, issued_on)? {
        let last = calendar::add_months(issued_on, months)?;
        ev.set_deadline(Deadline::Date(last));
    }
    Ok(())
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::TestBooking,
    title: "Driving test booking",
    title_ur: "ڈرائیونگ ٹیسٹ کی بکنگ",
    kind: ServiceKind::Check,
    offered_in: &[PB, ICT, SD],
    required_facts,
    optional_facts: &[],
    params: &[ParamDef {
        name: "min_days_held",
        unit: Unit::Days,
        variants: &[],
        doc: "Days the learner permit must be held before the driving test (PB, ICT).",
    }],
    documents: &[],
    reasons: &[LEARNER_WAIT, LEARNER_VALID, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::decision::{FeeStatus, Request};
    use crate::facts::{Facts, LicenceCategory};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn run(j: Jurisdiction, issued: &str, as_of: &str) -> (bool, Option<Deadline>, Vec<String>) {
        let cat = Catalogue::embedded().unwrap();
        let facts = Facts {
            category: Some(LicenceCategory::Motorcycle),
            learner_issued_on: Some(d(issued)),
            ..Facts::default()
        };
        let r = Request::on_date(ServiceId::TestBooking, j, d(as_of), facts);
        let dec = cat.evaluate(&r).unwrap();
        assert_eq!(dec.quote().status(), FeeStatus::NotCharged);
        assert_eq!(dec.fee_due(), None);
        let failed = dec.failures().map(|c| c.code().to_string()).collect();
        (dec.eligible(), dec.deadline(), failed)
    }

    #[test]
    fn forty_one_days_is_one_short() {
        let (ok, _, failed) = run(PB, "2025-01-01", "2025-02-11");
        assert!(!ok);
        assert_eq!(failed, vec!["learner.wait"]);
    }

    #[test]
    fn exactly_forty_two_days_passes() {
        let (ok, deadline, _) = run(PB, "2025-01-01", "2025-02-12");
        assert!(ok);
        assert_eq!(deadline, Some(Deadline::Date(d("2025-07-01"))));
    }

    #[test]
    fn forty_three_days_passes_in_ict() {
        assert!(run(ICT, "2024-12-15", "2025-01-27").0);
        assert!(!run(ICT, "2024-12-15", "2025-01-25").0);
    }

    #[test]
    fn last_valid_day_and_the_day_after() {
        assert!(run(PB, "2025-01-01", "2025-07-01").0);
        let (ok, _, failed) = run(PB, "2025-01-01", "2025-07-02");
        assert!(!ok);
        assert_eq!(failed, vec!["learner.valid"]);
    }

    #[test]
    fn month_end_is_clamped() {
        // 31 Aug + 6 months = 28 Feb (2026 is a common year).
        let (ok, deadline, _) = run(PB, "2025-08-31", "2026-02-28");
        assert!(ok);
        assert_eq!(deadline, Some(Deadline::Date(d("2026-02-28"))));
        assert!(!run(PB, "2025-08-31", "2026-03-01").0);
        // ... and 29 Feb in a leap year.
        let (_, deadline, _) = run(PB, "2023-08-31", "2023-12-01");
        assert_eq!(deadline, Some(Deadline::Date(d("2024-02-29"))));
    }

    #[test]
    fn sindh_has_no_wait_but_a_one_year_permit() {
        let (ok, deadline, _) = run(SD, "2024-01-20", "2024-01-21");
        assert!(ok);
        assert_eq!(deadline, Some(Deadline::Date(d("2025-01-20"))));
        assert!(!run(SD, "2024-01-20", "2025-01-21").0);
    }

    #[test]
    fn a_test_before_the_permit_was_issued_fails_the_wait() {
        let (ok, _, failed) = run(PB, "2025-03-01", "2025-02-01");
        assert!(!ok);
        assert_eq!(failed, vec!["learner.wait"]);
    }

    #[test]
    fn not_offered_in_kp() {
        let (ok, _, failed) = run(Jurisdiction::KP, "2025-01-01", "2025-03-01");
        assert!(!ok);
        assert_eq!(failed, vec!["service.offered"]);
    }
}
