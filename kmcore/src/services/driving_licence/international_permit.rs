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
use crate::jurisdiction::Jurisdiction::{self, ICT, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The international driving permit's workflow.
    workflow InternationalPermitWorkflow for InternationalPermit;
    states {
        /// Being filled in at the counter.
        Draft = "draft",
        /// Submitted; eligibility checked and the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// Permit issued.
        Issued = "issued" [done],
        /// The permit's term ran out.
        Expired = "expired" [terminal],
        /// Refused by the licensing authority.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the application (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Issue the permit.
        Issue = "issue",
        /// The permit's term ends.
        Expire = "expire",
        /// Refuse the application.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Submitted,
        Draft + Withdraw => Withdrawn,
        Submitted + PayFee => FeePaid,
        Submitted + Refuse => Refused,
        Submitted + Withdraw => Withdrawn,
        FeePaid + Issue => Issued,
        FeePaid + Refuse => Refused,
        Issued + Expire => Expired,
    }
}

fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[
        FactKey::Category,
        FactKey::LicenceTermYears,
        FactKey::DateOfBirth,
        FactKey::HasValidNationalLicence,
        FactKey::HasValidVisa,
        FactKey::HasMedicalFitnessCertificate,
    ]
}

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
    use crate::decision::Request;
    use crate::facts::{Facts, LicenceCategory};
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

    fn run(j: Jurisdiction, as_of: &str, f: Facts) -> (bool, Option<i64>, Vec<String>) {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(ServiceId::InternationalPermit, j, d(as_of), f);
        let dec = cat.evaluate(&r).unwrap();
        let failed = dec.failures().map(|c| c.code().to_string()).collect();
        (
            dec.eligible(),
            dec.fee_due().map(|m| m.whole_rupees().unwrap()),
            failed,
        )
    }

    #[test]
    fn car_one_year_is_fee_plus_courier() {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(
            ServiceId::InternationalPermit,
            PB,
            d("2025-01-15"),
            facts(LicenceCategory::MotorCar, 1, "1990-01-01"),
        );
        let dec = cat.evaluate(&r).unwrap();
        let lines: Vec<(FeeLineKind, i64)> = dec
            .quote()
            .lines()
            .iter()
            .map(|l| (l.kind, l.amount.whole_rupees().unwrap()))
            .collect();
        assert_eq!(
            lines,
            vec![(FeeLineKind::Base, 1350), (FeeLineKind::Courier, 480)]
        );
        assert_eq!(dec.fee_due().unwrap().whole_rupees(), Some(1830));
    }

    #[test]
    fn fees_by_category_term_and_date() {
        let f = |c, y| facts(c, y, "1990-01-01");
        assert_eq!(
            run(PB, "2025-01-08", f(LicenceCategory::MotorCar, 3)).1,
            Some(4530)
        );
        assert_eq!(
            run(PB, "2025-01-07", f(LicenceCategory::MotorCar, 1)).1,
            None
        );
        assert_eq!(
            run(PB, "2024-03-01", f(LicenceCategory::Motorcycle, 1)).1,
            Some(930)
        );
        assert_eq!(
            run(PB, "2024-03-01", f(LicenceCategory::Motorcycle, 3)).1,
            Some(1830)
        );
        assert_eq!(
            run(PB, "2024-03-01", f(LicenceCategory::Motorcycle, 5)),
            (true, None, vec![])
        );
        assert_eq!(
            run(PB, "2024-01-15", f(LicenceCategory::Motorcycle, 1)).1,
            None
        );
        assert_eq!(
            run(ICT, "2025-01-15", f(LicenceCategory::MotorCar, 1)),
            (true, None, vec![])
        );
    }

    #[test]
    fn medical_certificate_over_50_only() {
        // Exactly 50: not over 50.
        let f = facts(LicenceCategory::MotorCar, 1, "1975-01-15");
        assert!(run(PB, "2025-01-15", f).0);
        // 51: needed.
        let f = facts(LicenceCategory::MotorCar, 1, "1974-01-10");
        let (ok, fee, failed) = run(PB, "2025-01-15", f.clone());
        assert_eq!((ok, fee), (false, None));
        assert_eq!(failed, vec!["document.required"]);
        let f = Facts {
            has_medical_fitness_certificate: Some(true),
            ..f
        };
        assert_eq!(run(PB, "2025-01-15", f), (true, Some(1830), vec![]));
    }

    #[test]
    fn every_missing_document_is_listed() {
        let f = Facts {
            has_valid_national_licence: Some(false),
            has_valid_visa: Some(false),
            ..facts(LicenceCategory::MotorCar, 1, "1960-01-01")
        };
        let (ok, fee, failed) = run(PB, "2025-01-15", f);
        assert_eq!((ok, fee), (false, None));
        assert_eq!(failed, vec!["document.required"; 3]);
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
