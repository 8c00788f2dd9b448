//! Was a hotel, guest-house or hostel guest reported to the police in time?
//! (`guest_registration.deadline`)
//!
//! The limit (bundle `limit`, in hours, by establishment) is the one in the
//! law in force at check-in, looked up on the Pakistan date of
//! `checked_in_at`. Punjab: the Information of Temporary Residents
//! Ordinance (8 Jan 2015) gave hotels and guest houses 3 hours from check-in
//! and hostel managers 3 hours from a resident's arrival (The News, 9 Jan
//! 2015; The Nation, 11 Jan 2015, confirmed); for Punjab Act VIII of 2015
//! (from 10 Mar 2015) no hotel limit was seen, and the Ordinance's 3 hours
//! are carried over as uncertain. Sindh: Act XXI of 2015 (published 18 May
//! 2015) gives hotel and hostel managers 3 hours (The News, 14 Apr 2015,
//! confirmed); the facts do not say it covers guest houses, so no Sindh
//! guest-house limit is given and that check fails with `rule.not_known`, as
//! it does in ICT and KP, where no limit is known. On time iff `reported_at
//! ≤ checked_in_at + limit` (exact elapsed hours, deadline in Pakistan time).
//! The penalty the law in force states (as for tenants) is reported as a
//! `report.penalty` check. No fee applies.

use super::{PENALTY, ReportRules};
use crate::facts::Establishment;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{PB, SD};
use crate::reason::ReasonCode;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

/// The guest was reported within the limit after check-in.
pub const REPORTED_IN_TIME: ReasonCode = ReasonCode::new("guest.reported_in_time");

crate::services::required_facts! { [Establishment, CheckedInAt, ReportedAt] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.not_charged();
    let f = ev.facts;
    let (Some(establishment), Some(checked_in), Some(reported)) =
        (f.establishment, f.checked_in_at, f.reported_at)
    else {
        return Ok(());
    };
    super::report_deadline(
        ev,
        REPORTED_IN_TIME,
        ReportRules {
            limit: LIMIT,
            variant: establishment,
            penalty_min: PENALTY_MIN,
            penalty_max: PENALTY_MAX,
            imprisonment_max: IMPRISONMENT_MAX,
        },
        checked_in,
        reported,
    )
}

crate::rules::params! {
    for GuestDeadline;
    /// Hours from check-in within which the guest must be reported, by establishment and the law in force at check-in.
    LIMIT: Hours by Establishment = "limit";
    /// Lowest fine the law in force states for failing to report, in rupees.
    PENALTY_MIN: Rupees = "penalty_min";
    /// Highest fine the law in force states for failing to report, in rupees.
    PENALTY_MAX: Rupees = "penalty_max";
    /// Longest imprisonment the law in force states for failing to report, in months.
    IMPRISONMENT_MAX: Months = "imprisonment_max";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::GuestDeadline,
    title: "Guest reporting deadline (hotel, guest house, hostel)",
    title_ur: "ہوٹل، گیسٹ ہاؤس یا ہاسٹل کے مہمان کی اطلاع کی آخری مہلت",
    kind: ServiceKind::Check,
    offered_in: &[PB, SD],
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
    use crate::decision::FeeStatus;
    use crate::facts::{Establishment, Facts};
    use crate::jurisdiction::Jurisdiction::{ICT, KP};
    use crate::services::testing::{Expect, Row, eligible, refused, run_table};
    use chrono::{DateTime, FixedOffset};

    fn t(s: &str) -> DateTime<FixedOffset> {
        crate::calendar::parse_instant(s).unwrap()
    }

    /// A report at `reported` of a guest checked in at `checked_in`; the
    /// check is never charged.
    fn row(
        j: Jurisdiction,
        e: Establishment,
        checked_in: &str,
        reported: &'static str,
        want: Expect,
    ) -> Row {
        let facts = Facts {
            establishment: Some(e),
            checked_in_at: Some(t(checked_in)),
            reported_at: Some(t(reported)),
            ..Facts::default()
        };
        let want = want.status(FeeStatus::NotCharged).no_fee();
        (j, reported, facts, want)
    }

    /// Refused by this one check alone.
    fn only(code: &str) -> Expect {
        refused(&[code]).checks(&[(code, false)])
    }

    #[test]
    #[rustfmt::skip]
    fn deadlines_by_jurisdiction_and_establishment() {
        use Establishment::{GuestHouse, Hostel, Hotel};
        let late = ["guest.reported_in_time", "report.penalty"];
        run_table(ServiceId::GuestDeadline, &[
            // A Punjab hotel: three hours, exactly.
            row(PB, Hotel, "2015-03-05T10:00:00+05:00", "2015-03-05T12:59:00+05:00",
                eligible().deadline_at("2015-03-05T13:00:00+05:00")),
            row(PB, Hotel, "2015-03-05T10:00:00+05:00", "2015-03-05T13:00:00+05:00", eligible()),
            // No penalty amounts are known for the Ordinance.
            row(PB, Hotel, "2015-03-05T10:00:00+05:00", "2015-03-05T13:01:00+05:00",
                only("guest.reported_in_time").deadline_at("2015-03-05T13:00:00+05:00")),
            // Punjab covers guest houses and hostels.
            row(PB, GuestHouse, "2015-02-01T23:00:00+05:00", "2015-02-02T02:00:00+05:00",
                eligible().deadline_at("2015-02-02T02:00:00+05:00")),
            row(PB, Hostel, "2015-02-01T23:00:00+05:00", "2015-02-02T02:00:00+05:00",
                eligible().deadline_at("2015-02-02T02:00:00+05:00")),
            // The Punjab Act's period carries three hours, with a penalty.
            row(PB, Hotel, "2025-06-14T22:30:00+05:00", "2025-06-15T01:31:00+05:00",
                refused(&late)
                    .deadline_at("2025-06-15T01:30:00+05:00")
                    .checks(&[("guest.reported_in_time", false), ("report.penalty", false)])),
            // A Sindh hostel: three hours.
            row(SD, Hostel, "2025-06-14T09:15:00+05:00", "2025-06-14T12:16:00+05:00",
                refused(&late).deadline_at("2025-06-14T12:15:00+05:00")),
            row(SD, Hotel, "2025-06-14T09:15:00+05:00", "2025-06-14T12:15:00+05:00",
                eligible().checks(&[("guest.reported_in_time", true), ("report.penalty", true)])),
            // Sindh's guest-house limit is not known.
            row(SD, GuestHouse, "2025-06-14T09:15:00+05:00", "2025-06-14T09:30:00+05:00",
                only("rule.not_known").no_deadline()),
            // Sindh before the Act: not known.
            row(SD, Hotel, "2015-05-17T09:00:00+05:00", "2015-05-17T10:00:00+05:00",
                only("rule.not_known")),
            // Not offered outside Punjab and Sindh.
            row(ICT, Hotel, "2025-06-14T09:00:00+05:00", "2025-06-14T10:00:00+05:00",
                only("rule.not_known")),
            row(KP, Hotel, "2025-06-14T09:00:00+05:00", "2025-06-14T10:00:00+05:00",
                only("rule.not_known")),
        ]);
    }
}
