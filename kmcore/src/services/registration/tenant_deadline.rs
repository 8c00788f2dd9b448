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
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

/// The tenant was reported within the limit after possession.
pub const REPORTED_IN_TIME: ReasonCode = ReasonCode::new("tenancy.reported_in_time");
pub use super::PENALTY;

crate::services::required_facts! { [PossessionAt, ReportedAt] }

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
    missing_facts,
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
    use crate::Jurisdiction;
    use crate::Money;
    use crate::decision::{Deadline, FeeStatus};
    use crate::facts::Facts;
    use crate::reason::ParamValue;
    use crate::services::testing::{Expect, Row, eligible, refused, run_table, summary};
    use chrono::{DateTime, FixedOffset};

    fn t(s: &str) -> DateTime<FixedOffset> {
        crate::calendar::parse_instant(s).unwrap()
    }

    fn tenancy(possession: &str, reported: &str) -> Facts {
        Facts {
            possession_at: Some(t(possession)),
            reported_at: Some(t(reported)),
            ..Facts::default()
        }
    }

    /// A report at `reported` of possession at `possession`; the check is
    /// never charged.
    fn row(j: Jurisdiction, possession: &str, reported: &'static str, want: Expect) -> Row {
        let want = want.status(FeeStatus::NotCharged).no_fee();
        (j, reported, tenancy(possession, reported), want)
    }

    /// The penalty check with its fine range, in rupees.
    fn fine(want: Expect, passed: bool, min: i64, max: i64) -> Expect {
        let rs = |n| ParamValue::Money(Money::from_rupees(n).unwrap());
        want.param("report.penalty", passed, "fine_min", rs(min))
            .param("report.penalty", passed, "fine_max", rs(max))
    }

    fn not_known() -> Expect {
        refused(&["rule.not_known"])
            .no_deadline()
            .checks(&[("rule.not_known", false)])
    }

    #[test]
    #[rustfmt::skip]
    fn deadlines_by_jurisdiction_and_law() {
        let late = ["tenancy.reported_in_time", "report.penalty"];
        run_table(ServiceId::TenantDeadline, &[
            // Sindh: 48 hours, exactly.
            row(SD, "2025-12-31T20:00:00+05:00", "2026-01-02T19:59:00+05:00",
                eligible().deadline_at("2026-01-02T20:00:00+05:00")),
            row(SD, "2025-12-31T20:00:00+05:00", "2026-01-02T20:00:00+05:00", eligible()),
            row(SD, "2025-12-31T20:00:00+05:00", "2026-01-02T20:01:00+05:00",
                fine(refused(&late)
                    .deadline_at("2026-01-02T20:00:00+05:00")
                    .checks(&[("tenancy.reported_in_time", false), ("report.penalty", false)]),
                    false, 10_000, 45_000)),
            // A report on time lists the penalty as passed.
            row(SD, "2025-06-01T10:00:00+05:00", "2025-06-01T12:00:00+05:00",
                eligible().checks(&[("tenancy.reported_in_time", true), ("report.penalty", true)])),
            // Sindh before the Act: not known; from publication day the Act's
            // 48 hours apply.
            row(SD, "2015-05-17T10:00:00+05:00", "2015-05-17T11:00:00+05:00", not_known()),
            row(SD, "2015-05-18T00:00:00+05:00", "2015-05-19T23:00:00+05:00", eligible()),
            // Punjab: possession on the Ordinance's last day gives 48 hours,
            // and no penalty amounts are known.
            row(PB, "2015-03-09T12:00:00+05:00", "2015-03-11T12:01:00+05:00",
                refused(&["tenancy.reported_in_time"])
                    .deadline_at("2015-03-11T12:00:00+05:00")
                    .checks(&[("tenancy.reported_in_time", false)])),
            // Possession on the Act's first day: 15 days (360 hours).
            row(PB, "2015-03-10T12:00:00+05:00", "2015-03-25T12:00:00+05:00",
                fine(eligible().deadline_at("2015-03-25T12:00:00+05:00"), true, 10_000, 100_000)),
            // The law is taken at possession, not at the report: reported
            // under the Act, possession under the Ordinance.
            row(PB, "2015-03-05T12:00:00+05:00", "2015-03-10T12:00:00+05:00",
                refused(&["tenancy.reported_in_time"]).deadline_at("2015-03-07T12:00:00+05:00")),
            // The Act, 16 days late.
            row(PB, "2025-12-20T18:00:00+05:00", "2026-01-05T09:00:00+05:00",
                refused(&late).deadline_at("2026-01-04T18:00:00+05:00")),
            // Possession given in UTC: 15:00Z is 20:00 in Pakistan.
            row(SD, "2025-12-31T15:00:00Z", "2026-01-02T19:59:00+05:00",
                eligible().deadline_at("2026-01-02T20:00:00+05:00")),
            // ICT and KP limits are not known.
            row(ICT, "2025-06-01T10:00:00+05:00", "2025-06-01T11:00:00+05:00", not_known()),
            row(KP, "2025-06-01T10:00:00+05:00", "2025-06-01T11:00:00+05:00", not_known()),
        ]);
    }

    #[test]
    fn deadline_is_given_in_pakistan_time() {
        // Possession given in UTC; the deadline is in Pakistan's offset (an
        // instant's equality alone does not show the offset).
        let reported = "2026-01-02T19:59:00+05:00";
        let got = summary(
            ServiceId::TenantDeadline,
            SD,
            reported,
            tenancy("2025-12-31T15:00:00Z", reported),
        );
        match got.deadline {
            Some(Deadline::Instant(d)) => {
                assert_eq!(d, t("2026-01-02T20:00:00+05:00"));
                assert_eq!(d.offset().local_minus_utc(), 5 * 3600);
            }
            other => panic!("{other:?}"),
        }
    }
}
