//! All-Pakistan extension of a Punjab arms licence
//! (`arms_licence.all_pakistan`).
//!
//! Punjab set the fee to extend a licence's validity to all of Pakistan at
//! Rs 100,000 in July 2023 (ProPakistani, 24 Jul 2023,
//! <https://propakistani.pk/2023/07/24/punjab-announces-massive-increase-in-arms-license-fee/>)
//! and later cut it to Rs 15,000 (Pakistan Observer, 2 Sep 2023,
//! <https://pakobserver.net/punjab-govt-to-lift-ban-on-new-arms-licenses-heres-how-to-apply/>);
//! each report's date is taken as the day the fee applies from. No source
//! gives an eligibility rule beyond holding a licence, so none is checked.
//! Workflow: submitted with the fee fixed, paid, then endorsed or refused.

use crate::decision::FeeLineKind;
use crate::jurisdiction::Jurisdiction::PB;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The all-Pakistan extension's workflow.
    workflow ArmsAllPakistanWorkflow for ArmsAllPakistan;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Submitted; the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// Extension endorsed on the licence.
        Issued = "issued" [done, terminal],
        /// Refused by the licensing authority.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the request (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Endorse the extension.
        Issue = "issue",
        /// Refuse the request.
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
    }
}

crate::services::required_facts! { [] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for ArmsAllPakistan with sla;
    /// Fee for the extension.
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::ArmsAllPakistan,
    title: "All-Pakistan extension of an arms licence",
    title_ur: "اسلحہ لائسنس کی کل پاکستان توسیع",
    kind: ServiceKind::Application,
    offered_in: &[PB],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<ArmsAllPakistanWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::application::{Actor, Application};
    use crate::decision::{FeeStatus, Request};
    use crate::facts::Facts;

    fn quote(as_of: &str) -> FeeStatus {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(
            ServiceId::ArmsAllPakistan,
            PB,
            as_of.parse().unwrap(),
            Facts::default(),
        );
        cat.evaluate(&r).unwrap().quote().status()
    }

    #[test]
    fn fee_before_and_after_the_cut() {
        let fee = |r: i64| FeeStatus::Known(crate::Money::from_rupees(r).unwrap());
        assert_eq!(quote("2023-07-23"), FeeStatus::NotKnown);
        assert_eq!(quote("2023-07-24"), fee(100_000));
        assert_eq!(quote("2023-09-01"), fee(100_000));
        assert_eq!(quote("2023-09-02"), fee(15_000));
        assert_eq!(quote("2026-01-01"), fee(15_000));
    }

    #[test]
    fn workflow_happy_path() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::ArmsAllPakistan, PB, "AP-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-01-10T10:00:00+05:00"),
                Actor::Citizen,
                None,
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(1_500_000));
        app.apply(
            cat,
            "pay_fee",
            t("2025-01-10T10:05:00+05:00"),
            Actor::Citizen,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "issue",
            t("2025-01-11T10:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "issued");
    }
}
