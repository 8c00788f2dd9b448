//! Copy of a first information report (`fir_copy.request`).
//!
//! A certified copy of a registered FIR, offered at Punjab Khidmat Marakaz
//! (114,000+ copies in 2024; Nation, 23 Dec 2024), the ICT centre (listed
//! in March 2022) and the Sindh Korangi centre (Sep 2023); the KP
//! notification of 8 Apr 2025 does not list it. No fee, service standard
//! or eligibility rule has been found for any jurisdiction, so the fee is
//! reported as not known and the request has no rule to fail. Workflow:
//! the request is checked against the police station's record (the FIR
//! exists and the requester may have it) before the copy is issued.

use crate::decision::FeeLineKind;
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The FIR copy's workflow.
    workflow FirCopyWorkflow for FirCopy;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Requested; the fee (if any) fixed.
        Requested = "requested",
        /// Checked against the police station's record.
        Verified = "verified",
        /// Copy issued.
        Issued = "issued" [done, terminal],
        /// Refused (no such FIR, or the requester may not have it).
        Refused = "refused" [terminal],
        /// Withdrawn by the requester.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the request (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// The record check is clear.
        Verify = "verify",
        /// Issue the copy.
        Issue = "issue",
        /// Refuse.
        Refuse = "refuse",
        /// The requester withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Requested,
        Draft + Withdraw => Withdrawn,
        Requested + Verify => Verified,
        Requested + Refuse => Refused,
        Requested + Withdraw => Withdrawn,
        Verified + Issue => Issued,
        Verified + Refuse => Refused,
    }
}

crate::services::required_facts! { [] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for FirCopy with sla;
    /// Fee for a copy (none sourced yet).
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::FirCopy,
    title: "Copy of an FIR",
    title_ur: "ایف آئی آر کی نقل",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<FirCopyWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;
    use crate::application::{Actor, Application};
    use crate::decision::FeeStatus;
    use crate::facts::Facts;
    use crate::services::testing::{eligible, refused, run_table};
    use crate::{Catalogue, Workflow};

    #[test]
    #[rustfmt::skip]
    fn offered_with_the_fee_not_known() {
        let not_known = || eligible().status(FeeStatus::NotKnown).no_fee();
        run_table(ServiceId::FirCopy, &[
            (PB, "2025-01-10", Facts::default(), not_known()),
            (ICT, "2025-01-10", Facts::default(), not_known()),
            (SD, "2025-01-10", Facts::default(), not_known()),
            // Not offered in KP.
            (Jurisdiction::KP, "2025-05-01", Facts::default(), refused(&["rule.not_known"])),
        ]);
    }

    #[test]
    fn workflow_happy_path_and_a_refused_move() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::FirCopy, PB, "FIR-1").unwrap();
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
        assert_eq!(rec.fee_paisa, None);
        assert!(
            app.apply(
                cat,
                "issue",
                t("2025-01-10T10:01:00+05:00"),
                Actor::Clerk,
                None
            )
            .is_err()
        );
        app.apply(
            cat,
            "verify",
            t("2025-01-10T11:00:00+05:00"),
            Actor::Police,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "issue",
            t("2025-01-10T12:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        assert_eq!(app.state(), "issued");
        assert_eq!(
            FirCopyWorkflow::next(State::Requested, Event::Refuse),
            Some(State::Refused)
        );
    }
}
