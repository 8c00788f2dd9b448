//! Driving licence renewal (`driving_licence.renewal`), on time or late.
//!
//! Lateness is measured from `expires_on`, the licence's last valid day: on
//! time while `as_of ≤ expires_on`. PB (from Mar 2024,
//! <https://en.dailypakistan.com.pk/09-Mar-2024/motorcycle-car-driving-license-renewal-fee-in-lahore-march-2024-update>):
//! a medical fitness certificate from age 50; on time motorcycle 480 and car
//! 1,650 per year; late by at most a year (`as_of ≤ expires_on + 12 months`)
//! motorcycle 600 and car 2,062 per year, replacing the on-time fee
//! (uncertain: the source gives them as "up to" amounts); later than that
//! the fee is not known (per year or once is not stated). On-time fees are
//! charged once per year of `licence_term_years`; a late renewal for more
//! than one year has no known fee (the source does not say how the late
//! amount is built). ICT (undated notification of the Chief
//! Commissioner, <https://humnews.pk/latest/24185/>, uncertain), flat fees
//! for a 5-year licence: at most 30 days late (`(as_of − expires_on).days ≤
//! 30`, so renewing early or on the expiry day too, FACTS.md §6.3) 700; within a year 1,500; more than 3 years late (`as_of >
//! expires_on + 36 months`) 4,000; between 1 and 3 years late no fee is
//! given. No source gives an SD renewal fee: it is not known. A late
//! renewal stays eligible; only its fee may be unknown.

use super::{FeeCategory, per_year_fee};
use crate::calendar;
use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::facts::LicenceCategory;
use crate::jurisdiction::Jurisdiction::{self, ICT, KP, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval, Param, Rupees, Value};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, ServiceDef};
use crate::workflow::WorkflowTable;

/// Jurisdictions whose renewal fees are charged per year of the term.
const PER_YEAR_IN: &[Jurisdiction] = &[PB];
/// Jurisdictions where the facts require a fitness certificate from an age.
const FITNESS_IN: &[Jurisdiction] = &[PB];

crate::define_workflow! {
    /// The licence renewal's workflow.
    standard workflow LicenceRenewalWorkflow for LicenceRenewal;
    /// Submitted; eligibility checked and the fee fixed.
    submitted;
    /// Renewed licence issued.
    done Renewed = "renewed";
    /// Issue the renewed licence.
    by Renew = "renew";
    /// The renewed term ran out.
    end Expired = "expired";
    /// The renewed term ends.
    by Expire = "expire";
}

crate::services::required_facts! {
    PB => [Category, ExpiresOn, LicenceTermYears, DateOfBirth, HasMedicalFitnessCertificate],
    ICT | SD | KP => [Category, ExpiresOn, LicenceTermYears],
}

/// A fee for the category, or for `any` category.
fn for_category<'b>(
    ev: &mut Eval<'b, '_>,
    param: Param<Rupees, FeeCategory>,
    category: LicenceCategory,
) -> Option<Value<'b, Rupees>> {
    ev.optional_value(param, FeeCategory::Of(category))
        .or_else(|| ev.optional_value(param, FeeCategory::Any))
}

/// Which fee band the renewal falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Band {
    OnTime,
    Grace,
    WithinWindow,
    VeryLate,
    Unknown,
}

/// The band of a renewal; a band whose bounds the jurisdiction does not
/// have is skipped.
fn band(ev: &mut Eval<'_, '_>, expires_on: chrono::NaiveDate) -> crate::Result<Band> {
    let late_days = calendar::days_between(expires_on, ev.date);
    // Lateness is `(as_of − expires_on).days` (FACTS.md §6.3): where the
    // first band is "at most N days late" (ICT), renewing early or on the
    // expiry day is 0 or fewer days late and falls in it.
    if let Some(grace) = ev.optional_value(GRACE_DAYS, ()) {
        if late_days <= grace.amount() {
            return Ok(Band::Grace);
        }
    }
    if late_days <= 0 {
        return Ok(Band::OnTime);
    }
    let months = |amount: i64| u32::try_from(amount).unwrap_or(u32::MAX);
    if let Some(window) = ev.optional_value(LATE_WINDOW, ()) {
        if calendar::within_months(expires_on, months(window.amount()), ev.date)? {
            return Ok(Band::WithinWindow);
        }
    }
    if let Some(after) = ev.optional_value(VERY_LATE_AFTER, ()) {
        if !calendar::within_months(expires_on, months(after.amount()), ev.date)? {
            return Ok(Band::VeryLate);
        }
    }
    Ok(Band::Unknown)
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    let (Some(category), Some(expires_on)) = (f.category, f.expires_on) else {
        return Ok(());
    };
    if FITNESS_IN.contains(&ev.jurisdiction) {
        if let (Some(from_age), Some(dob)) = (ev.require(FITNESS_AGE, ()), f.date_of_birth) {
            if i64::from(calendar::years_between(dob, ev.date)) >= from_age.amount() {
                rules::document(
                    ev,
                    "medical_fitness_certificate",
                    f.has_medical_fitness_certificate,
                );
            }
        }
    }
    let (kind, param) = match band(ev, expires_on)? {
        Band::OnTime => (FeeLineKind::Base, FEE),
        Band::Grace => (FeeLineKind::Late, GRACE_FEE),
        Band::WithinWindow => (FeeLineKind::Late, LATE_FEE),
        Band::VeryLate => (FeeLineKind::Late, VERY_LATE_FEE),
        Band::Unknown => {
            ev.fee_not_known();
            return Ok(());
        }
    };
    if PER_YEAR_IN.contains(&ev.jurisdiction) {
        let variant = if ev
            .optional_value(param, FeeCategory::Of(category))
            .is_some()
        {
            FeeCategory::Of(category)
        } else {
            FeeCategory::Any
        };
        if kind == FeeLineKind::Late && f.licence_term_years != Some(1) {
            // The source gives the late amount ("up to") without saying
            // how it is built for more than one year: not known.
            ev.fee_not_known();
        } else {
            per_year_fee(ev, kind, param, variant, f.licence_term_years);
        }
    } else {
        match for_category(ev, param, category) {
            Some(v) => ev.fee_line(kind, v),
            None => ev.fee_not_known(),
        }
    }
    Ok(())
}

crate::rules::params! {
    for LicenceRenewal with sla;
    /// On-time renewal fee by category (PB: per year of the term).
    FEE: Rupees by FeeCategory = "fee";
    /// Days after expiry in which the grace fee applies (ICT).
    GRACE_DAYS: Days = "grace_days";
    /// Fee for renewing within the grace days after expiry (ICT).
    GRACE_FEE: Rupees by FeeCategory = "grace_fee";
    /// Months after expiry in which the late fee applies.
    LATE_WINDOW: Months = "late_window";
    /// Late renewal fee within the late window, replacing the on-time fee (PB: per year).
    LATE_FEE: Rupees by FeeCategory = "late_fee";
    /// Months after expiry beyond which the very-late fee applies (ICT).
    VERY_LATE_AFTER: Months = "very_late_after";
    /// Fee for renewing after the very-late threshold (ICT).
    VERY_LATE_FEE: Rupees by FeeCategory = "very_late_fee";
    /// Age from which a medical fitness certificate is required (PB).
    FITNESS_AGE: Years = "fitness_age";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LicenceRenewal,
    title: "Driving licence renewal",
    title_ur: "ڈرائیونگ لائسنس کی تجدید",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[DocumentDef {
        id: "medical_fitness_certificate",
        provided_by: Some(FactKey::HasMedicalFitnessCertificate),
        jurisdictions: &[PB],
        condition: Some(DocumentCondition::FromAge(50)),
    }],
    reasons: &[ReasonCode::DOCUMENT_REQUIRED, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: Some(WorkflowTable::of::<LicenceRenewalWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::application::{Actor, Application};
    use crate::decision::FeeStatus;
    use crate::facts::{Facts, LicenceCategory};
    use crate::services::testing::{any, eligible, refused, run_table};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn pb(category: LicenceCategory, dob: &str, expires: &str, years: i64) -> Facts {
        Facts {
            category: Some(category),
            date_of_birth: Some(d(dob)),
            expires_on: Some(d(expires)),
            licence_term_years: Some(years),
            has_medical_fitness_certificate: Some(false),
            ..Facts::default()
        }
    }

    fn ict(expires: &str) -> Facts {
        Facts {
            category: Some(LicenceCategory::MotorCar),
            expires_on: Some(d(expires)),
            licence_term_years: Some(5),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn punjab() {
        use LicenceCategory::*;
        let over_50 = pb(Motorcycle, "1975-03-09", "2025-03-31", 1);
        run_table(ServiceId::LicenceRenewal, &[
            // On time, and on the expiry day.
            (PB, "2025-03-09", pb(Motorcycle, "1975-03-10", "2025-03-31", 1), eligible().fee(480)),
            (PB, "2025-06-30", pb(MotorCar, "1988-02-02", "2025-06-30", 1), eligible().fee(1650)),
            // The late fee replaces the on-time fee.
            (PB, "2025-07-01", pb(Motorcycle, "1992-11-30", "2025-06-30", 1),
                any().lines(&[(FeeLineKind::Late, 600)])),
            // Expired 29 Feb 2024: the late year ends 28 Feb 2025.
            (PB, "2025-02-28", pb(MotorCar, "1988-02-02", "2024-02-29", 1), eligible().fee(2062)),
            (PB, "2025-03-01", pb(MotorCar, "1988-02-02", "2024-02-29", 1), eligible().no_fee()),
            // The per-year fee times the term.
            (PB, "2025-06-01", pb(MotorCar, "1988-02-02", "2025-06-30", 3), any().fee(3 * 1650)),
            (PB, "2025-07-15", pb(Motorcycle, "1988-02-02", "2025-06-30", 5), any().no_fee()),
            // The fitness certificate from 50.
            (PB, "2025-03-09", over_50.clone(), refused(&["document.required"]).no_fee()),
            (PB, "2025-03-09", Facts { has_medical_fitness_certificate: Some(true), ..over_50 },
                eligible().fee(480)),
            // Categories and dates with no known fee.
            (PB, "2025-06-01", pb(Htv, "1988-02-02", "2025-06-30", 1), eligible().no_fee()),
            (PB, "2025-06-01", pb(TractorAgricultural, "1988-02-02", "2025-06-30", 1), eligible().no_fee()),
            (PB, "2025-06-01", pb(TractorCommercial, "1988-02-02", "2025-06-30", 1), eligible().no_fee()),
            (PB, "2025-07-01", pb(Rickshaw, "1988-02-02", "2025-06-30", 1), eligible().no_fee()),
            // Before March 2024 neither fee nor fitness age is known.
            (PB, "2024-02-29", pb(Motorcycle, "1988-02-02", "2024-06-30", 1),
                refused(&["rule.not_known"])),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn islamabad_bands_and_sindh() {
        run_table(ServiceId::LicenceRenewal, &[
            (ICT, "2019-12-31", ict("2019-12-31"), eligible().fee(700)),
            (ICT, "2020-01-01", ict("2019-12-31"), any().fee(700)),
            (ICT, "2020-01-30", ict("2019-12-31"), any().fee(700)),
            (ICT, "2020-01-31", ict("2019-12-31"), any().fee(1500)),
            (ICT, "2020-12-31", ict("2019-12-31"), any().fee(1500)),
            (ICT, "2021-01-01", ict("2019-12-31"), any().no_fee()),
            (ICT, "2021-12-31", ict("2019-12-31"), any().no_fee()),
            (ICT, "2022-12-31", ict("2019-12-31"), any().no_fee()),
            (ICT, "2023-01-01", ict("2019-12-31"), any().fee(4000)),
            (ICT, "2023-01-01", ict("2019-12-31"), eligible()),
            // Sindh: the fee is not known.
            (SD, "2025-06-01",
                Facts {
                    category: Some(LicenceCategory::MotorCarAndMotorcycle),
                    expires_on: Some(d("2025-06-30")),
                    licence_term_years: Some(5),
                    ..Facts::default()
                },
                eligible().status(FeeStatus::NotKnown)),
        ]);
    }

    #[test]
    fn workflow_happy_path_and_refused_move() {
        let cat = Catalogue::embedded().unwrap();
        let t = |s: &str| s.parse().unwrap();
        let mut app = Application::new(cat, ServiceId::LicenceRenewal, PB, "RN-1").unwrap();
        let f = pb(LicenceCategory::MotorCar, "1988-02-02", "2025-06-30", 1);
        let err = app
            .apply(
                cat,
                "renew",
                t("2025-06-01T09:00:00+05:00"),
                Actor::Clerk,
                None,
            )
            .unwrap_err();
        assert!(err.is_move_not_allowed());
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-06-01T09:00:00+05:00"),
                Actor::Clerk,
                Some(f),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(165_000));
        app.apply(
            cat,
            "pay_fee",
            t("2025-06-01T09:10:00+05:00"),
            Actor::Citizen,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "renew",
            t("2025-06-02T09:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "renewed");
    }
}
