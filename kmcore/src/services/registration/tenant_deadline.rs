//! Was a tenant reported to the police in time? (`tenant_registration.deadline`)
//!
//! The limit is the one in the law in force when possession passed to the
//! tenant, so the bundle's `limit` is looked up on the (Pakistan) date of
//! `possession_at`, not on the as-of date. Punjab: the Information of
//! Temporary Residents Ordinance (II of 2015, 8 Jan 2015) gave the property
//! dealer, landlord and tenant 48 hours from possession (The News, 9 Jan
//! 2015, confirmed); Punjab Act VIII of 2015 (10 Mar 2015) is summarised by a
//! third party as 15 days (360 hours), a value not checked against the Act
//! text and kept in the bundle as uncertain with the Ordinance's 48 hours
//! recorded as a conflict. The Ordinance's grace period to 28 Feb 2015 is
//! not modelled. Sindh: Act XXI of 2015 (published 18 May 2015), 48 hours
//! (The News, 14 Apr 2015, confirmed); before it no Sindh limit is known.
//! ICT and KP: no reporting limit is known. Where no limit is in force the
//! check fails with `rule.not_known`. On time iff `reported_at ≤
//! possession_at + limit` (exact elapsed hours; the deadline is given in
//! Pakistan time, +05:00). The penalty the law states for a breach (Punjab
//! Act s.11: fine Rs 10,000–100,000 and up to 6 months, uncertain; Sindh Act:
//! Rs 10,000–45,000 and up to 6 months, confirmed) is reported as a
//! `report.penalty` check, failed when the report is late. No fee applies.

use super::ReportRules;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{self, ICT, KP, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

/// The tenant was reported within the limit after possession.
pub const REPORTED_IN_TIME: ReasonCode = ReasonCode::new("tenancy.reported_in_time");
pub use super::PENALTY;

fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[FactKey::PossessionAt, FactKey::ReportedAt]
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.not_charged();
    let (Some(possession), Some(reported)) = (ev.facts.possession_at, ev.facts.reported_at) else {
        return Ok(());
    };
    super::report_deadline(
        ev,
        REPORTED_IN_TIME,
        ReportRules {
            limit: LIMIT,
            variant: (),
            penalty_min: PENALTY_MIN,
            penalty_max: PENALTY_MAX,
            imprisonment_max: IMPRISONMENT_MAX,
        },
        possession,
        reported,
    )
}

crate::rules::params! {
    for TenantDeadline;
    /// Hours from possession within which the tenant must be reported, by the law in force at possession.
    LIMIT: Hours = "limit";
    /// Lowest fine the law in force states for failing to report, in rupees.
    PENALTY_MIN: Rupees = "penalty_min";
    /// Highest fine the law in force states for failing to report, in rupees.
    PENALTY_MAX: Rupees = "penalty_max";
    /// Longest imprisonment the law in force states for failing to report, in months.
    IMPRISONMENT_MAX: Months = "imprisonment_max";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::TenantDeadline,
    title: "Tenant reporting deadline",
    title_ur: "کرایہ دار کی اطلاع کی آخری مہلت",
    kind: ServiceKind::Check,
    offered_in: &[PB, ICT, SD, KP],
    required_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[REPORTED_IN_TIME, PENALTY, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{Deadline, FeeStatus, Request};
    use crate::facts::Facts;
    use crate::reason::ParamValue;
    use crate::{Catalogue, Lang, Money};
    use chrono::{DateTime, FixedOffset};

    fn t(s: &str) -> DateTime<FixedOffset> {
        crate::calendar::parse_instant(s).unwrap()
    }

    struct Out {
        on_time: bool,
        deadline: Option<Deadline>,
        codes: Vec<(String, bool)>,
        penalty: Option<(Money, Money)>,
    }

    fn check(j: Jurisdiction, possession: &str, reported: &str) -> Out {
        let cat = Catalogue::embedded().unwrap();
        let facts = Facts {
            possession_at: Some(t(possession)),
            reported_at: Some(t(reported)),
            ..Facts::default()
        };
        let r = Request::at_instant(ServiceId::TenantDeadline, j, t(reported), facts);
        let dec = cat.evaluate(&r).unwrap();
        assert_eq!(dec.quote().status(), FeeStatus::NotCharged);
        assert_eq!(dec.fee_due(), None);
        for c in dec.checks() {
            for lang in Lang::ALL {
                assert!(
                    !cat.message(c, lang).contains('{'),
                    "{}",
                    cat.message(c, lang)
                );
            }
        }
        let penalty = dec.checks().iter().find(|c| c.code() == PENALTY).map(|c| {
            let money = |n: &str| match c.params().find(|p| p.name == n).unwrap().value {
                ParamValue::Money(m) => m,
                other => panic!("{other:?}"),
            };
            (money("fine_min"), money("fine_max"))
        });
        Out {
            on_time: dec.eligible(),
            deadline: dec.deadline(),
            codes: dec
                .checks()
                .iter()
                .map(|c| (c.code().to_string(), c.passed()))
                .collect(),
            penalty,
        }
    }

    fn rs(n: i64) -> Money {
        Money::from_rupees(n).unwrap()
    }

    #[test]
    fn sindh_48_hours_exact() {
        let p = "2025-12-31T20:00:00+05:00";
        let want = Some(Deadline::Instant(t("2026-01-02T20:00:00+05:00")));
        let early = check(SD, p, "2026-01-02T19:59:00+05:00");
        assert!(early.on_time);
        assert_eq!(early.deadline, want);
        assert!(check(SD, p, "2026-01-02T20:00:00+05:00").on_time);
        let late = check(SD, p, "2026-01-02T20:01:00+05:00");
        assert!(!late.on_time);
        assert_eq!(late.deadline, want);
        assert_eq!(
            late.codes,
            vec![
                ("tenancy.reported_in_time".to_string(), false),
                ("report.penalty".to_string(), false)
            ]
        );
        assert_eq!(late.penalty, Some((rs(10_000), rs(45_000))));
    }

    #[test]
    fn on_time_report_lists_the_penalty_as_passed() {
        let out = check(SD, "2025-06-01T10:00:00+05:00", "2025-06-01T12:00:00+05:00");
        assert!(out.on_time);
        assert_eq!(out.codes.len(), 2);
        assert!(out.codes.iter().all(|(_, passed)| *passed));
    }

    #[test]
    fn sindh_before_the_act_is_not_known() {
        let out = check(SD, "2015-05-17T10:00:00+05:00", "2015-05-17T11:00:00+05:00");
        assert!(!out.on_time);
        assert_eq!(out.deadline, None);
        assert_eq!(out.codes, vec![("rule.not_known".to_string(), false)]);
        // From publication day the Act's 48 hours apply.
        let out = check(SD, "2015-05-18T00:00:00+05:00", "2015-05-19T23:00:00+05:00");
        assert!(out.on_time);
    }

    #[test]
    fn punjab_ordinance_48_hours_then_act_15_days() {
        // Possession on the Ordinance's last day: 48 hours, no penalty amounts known.
        let out = check(PB, "2015-03-09T12:00:00+05:00", "2015-03-11T12:01:00+05:00");
        assert!(!out.on_time);
        assert_eq!(
            out.deadline,
            Some(Deadline::Instant(t("2015-03-11T12:00:00+05:00")))
        );
        assert_eq!(out.penalty, None);
        // Possession on the Act's first day: 15 days (360 hours).
        let out = check(PB, "2015-03-10T12:00:00+05:00", "2015-03-25T12:00:00+05:00");
        assert!(out.on_time);
        assert_eq!(
            out.deadline,
            Some(Deadline::Instant(t("2015-03-25T12:00:00+05:00")))
        );
        assert_eq!(out.penalty, Some((rs(10_000), rs(100_000))));
    }

    #[test]
    fn law_is_taken_at_possession_not_at_report() {
        // Reported under the Act, but possession under the Ordinance.
        let out = check(PB, "2015-03-05T12:00:00+05:00", "2015-03-10T12:00:00+05:00");
        assert!(!out.on_time);
        assert_eq!(
            out.deadline,
            Some(Deadline::Instant(t("2015-03-07T12:00:00+05:00")))
        );
    }

    #[test]
    fn punjab_act_16_days_late() {
        let out = check(PB, "2025-12-20T18:00:00+05:00", "2026-01-05T09:00:00+05:00");
        assert!(!out.on_time);
        assert_eq!(
            out.deadline,
            Some(Deadline::Instant(t("2026-01-04T18:00:00+05:00")))
        );
    }

    #[test]
    fn deadline_is_given_in_pakistan_time() {
        // Possession given in UTC: 15:00Z is 20:00 in Pakistan.
        let out = check(SD, "2025-12-31T15:00:00Z", "2026-01-02T19:59:00+05:00");
        assert!(out.on_time);
        match out.deadline {
            Some(Deadline::Instant(d)) => {
                assert_eq!(d, t("2026-01-02T20:00:00+05:00"));
                assert_eq!(d.offset().local_minus_utc(), 5 * 3600);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ict_and_kp_limits_are_not_known() {
        for j in [ICT, KP] {
            let out = check(j, "2025-06-01T10:00:00+05:00", "2025-06-01T11:00:00+05:00");
            assert!(!out.on_time);
            assert_eq!(out.deadline, None);
            assert_eq!(out.codes, vec![("rule.not_known".to_string(), false)]);
        }
    }
}
