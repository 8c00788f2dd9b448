//! Learner driving permit (`driving_licence.learner_permit`).
//!
//! Issued without a test to an applicant of the category's minimum age with
//! a valid CNIC. The permit is valid for a number of months (6 in PB and
//! ICT, 12 in SD); the practical test may be taken after a waiting period
//! (see `driving_licence.test_booking`).

use crate::decision::FeeLineKind;
use crate::facts::{FactKey, LicenceCategory};
use crate::jurisdiction::Jurisdiction::{self, ICT, KP, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentDef, ServiceDef};
use crate::workflow::WorkflowTable;

crate::define_workflow! {
    /// The learner permit's workflow.
    standard workflow LearnerPermitWorkflow for LearnerPermit;
    /// Submitted; eligibility checked and the fee fixed.
    submitted;
    /// Permit issued.
    done Issued = "issued";
    /// Issue the permit (records `learner_issued_on`).
    by Issue = "issue" [stamps: LearnerIssuedOn];
    /// Permit lapsed.
    end Expired = "expired";
    /// The permit lapses.
    by Expire = "expire";
}

fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[
        FactKey::Category,
        FactKey::DateOfBirth,
        FactKey::HasValidCnic,
    ]
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let (Some(category), Some(dob)) = (ev.facts.category, ev.facts.date_of_birth) else {
        return Ok(());
    };
    super::minimum_age(ev, dob, category);
    rules::document(ev, "cnic", ev.facts.has_valid_cnic);
    ev.fee_from(FeeLineKind::Base, FEE, category);
    Ok(())
}

crate::rules::params! {
    for LearnerPermit with sla;
    /// Fee for the learner permit, by category.
    FEE: Rupees by LicenceCategory = "fee";
    /// Minimum age in completed years, by category.
    MIN_AGE: Years by LicenceCategory = "min_age";
    /// How long a learner permit is valid, in months from issue.
    VALIDITY: Months = "validity";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::LearnerPermit,
    title: "Learner driving permit",
    title_ur: "لرنر ڈرائیونگ پرمٹ",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD, KP],
    required_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[DocumentDef {
        id: "cnic",
        provided_by: Some(FactKey::HasValidCnic),
        jurisdictions: &[PB, ICT, SD, KP],
        condition: None,
    }],
    reasons: &[
        ReasonCode::AGE_MINIMUM,
        ReasonCode::DOCUMENT_REQUIRED,
        ReasonCode::RULE_NOT_KNOWN,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<LearnerPermitWorkflow>),
};
