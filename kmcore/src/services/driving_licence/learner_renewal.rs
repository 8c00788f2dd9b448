//! Renewal of a learner permit for 6 months (`driving_licence.learner_renewal`).
//!
//! Islamabad Chief Commissioner's notification dated "6 April" (year not
//! shown; HUM News, <https://humnews.pk/latest/24185/>; also
//! <https://tns.world/urdu/?p=51881>) lists it at Rs 150. The notification
//! is undated and later notices changed other ITP fees, so the value is
//! uncertain and its start assumed (6 Apr 2019, as for the renewal bands of
//! the same notification). No eligibility rule is sourced; no other
//! jurisdiction's fee is known. Workflow: submitted with the fee fixed,
//! paid, then issued or refused.

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{self, ICT};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The learner renewal's workflow.
    workflow LearnerRenewalWorkflow for LearnerRenewal;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Submitted; the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// Renewed permit issued.
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
        /// Issue it.
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

fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[]
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for LearnerRenewal with sla;
    /// Fee.
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LearnerRenewal,
    title: "Learner permit renewal",
    title_ur: "لرنر پرمٹ کی تجدید",
    kind: ServiceKind::Application,
    offered_in: &[ICT],
    required_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<LearnerRenewalWorkflow>),
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
            ServiceId::LearnerRenewal,
            ICT,
            as_of.parse().unwrap(),
            Facts::default(),
        );
        cat.evaluate(&r).unwrap().quote().status()
    }

    #[test]
    fn ict_fee_from_the_undated_notification() {
        let fee = crate::Money::from_rupees(150).unwrap();
        assert_eq!(quote("2024-01-01"), FeeStatus::Known(fee));
        assert_eq!(quote("2019-04-05"), FeeStatus::NotKnown);
    }

    #[test]
    fn workflow_happy_path() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::LearnerRenewal, ICT, "LR-1").unwrap();
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
        assert_eq!(rec.fee_paisa, Some(15_000));
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
