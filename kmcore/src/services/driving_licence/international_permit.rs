//! International driving permit (`driving_licence.international_permit`).
//!
//! Issued under the 1968 Vienna Convention to a holder of a valid Pakistani
//! licence with a valid visa; a medical certificate is needed when the
//! applicant is over 50, i.e. age > 50 in completed years
//! (<https://pakobserver.net/pakistan-international-driving-license-for-malaysia-australia-check-fee-structure/>,
//! 8 Jan 2025). PB fees by term: from 16 Jan 2024 motorcycle 930 for 1 year
//! and 1,830 for 3 years
//! (<https://en.dailypakistan.com.pk/17-Jan-2024/new-driving-license-fee-structure-implemented-in-punjab-check-full-fee-schedule>);
//! from 8 Jan 2025 car 1,830 for 1 year, quoted as a Rs 1,350 fee plus
//! Rs 480 courier (two lines), and 4,530 for 3 years, courier included
//! (pakobserver). Other terms, categories and dates are not known; no ICT or
//! SD fee is known. ICT issues the permit the same day (2018 service
//! standard, <https://nation.com.pk/11-Apr-2018/ict-admin-launches-improved-public-delivery-system>):
//! an SLA of 0 working days.

use super::CategoryTerm;
use crate::calendar;
use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, ServiceDef};
use crate::workflow::WorkflowTable;

crate::define_workflow! {
    /// The international driving permit's workflow.
    standard workflow InternationalPermitWorkflow for InternationalPermit;
    /// Submitted; eligibility checked and the fee fixed.
    submitted;
    /// Permit issued.
    done Issued = "issued";
    /// Issue the permit.
    by Issue = "issue";
    /// The permit's term ran out.
    end Expired = "expired";
    /// The permit's term ends.
    by Expire = "expire";
}

crate::services::required_facts! { [Category, LicenceTermYears, DateOfBirth, HasValidNationalLicence, HasValidVisa, HasMedicalFitnessCertificate] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    rules::document(ev, "national_licence", f.has_valid_national_licence);
    rules::document(ev, "visa", f.has_valid_visa);
    if let (Some(over), Some(dob)) = (ev.require(MEDICAL_OVER_AGE, ()), f.date_of_birth) {
        if i64::from(calendar::years_between(dob, ev.date)) > over.amount() {
            rules::document(
                ev,
                "medical_fitness_certificate",
                f.has_medical_fitness_certificate,
            );
        }
    }
    let variant = match (f.category, f.licence_term_years) {
        (Some(c), Some(y)) => CategoryTerm::of(c, y),
        _ => None,
    };
    match variant.and_then(|v| ev.optional_value(FEE, v).map(|fee| (v, fee))) {
        Some((v, fee)) => {
            ev.fee_line(FeeLineKind::Base, fee);
            if let Some(courier) = ev.optional_value(COURIER, v) {
                ev.fee_line(FeeLineKind::Courier, courier);
            }
        }
        None => ev.fee_not_known(),
    }
    Ok(())
}

crate::rules::params! {
    for InternationalPermit with sla;
    /// Permit fee by category and term (`motor_car_1y`).
    FEE: Rupees by CategoryTerm = "fee";
    /// Courier charge quoted together with the fee, by category and term.
    COURIER: Rupees by CategoryTerm = "courier";
    /// A medical certificate is needed when the age is over this many years.
    MEDICAL_OVER_AGE: Years = "medical_over_age";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::InternationalPermit,
    title: "International driving permit",
    title_ur: "انٹرنیشنل ڈرائیونگ پرمٹ",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: "national_licence",
            provided_by: Some(FactKey::HasValidNationalLicence),
            jurisdictions: &[PB, ICT, SD],
            condition: None,
        },
        DocumentDef {
            id: "visa",
            provided_by: Some(FactKey::HasValidVisa),
            jurisdictions: &[PB, ICT, SD],
            condition: None,
        },
        DocumentDef {
            id: "medical_fitness_certificate",
            provided_by: Some(FactKey::HasMedicalFitnessCertificate),
            jurisdictions: &[PB, ICT, SD],
            condition: Some(DocumentCondition::OverAge(50)),
        },
        // An attested passport copy and CNIC copies, from the same general
        // description of Pakistan's IDP as the medical certificate
        // (<https://pakobserver.net/pakistan-international-driving-license-for-malaysia-australia-check-fee-structure/>).
        DocumentDef {
            id: "passport",
            provided_by: None,
            jurisdictions: &[PB, ICT, SD],
            condition: None,
        },
        DocumentDef {
            id: "cnic",
            provided_by: None,
            jurisdictions: &[PB, ICT, SD],
            condition: None,
        },
    ],
    reasons: &[ReasonCode::DOCUMENT_REQUIRED, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: Some(WorkflowTable::of::<InternationalPermitWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::application::{Actor, Application};
    use crate::facts::{Facts, LicenceCategory};
    use crate::services::testing::{any, eligible, refused, run_table};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts(category: LicenceCategory, years: i64, dob: &str) -> Facts {
        Facts {
            category: Some(category),
            licence_term_years: Some(years),
            date_of_birth: Some(d(dob)),
            has_valid_national_licence: Some(true),
            has_valid_visa: Some(true),
            has_medical_fitness_certificate: Some(false),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn fees_by_category_term_and_date() {
        use LicenceCategory::*;
        let f = |c, y| facts(c, y, "1990-01-01");
        run_table(ServiceId::InternationalPermit, &[
            // A car for one year: the fee plus the courier.
            (PB, "2025-01-15", f(MotorCar, 1),
                any().lines(&[(FeeLineKind::Base, 1350), (FeeLineKind::Courier, 480)]).fee(1830)),
            (PB, "2025-01-08", f(MotorCar, 3), any().fee(4530)),
            (PB, "2025-01-07", f(MotorCar, 1), any().no_fee()),
            (PB, "2024-03-01", f(Motorcycle, 1), any().fee(930)),
            (PB, "2024-03-01", f(Motorcycle, 3), any().fee(1830)),
            (PB, "2024-03-01", f(Motorcycle, 5), eligible().no_fee()),
            (PB, "2024-01-15", f(Motorcycle, 1), any().no_fee()),
            (ICT, "2025-01-15", f(MotorCar, 1), eligible().no_fee()),
            // No permit fee is sourced for tractors and rickshaws.
            (PB, "2025-01-15", f(TractorCommercial, 1), eligible().no_fee()),
            (PB, "2025-01-15", f(Rickshaw, 3), eligible().no_fee()),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn documents() {
        let over_50 = facts(LicenceCategory::MotorCar, 1, "1974-01-10");
        run_table(ServiceId::InternationalPermit, &[
            // The medical certificate is asked over 50 only: exactly 50 is not over 50.
            (PB, "2025-01-15", facts(LicenceCategory::MotorCar, 1, "1975-01-15"), eligible()),
            // 51: needed.
            (PB, "2025-01-15", over_50.clone(), refused(&["document.required"]).no_fee()),
            (PB, "2025-01-15", Facts { has_medical_fitness_certificate: Some(true), ..over_50 },
                eligible().fee(1830)),
            // Every missing document is listed.
            (PB, "2025-01-15",
                Facts {
                    has_valid_national_licence: Some(false),
                    has_valid_visa: Some(false),
                    ..facts(LicenceCategory::MotorCar, 1, "1960-01-01")
                },
                refused(&["document.required"; 3]).no_fee()),
        ]);
    }

    #[test]
    fn ict_same_day_sla() {
        let cat = Catalogue::embedded().unwrap();
        let t = |s: &str| s.parse().unwrap();
        let mut app = Application::new(cat, ServiceId::InternationalPermit, ICT, "IDP-1").unwrap();
        let f = facts(LicenceCategory::MotorCar, 1, "1990-01-01");
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-03-03T09:00:00+05:00"),
                Actor::Clerk,
                Some(f),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, None);
        let sla = app.sla(cat, t("2025-03-03T12:00:00+05:00")).unwrap();
        assert_eq!(sla.target_working_days, Some(0));
        assert_eq!(sla.due, Some(d("2025-03-03")));
        app.apply(
            cat,
            "pay_fee",
            t("2025-03-03T09:10:00+05:00"),
            Actor::Citizen,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "issue",
            t("2025-03-03T10:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "issued");
        assert!(
            !app.sla(cat, t("2025-03-04T10:00:00+05:00"))
                .unwrap()
                .breached
        );
    }
}
