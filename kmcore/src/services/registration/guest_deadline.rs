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
use crate::jurisdiction::Jurisdiction::{self, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

/// The guest was reported within the limit after check-in.
pub const REPORTED_IN_TIME: ReasonCode = ReasonCode::new("guest.reported_in_time");

fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[
        FactKey::Establishment,
        FactKey::CheckedInAt,
        FactKey::ReportedAt,
    ]
}

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
    use crate::facts::{Establishment, Facts};
    use crate::jurisdiction::Jurisdiction::{ICT, KP};
    use crate::{Catalogue, Lang};
    use chrono::{DateTime, FixedOffset};

    fn t(s: &str) -> DateTime<FixedOffset> {
        crate::calendar::parse_instant(s).unwrap()
    }

    fn check(
        j: Jurisdiction,
        e: Establishment,
        checked_in: &str,
        reported: &str,
    ) -> (bool, Option<Deadline>, Vec<(String, bool)>) {
        let cat = Catalogue::embedded().unwrap();
        let facts = Facts {
            establishment: Some(e),
            checked_in_at: Some(t(checked_in)),
            reported_at: Some(t(reported)),
            ..Facts::default()
        };
        let r = Request::at_instant(ServiceId::GuestDeadline, j, t(reported), facts);
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
        let codes = dec
            .checks()
            .iter()
            .map(|c| (c.code().to_string(), c.passed()))
            .collect();
        (dec.eligible(), dec.deadline(), codes)
    }

    #[test]
    fn punjab_hotel_three_hours_exact() {
        let at = "2015-03-05T10:00:00+05:00";
        let want = Some(Deadline::Instant(t("2015-03-05T13:00:00+05:00")));
        let (ok, d, _) = check(PB, Establishment::Hotel, at, "2015-03-05T12:59:00+05:00");
        assert!(ok);
        assert_eq!(d, want);
        let (ok, _, _) = check(PB, Establishment::Hotel, at, "2015-03-05T13:00:00+05:00");
        assert!(ok);
        let (ok, d, codes) = check(PB, Establishment::Hotel, at, "2015-03-05T13:01:00+05:00");
        assert!(!ok);
        assert_eq!(d, want);
        // No penalty amounts are known for the Ordinance.
        assert_eq!(codes, vec![("guest.reported_in_time".to_string(), false)]);
    }

    #[test]
    fn punjab_covers_guest_houses_and_hostels() {
        for e in [Establishment::GuestHouse, Establishment::Hostel] {
            let (ok, d, _) = check(
                PB,
                e,
                "2015-02-01T23:00:00+05:00",
                "2015-02-02T02:00:00+05:00",
            );
            assert!(ok);
            assert_eq!(d, Some(Deadline::Instant(t("2015-02-02T02:00:00+05:00"))));
        }
    }

    #[test]
    fn punjab_act_period_carries_three_hours_with_penalty() {
        let (ok, d, codes) = check(
            PB,
            Establishment::Hotel,
            "2025-06-14T22:30:00+05:00",
            "2025-06-15T01:31:00+05:00",
        );
        assert!(!ok);
        assert_eq!(d, Some(Deadline::Instant(t("2025-06-15T01:30:00+05:00"))));
        assert_eq!(
            codes,
            vec![
                ("guest.reported_in_time".to_string(), false),
                ("report.penalty".to_string(), false)
            ]
        );
    }

    #[test]
    fn sindh_hostel_three_hours() {
        let at = "2025-06-14T09:15:00+05:00";
        let (ok, d, _) = check(SD, Establishment::Hostel, at, "2025-06-14T12:16:00+05:00");
        assert!(!ok);
        assert_eq!(d, Some(Deadline::Instant(t("2025-06-14T12:15:00+05:00"))));
        let (ok, _, codes) = check(SD, Establishment::Hotel, at, "2025-06-14T12:15:00+05:00");
        assert!(ok);
        assert_eq!(
            codes,
            vec![
                ("guest.reported_in_time".to_string(), true),
                ("report.penalty".to_string(), true)
            ]
        );
    }

    #[test]
    fn sindh_guest_house_limit_is_not_known() {
        let (ok, d, codes) = check(
            SD,
            Establishment::GuestHouse,
            "2025-06-14T09:15:00+05:00",
            "2025-06-14T09:30:00+05:00",
        );
        assert!(!ok);
        assert_eq!(d, None);
        assert_eq!(codes, vec![("rule.not_known".to_string(), false)]);
    }

    #[test]
    fn sindh_before_the_act_is_not_known() {
        let (ok, _, codes) = check(
            SD,
            Establishment::Hotel,
            "2015-05-17T09:00:00+05:00",
            "2015-05-17T10:00:00+05:00",
        );
        assert!(!ok);
        assert_eq!(codes, vec![("rule.not_known".to_string(), false)]);
    }

    #[test]
    fn availability_outside_punjab_and_sindh_is_not_known() {
        for j in [ICT, KP] {
            let (ok, _, codes) = check(
                j,
                Establishment::Hotel,
                "2025-06-14T09:00:00+05:00",
                "2025-06-14T10:00:00+05:00",
            );
            assert!(!ok);
            assert_eq!(codes, vec![("rule.not_known".to_string(), false)]);
        }
    }
}
