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
use crate::jurisdiction::Jurisdiction::ICT;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::WorkflowTable;

crate::define_workflow! {
    /// The licence NOC's workflow.
    standard workflow LicenceNocWorkflow for LicenceNoc;
    /// Submitted; the fee fixed.
    submitted;
    /// Certificate issued.
    done Issued = "issued";
    /// Issue the certificate.
    by Issue = "issue";
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

crate::services::required_facts! { [] }

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LicenceNoc,
    title: "Driving licence NOC",
    title_ur: "ڈرائیونگ لائسنس کا این او سی",
    kind: ServiceKind::Application,
    offered_in: &[ICT],
    required_facts,
    missing_facts,
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
    use crate::decision::FeeStatus;
    use crate::facts::Facts;
    use crate::jurisdiction::Jurisdiction::PB;
    use crate::services::testing::{eligible, refused, run_table, walk};

    #[test]
    #[rustfmt::skip]
    fn ict_fee_from_the_may_2024_notification() {
        run_table(ServiceId::LicenceNoc, &[
            (ICT, "2024-05-10", Facts::default(), eligible().fee(1000)),
            (ICT, "2026-01-01", Facts::default(), eligible().fee(1000)),
            (ICT, "2024-05-09", Facts::default(), eligible().no_fee().status(FeeStatus::NotKnown)),
            // No other jurisdiction is sourced.
            (PB, "2024-06-01", Facts::default(), refused(&["rule.not_known"]).no_fee()),
        ]);
    }

    #[test]
    fn workflow_happy_path() {
        let events = ["submit", "pay_fee", "issue"];
        let app = walk(
            ServiceId::LicenceNoc,
            ICT,
            "2025-01-10T10:00:00+05:00",
            None,
            &events,
        );
        assert_eq!(app.events()[0].fee_paisa, Some(100_000));
        assert_eq!(app.state(), "issued");
        assert!(app.is_terminal());
    }
}
