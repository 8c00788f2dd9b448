//! Learner driving permit (`driving_licence.learner_permit`).
//!
//! Issued without a test to an applicant of the category's minimum age with
//! a valid CNIC. The permit is valid for a number of months (6 in PB and
//! ICT, 12 in SD); the practical test may be taken after a waiting period
//! (see `driving_licence.test_booking`).
//!
//! Tractors and rickshaws: Punjab charges Rs 500 for every category from
//! 16 Jan 2024, the agricultural and commercial tractor and the rickshaw
//! included (Daily Pakistan, 17 Jan 2024). A commercial tractor and a
//! rickshaw are LTVs there, minimum age 21 (notifications.pk,
//! <https://notifications.pk/punjab-driving-license-fees-and-process-in-2024/>);
//! no source gives the agricultural tractor's age, so it is not known. The
//! NHMP rules give the agricultural tractor's permit the same 6 months
//! (<http://urdu.nhmp.gov.pk/?page_id=871>). Islamabad's one learner fee
//! (Rs 1,000) applies to a tractor, whose ages are not sourced there; no
//! other jurisdiction's tractor or rickshaw permit is sourced.

use crate::decision::FeeLineKind;
use crate::facts::{FactKey, LicenceCategory};
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
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

crate::services::required_facts! { [Category, DateOfBirth, HasValidCnic] }

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
    missing_facts,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::FeeStatus;
    use crate::facts::Facts;
    use crate::services::testing::{eligible, refused, run_table};

    fn applicant(category: LicenceCategory, dob: &str) -> Facts {
        Facts {
            category: Some(category),
            date_of_birth: Some(dob.parse().unwrap()),
            has_valid_cnic: Some(true),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn tractors_and_rickshaws() {
        use LicenceCategory::*;
        let known = |r: i64| FeeStatus::Known(crate::Money::from_rupees(r).unwrap());
        run_table(ServiceId::LearnerPermit, &[
            // Punjab: Rs 500 for every category from 16 Jan 2024; a commercial
            // tractor and a rickshaw are LTVs, from 21.
            (PB, "2025-03-01", applicant(TractorCommercial, "2004-03-01"), eligible().fee(500)),
            (PB, "2025-03-01", applicant(TractorCommercial, "2004-03-02"), refused(&["age.minimum"]).no_fee()),
            (PB, "2025-03-01", applicant(Rickshaw, "2004-03-01"), eligible().fee(500)),
            (PB, "2025-03-01", applicant(Rickshaw, "2004-03-02"), refused(&["age.minimum"]).no_fee()),
            (PB, "2024-01-15", applicant(Rickshaw, "1990-01-01"), eligible().no_fee().status(FeeStatus::NotKnown)),
            (PB, "2024-01-16", applicant(Rickshaw, "1990-01-01"), eligible().fee(500)),
            // The agricultural tractor's age is not sourced: undetermined,
            // the fee still quoted.
            (PB, "2025-03-01", applicant(TractorAgricultural, "1990-01-01"),
                refused(&["rule.not_known"]).no_fee().status(known(500))),
            // Islamabad: its one learner fee covers a tractor; no tractor age
            // and no rickshaw fee or age are sourced.
            (ICT, "2025-03-01", applicant(TractorCommercial, "1990-01-01"),
                refused(&["rule.not_known"]).no_fee().status(known(1000))),
            (ICT, "2025-03-01", applicant(TractorAgricultural, "1990-01-01"),
                refused(&["rule.not_known"]).no_fee().status(known(1000))),
            (ICT, "2025-03-01", applicant(Rickshaw, "1990-01-01"),
                refused(&["rule.not_known"]).no_fee().status(FeeStatus::NotKnown)),
            // Sindh and KP: nothing sourced for these categories.
            (SD, "2025-03-01", applicant(Rickshaw, "1990-01-01"),
                refused(&["rule.not_known"]).no_fee().status(FeeStatus::NotKnown)),
            (SD, "2025-03-01", applicant(TractorAgricultural, "1990-01-01"),
                refused(&["rule.not_known"]).no_fee().status(FeeStatus::NotKnown)),
            (KP, "2025-03-01", applicant(TractorCommercial, "1990-01-01"),
                refused(&["rule.not_known"]).no_fee().status(FeeStatus::NotKnown)),
        ]);
    }
}
