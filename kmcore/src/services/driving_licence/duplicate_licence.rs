//! Duplicate driving licence (`driving_licence.duplicate`).
//!
//! Fees: PB from 16 Jan 2024 motorcycle 580, car 630, LTV 630, HTV 680
//! (<https://en.dailypakistan.com.pk/17-Jan-2024/new-driving-license-fee-structure-implemented-in-punjab-check-full-fee-schedule>);
//! SD a flat 360 for any category, among the fixed extras reported
//! unchanged from Mar 2024 to Apr 2025
//! (<https://en.dailypakistan.com.pk/20-Jan-2025/sindh-driving-licence-fees-for-cars-and-motorcycles-from-january-2025>);
//! ICT a flat 5,000 under the 2024 schedule (<https://www.incpak.com/?p=175198>).
//! Other categories (PB PSV) are not known. A duplicate replacing a lost
//! licence starts from a police lost-document report
//! (`lost_report.file`): the documents checklist requires it when the
//! optional fact `document_lost` is true (a damaged licence needs none).

use super::FeeCategory;
use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, ServiceDef};
use crate::workflow::WorkflowTable;

crate::define_workflow! {
    /// The duplicate licence's workflow.
    standard workflow DuplicateLicenceWorkflow for DuplicateLicence;
    /// Submitted; the fee fixed.
    submitted;
    /// Duplicate issued.
    done Issued = "issued";
    /// Issue the duplicate.
    by Issue = "issue";
    /// The licence's term ran out.
    end Expired = "expired";
    /// The licence's term ends.
    by Expire = "expire";
}

crate::services::required_facts! { [Category] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let Some(category) = ev.facts.category else {
        return Ok(());
    };
    let variant = if ev.optional_value(FEE, FeeCategory::Of(category)).is_some() {
        FeeCategory::Of(category)
    } else {
        FeeCategory::Any
    };
    ev.fee_from(FeeLineKind::Base, FEE, variant);
    Ok(())
}

crate::rules::params! {
    for DuplicateLicence with sla;
    /// Duplicate licence fee by category, or `any` category.
    FEE: Rupees by FeeCategory = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::DuplicateLicence,
    title: "Duplicate driving licence",
    title_ur: "ڈپلیکیٹ ڈرائیونگ لائسنس",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[FactKey::DocumentLost],
    params: PARAMS,
    documents: &[DocumentDef {
        id: "lost_report",
        provided_by: None,
        jurisdictions: &[PB, ICT, SD],
        condition: Some(DocumentCondition::WhenFact(FactKey::DocumentLost)),
    }],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<DuplicateLicenceWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::application::{Actor, Application};
    use crate::decision::Request;
    use crate::facts::{Facts, LicenceCategory};
    use crate::services::testing::{eligible, run_table};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn of(category: LicenceCategory) -> Facts {
        Facts {
            category: Some(category),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn fees_by_jurisdiction_category_and_date() {
        use LicenceCategory::*;
        run_table(ServiceId::DuplicateLicence, &[
            // Punjab, by category from 16 Jan 2024.
            (PB, "2025-01-02", of(Motorcycle), eligible().fee(580)),
            (PB, "2024-01-16", of(MotorCar), eligible().fee(630)),
            (PB, "2024-06-01", of(Ltv), eligible().fee(630)),
            (PB, "2024-06-01", of(Htv), eligible().fee(680)),
            (PB, "2024-01-15", of(Htv), eligible().no_fee()),
            (PB, "2024-06-01", of(Psv), eligible().no_fee()),
            // No duplicate fee is sourced for tractors and rickshaws in Punjab.
            (PB, "2025-06-01", of(TractorAgricultural), eligible().no_fee()),
            (PB, "2025-06-01", of(TractorCommercial), eligible().no_fee()),
            (PB, "2025-06-01", of(Rickshaw), eligible().no_fee()),
            // Sindh and Islamabad, flat.
            (SD, "2025-02-01", of(MotorCarAndMotorcycle), eligible().fee(360)),
            (SD, "2024-03-01", of(Ltv), eligible().fee(360)),
            (SD, "2024-02-29", of(Ltv), eligible().no_fee()),
            (ICT, "2024-06-01", of(Htv), eligible().fee(5000)),
        ]);
    }

    #[test]
    fn checklist_lists_the_lost_report() {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(
            ServiceId::DuplicateLicence,
            PB,
            d("2025-01-02"),
            Facts {
                document_lost: Some(true),
                ..Facts::default()
            },
        );
        let list = cat.documents(&r);
        let item = list.iter().find(|i| i.id == "lost_report").unwrap();
        assert_eq!(item.required, Some(true));
        assert_eq!(item.provided, None);
        let unsaid = Request {
            facts: Facts::default(),
            ..r
        };
        let list = cat.documents(&unsaid);
        let item = list.iter().find(|i| i.id == "lost_report").unwrap();
        assert_eq!(item.required, None);
    }

    #[test]
    fn workflow_happy_path() {
        let cat = Catalogue::embedded().unwrap();
        let t = |s: &str| s.parse().unwrap();
        let mut app = Application::new(cat, ServiceId::DuplicateLicence, SD, "DL-1").unwrap();
        let facts = Facts {
            category: Some(LicenceCategory::Ltv),
            ..Facts::default()
        };
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-02-01T09:00:00+05:00"),
                Actor::Clerk,
                Some(facts),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(36_000));
        assert!(
            app.apply(
                cat,
                "issue",
                t("2025-02-01T09:05:00+05:00"),
                Actor::Clerk,
                None
            )
            .is_err()
        );
        app.apply(
            cat,
            "pay_fee",
            t("2025-02-01T09:10:00+05:00"),
            Actor::Citizen,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "issue",
            t("2025-02-03T09:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "issued");
    }
}
