//! Duplicate of a learner permit (`driving_licence.learner_duplicate`).
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
use crate::jurisdiction::Jurisdiction::ICT;
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::WorkflowTable;

crate::define_workflow! {
    /// The duplicate learner permit's workflow.
    standard workflow LearnerDuplicateWorkflow for LearnerDuplicate;
    /// Submitted; the fee fixed.
    submitted;
    /// Duplicate issued.
    done Issued = "issued";
    /// Issue the duplicate.
    by Issue = "issue";
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for LearnerDuplicate with sla;
    /// Fee.
    FEE: Rupees = "fee";
}

crate::services::required_facts! { [] }

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LearnerDuplicate,
    title: "Duplicate learner permit",
    title_ur: "لرنر پرمٹ کی نقل",
    kind: ServiceKind::Application,
    offered_in: &[ICT],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<LearnerDuplicateWorkflow>),
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
    fn ict_fee_from_the_undated_notification() {
        run_table(ServiceId::LearnerDuplicate, &[
            (ICT, "2019-04-06", Facts::default(), eligible().fee(150)),
            (ICT, "2024-01-01", Facts::default(), eligible().fee(150)),
            // Before the assumed start the fee is not known.
            (ICT, "2019-04-05", Facts::default(), eligible().no_fee().status(FeeStatus::NotKnown)),
            // No other jurisdiction is sourced.
            (PB, "2024-01-01", Facts::default(), refused(&["rule.not_known"]).no_fee()),
        ]);
    }

    #[test]
    fn workflow_happy_path() {
        let events = ["submit", "pay_fee", "issue"];
        let app = walk(
            ServiceId::LearnerDuplicate,
            ICT,
            "2025-01-10T10:00:00+05:00",
            None,
            &events,
        );
        assert_eq!(app.events()[0].fee_paisa, Some(15_000));
        assert_eq!(app.state(), "issued");
        assert!(app.is_terminal());
    }
}
