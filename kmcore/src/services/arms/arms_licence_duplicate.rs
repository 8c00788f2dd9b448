//! Duplicate Punjab arms licence (`arms_licence.duplicate`).
//!
//! Issued in place of a lost or damaged licence (the Punjab Arms Rules 2017
//! provide for duplicates). The fee was Rs 1,000 before the July 2023
//! increase and Rs 5,000 after it (ProPakistani, 24 Jul 2023, whose date is
//! taken as the effective date; Pakistan Observer, 2 Sep 2023). The service
//! takes no facts and has no eligibility rule. Its checklist asks for the
//! police loss report ([`LOST_REPORT_DOCUMENT`], from `lost_report.file`)
//! and the CNIC; no fact yet says whether the licence was lost or damaged,
//! so the loss report is listed as always required.

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::PB;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, LOST_REPORT_DOCUMENT, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The duplicate arms licence's workflow.
    workflow ArmsLicenceDuplicateWorkflow for ArmsLicenceDuplicate;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Submitted with the loss report; the fee fixed.
        Submitted = "submitted",
        /// Fee paid through a scheduled bank.
        FeePaid = "fee_paid",
        /// NADRA processing and record check.
        Processing = "processing",
        /// Duplicate issued.
        Issued = "issued" [done, terminal],
        /// Refused.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the application (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee through a scheduled bank.
        PayFee = "pay_fee",
        /// Start NADRA processing.
        StartProcessing = "start_processing",
        /// Issue the duplicate.
        Issue = "issue",
        /// Refuse.
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
        FeePaid + StartProcessing => Processing,
        Processing + Issue => Issued,
        Processing + Refuse => Refused,
    }
}

crate::services::required_facts! { [] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for ArmsLicenceDuplicate with sla;
    /// Fee for a duplicate licence.
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::ArmsLicenceDuplicate,
    title: "Duplicate arms licence",
    title_ur: "ڈپلیکیٹ اسلحہ لائسنس",
    kind: ServiceKind::Application,
    offered_in: &[PB],
    required_facts,
    missing_facts,
    optional_facts: &[FactKey::DocumentLost],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: LOST_REPORT_DOCUMENT,
            provided_by: None,
            jurisdictions: &[PB],
            condition: Some(DocumentCondition::WhenFact(FactKey::DocumentLost)),
        },
        DocumentDef {
            id: "cnic",
            provided_by: None,
            jurisdictions: &[PB],
            condition: None,
        },
    ],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<ArmsLicenceDuplicateWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::{Actor, Application};
    use crate::decision::Request;
    use crate::facts::Facts;
    use crate::services::testing::{eligible, run_table};
    use crate::{Catalogue, Workflow};

    #[test]
    #[rustfmt::skip]
    fn fees_by_date() {
        run_table(ServiceId::ArmsLicenceDuplicate, &[
            // Before and after the July 2023 increase.
            (PB, "2023-07-23", Facts::default(), eligible().fee(1_000)),
            (PB, "2023-07-24", Facts::default(), eligible().fee(5_000)),
            (PB, "2024-08-20", Facts::default(), eligible().fee(5_000)),
            (PB, "2026-01-02", Facts::default(), eligible().fee(5_000)),
            // Before any known fee it is not known.
            (PB, "2016-12-31", Facts::default(), eligible().no_fee()),
        ]);
    }

    #[test]
    fn the_checklist_asks_for_the_loss_report() {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(
            ServiceId::ArmsLicenceDuplicate,
            PB,
            "2024-08-20".parse().unwrap(),
            Facts {
                document_lost: Some(true),
                ..Facts::default()
            },
        );
        let docs = cat.documents(&r);
        let report = docs.iter().find(|d| d.id == "lost_report").unwrap();
        assert_eq!(report.required, Some(true));
        let damaged = Request {
            facts: Facts {
                document_lost: Some(false),
                ..Facts::default()
            },
            ..r.clone()
        };
        let docs = cat.documents(&damaged);
        let report = docs.iter().find(|d| d.id == "lost_report").unwrap();
        assert_eq!(report.required, Some(false));
        assert_eq!(report.name, "police loss report");
    }

    #[test]
    fn workflow_happy_path_and_a_refused_move() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::ArmsLicenceDuplicate, PB, "ARD-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        let rec = app
            .apply(
                cat,
                "submit",
                t("2024-08-20T10:00:00+05:00"),
                Actor::Citizen,
                None,
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(500_000));
        assert!(
            app.apply(
                cat,
                "issue",
                t("2024-08-20T10:01:00+05:00"),
                Actor::Clerk,
                None
            )
            .is_err()
        );
        for event in ["pay_fee", "start_processing", "issue"] {
            app.apply(
                cat,
                event,
                t("2024-08-21T10:00:00+05:00"),
                Actor::Clerk,
                None,
            )
            .unwrap();
        }
        assert_eq!(app.state(), "issued");
        assert_eq!(
            ArmsLicenceDuplicateWorkflow::next(State::Issued, Event::Refuse),
            None
        );
    }
}
