//! No-objection certificate for a driving licence (`driving_licence.noc`).
//!
//! Islamabad Traffic Police list an NOC at Rs 1,000 in their 2024 fee
//! schedule (<https://www.incpak.com/?p=175198>), and the notification of
//! 10 May 2024 gives the same NOC fee
//! (<https://propakistani.pk/2024/05/10/islamabad-announces-huge-increase-in-driving-license-fees/>);
//! the fee applies from that notification. No source says what an
//! applicant must show for it, so the request has no eligibility rule, and
//! no other jurisdiction's NOC is sourced. Workflow: submitted with the fee
//! fixed, paid, then issued or refused.

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{self, ICT};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The licence NOC's workflow.
    workflow LicenceNocWorkflow for LicenceNoc;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Submitted; the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// Certificate issued.
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
        /// Issue the certificate.
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
    for LicenceNoc with sla;
    /// Fee for the certificate.
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LicenceNoc,
    title: "Driving licence NOC",
    title_ur: "ڈرائیونگ لائسنس کا این او سی",
    kind: ServiceKind::Application,
    offered_in: &[ICT],
    required_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<LicenceNocWorkflow>),
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
            ServiceId::LicenceNoc,
            ICT,
            as_of.parse().unwrap(),
            Facts::default(),
        );
        cat.evaluate(&r).unwrap().quote().status()
    }

    #[test]
    fn ict_fee_from_the_may_2024_notification() {
        let thousand = crate::Money::from_rupees(1000).unwrap();
        assert_eq!(quote("2024-05-10"), FeeStatus::Known(thousand));
        assert_eq!(quote("2026-01-01"), FeeStatus::Known(thousand));
        assert_eq!(quote("2024-05-09"), FeeStatus::NotKnown);
    }

    #[test]
    fn workflow_happy_path() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::LicenceNoc, ICT, "NOC-1").unwrap();
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
        assert_eq!(rec.fee_paisa, Some(100_000));
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
