//! Validity of a character / police clearance certificate
//! (`character_certificate.validity`).
//!
//! A Punjab Police character certificate is valid for 180 days; after that
//! the holder must apply again (Embassy of Pakistan, Beijing,
//! <https://www.pakbj.org/Information/522.htm>, confirmed). Following the
//! day-count convention the issue day is not counted: the certificate is
//! valid while `as_of ≤ issued_on + 180 days`, and that last day is the
//! deadline. The number of days is the bundle's `validity`, looked up on the
//! day the certificate is presented. No validity period is known for ICT, SD
//! or KP certificates: there the check fails with `rule.not_known` rather
//! than guessing. A certificate presented before its issue date fails
//! `certificate.issued`.

use chrono::NaiveDate;

use crate::calendar;
use crate::decision::Deadline;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;

/// The certificate is still within its validity period.
pub const VALID: ReasonCode = ReasonCode::new("certificate.valid");
/// The certificate's issue date is not after the day it is presented.
pub const ISSUED: ReasonCode = ReasonCode::new("certificate.issued");

crate::services::required_facts! { [IssuedOn] }

/// The last valid day of a document valid for `days` days from `issued_on`
/// (the issue day not counted).
fn last_valid_day(issued_on: NaiveDate, days: i64) -> crate::Result<NaiveDate> {
    calendar::add_days(issued_on, days)
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.not_charged();
    let Some(issued_on) = ev.facts.issued_on else {
        return Ok(());
    };
    let presented = ev.date;
    ev.check(ISSUED, issued_on <= ev.date, |c| {
        c.param(ParamName::IssuedOn, ParamValue::Date(issued_on))
            .param(ParamName::Presented, ParamValue::Date(presented))
    });
    let Some(validity) = ev.require(VALIDITY, ()) else {
        return Ok(());
    };
    let last = last_valid_day(issued_on, validity.amount())?;
    ev.check(VALID, ev.date <= last, |c| {
        c.param(ParamName::IssuedOn, ParamValue::Date(issued_on))
            .param(ParamName::Days, ParamValue::Days(validity.amount()))
            .param(ParamName::ValidUntil, ParamValue::Date(last))
            .rule(Some(validity.dated))
    });
    ev.set_deadline(Deadline::Date(last));
    Ok(())
}

crate::rules::params! {
    for CharacterCertificateValidity;
    /// How long a certificate is valid, in days after the issue day.
    VALIDITY: Days = "validity";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::CharacterCertificateValidity,
    title: "Character certificate validity",
    title_ur: "کریکٹر سرٹیفکیٹ کی میعاد",
    kind: ServiceKind::Check,
    offered_in: &[PB, ICT, SD, KP],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[ISSUED, VALID, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::decision::{FeeStatus, Request};
    use crate::facts::Facts;
    use crate::services::testing::{Expect, any, eligible, refused, run_table};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn issued(on: &str) -> Facts {
        Facts {
            issued_on: Some(d(on)),
            ..Facts::default()
        }
    }

    /// The check is never charged.
    fn free(want: Expect) -> Expect {
        want.status(FeeStatus::NotCharged).no_fee()
    }

    #[test]
    #[rustfmt::skip]
    fn validity_in_days() {
        run_table(ServiceId::CharacterCertificateValidity, &[
            // Day 180 is the last valid day; day 181 has expired.
            (PB, "2025-06-30", issued("2025-01-01"), free(eligible().deadline("2025-06-30"))),
            (PB, "2025-07-01", issued("2025-01-01"),
                free(refused(&["certificate.valid"]).deadline("2025-06-30"))),
            // Day 179, and the issue day itself, are valid.
            (PB, "2025-06-29", issued("2025-01-01"), free(eligible())),
            (PB, "2025-03-10", issued("2025-03-10"), free(eligible())),
            // A leap year is counted in days: 2024 has 29 Feb, so 1 Jan 2024
            // + 180 days is 29 Jun 2024.
            (PB, "2024-06-29", issued("2024-01-01"), free(eligible().deadline("2024-06-29"))),
            // Issued on 29 Feb 2024.
            (PB, "2024-05-01", issued("2024-02-29"), free(any().deadline("2024-08-27"))),
            // Across the new year.
            (PB, "2026-06-29", issued("2025-12-31"), free(eligible().deadline("2026-06-29"))),
            (PB, "2026-06-30", issued("2025-12-31"), free(refused(&["certificate.valid"]))),
            // Presented before issue.
            (PB, "2025-05-01", issued("2025-05-02"), free(refused(&["certificate.issued"]))),
            // The validity is not known outside Punjab.
            (ICT, "2025-02-01", issued("2025-01-01"), free(refused(&["rule.not_known"]).no_deadline())),
            (SD, "2025-02-01", issued("2025-01-01"), free(refused(&["rule.not_known"]).no_deadline())),
            (KP, "2025-02-01", issued("2025-01-01"), free(refused(&["rule.not_known"]).no_deadline())),
        ]);
    }

    #[test]
    fn expired_and_misdated_rules_are_both_listed() {
        // Presented before issue: the issue-date rule fails, the validity
        // rule is still evaluated (and passes).
        let cat = Catalogue::embedded().unwrap();
        let facts = Facts {
            issued_on: Some(d("2025-05-02")),
            ..Facts::default()
        };
        let r = Request::on_date(
            ServiceId::CharacterCertificateValidity,
            PB,
            d("2025-05-01"),
            facts,
        );
        let dec = cat.evaluate(&r).unwrap();
        let codes: Vec<_> = dec.checks().iter().map(|c| c.code()).collect();
        assert_eq!(codes, vec![ISSUED, VALID]);
        let valid = dec.checks().iter().find(|c| c.code() == VALID).unwrap();
        assert!(valid.rule_value().unwrap().source.contains("pakbj"));
    }
}
