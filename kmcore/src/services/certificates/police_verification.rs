//! General police verification, not a character certificate
//! (`police_verification.general`).
//!
//! Offered at Punjab Khidmat Marakaz (the highest-volume PKM service, 1.1
//! million+ in 2024; Nation, 23 Dec 2024; no Punjab fee found), the ICT
//! centre, the Sindh Korangi facilitation centre (no fee found) and KP
//! Sahulat Markaz. ICT: original CNIC, and when the CNIC shows no Islamabad
//! address, proof of residence or a rent agreement (UrduPoint, 8 Mar 2023);
//! fee Rs 1,000 (Jang, undated, so its start date is an assumption). KP:
//! verifying a government employee's credentials costs Rs 1,000 (MENAFN/TNN,
//! 12 Apr 2025, on the 8 Apr 2025 notification); no KP fee is known for
//! other purposes. PB and SD ask only for the CNIC here, the one document
//! every source names for police verification; their fees are not known.
//! The verification is done by the police station concerned (record check)
//! before the result is issued.

use super::LOCAL_RESIDENCE;
use crate::decision::FeeLineKind;
use crate::facts::{FactKey, Purpose};
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval, Variant};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentCondition, DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The general police verification's workflow.
    workflow PoliceVerificationWorkflow for PoliceVerification;
    states {
        /// Being filled in at the counter.
        Draft = "draft",
        /// Submitted; documents checked and the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// The police station concerned is checking its records.
        UnderVerification = "under_verification",
        /// Verification asked the applicant for more documents.
        AwaitingDocuments = "awaiting_documents" [citizen],
        /// Records checked and clear.
        Verified = "verified",
        /// Verification issued.
        Issued = "issued" [done, terminal],
        /// Refused after the record check.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the application (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Send to the police station for the record check.
        StartVerification = "start_verification",
        /// Verification needs more from the applicant.
        RequestDocuments = "request_documents",
        /// The applicant supplies what was asked.
        ProvideDocuments = "provide_documents",
        /// Records are clear.
        Clear = "clear",
        /// Issue the verification.
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
        Submitted + Withdraw => Withdrawn,
        FeePaid + StartVerification => UnderVerification,
        UnderVerification + RequestDocuments => AwaitingDocuments,
        UnderVerification + Clear => Verified,
        UnderVerification + Refuse => Refused,
        AwaitingDocuments + ProvideDocuments => UnderVerification,
        AwaitingDocuments + Withdraw => Withdrawn,
        Verified + Issue => Issued,
    }
}

crate::services::required_facts! {
    ICT => [HasValidCnic, HasLocalAddress, HasResidenceProof],
    KP => [Purpose, HasValidCnic],
    PB | SD => [HasValidCnic],
}

/// The fee variant: a government employee's verification has its own fee
/// (KP); every other purpose is a general verification.
fn fee_variant(purpose: Option<Purpose>) -> VerificationFee {
    match purpose {
        Some(Purpose::GovernmentEmployee) => VerificationFee::GovernmentEmployee,
        Some(Purpose::Local | Purpose::Overseas) | None => VerificationFee::General,
    }
}

/// The variants of the verification fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VerificationFee {
    /// Any verification but a government employee's.
    General,
    /// A government employee's credentials.
    GovernmentEmployee,
}

impl Variant for VerificationFee {
    const NAMES: &'static [&'static str] = &["general", "government_employee"];
    fn position(self) -> usize {
        self as usize
    }
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    rules::document(ev, "cnic", f.has_valid_cnic);
    if ev.jurisdiction == ICT {
        rules::condition(
            ev,
            LOCAL_RESIDENCE,
            f.has_local_address == Some(true) || f.has_residence_proof == Some(true),
        );
    }
    let variant = match ev.jurisdiction {
        KP => fee_variant(f.purpose),
        PB | ICT | SD => VerificationFee::General,
    };
    ev.fee_from(FeeLineKind::Base, FEE, variant);
    Ok(())
}

crate::rules::params! {
    for PoliceVerification with sla;
    /// Fee: `government_employee` for verifying a government employee's credentials, `general` otherwise.
    FEE: Rupees by VerificationFee = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::PoliceVerification,
    title: "General police verification",
    title_ur: "عمومی پولیس ویریفکیشن",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD, KP],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: "cnic",
            provided_by: Some(FactKey::HasValidCnic),
            jurisdictions: &[PB, ICT, SD, KP],
            condition: None,
        },
        DocumentDef {
            id: "residence_proof",
            provided_by: Some(FactKey::HasResidenceProof),
            jurisdictions: &[ICT],
            condition: Some(DocumentCondition::UnlessFact(FactKey::HasLocalAddress)),
        },
    ],
    reasons: &[
        ReasonCode::DOCUMENT_REQUIRED,
        LOCAL_RESIDENCE,
        ReasonCode::RULE_NOT_KNOWN,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<PoliceVerificationWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::FeeStatus;
    use crate::facts::Facts;
    use crate::services::testing::{any, eligible, refused, run_table};
    use crate::{Money, Workflow};

    fn ict(cnic: bool, local: bool, proof: bool) -> Facts {
        Facts {
            has_valid_cnic: Some(cnic),
            has_local_address: Some(local),
            has_residence_proof: Some(proof),
            ..Facts::default()
        }
    }

    fn kp(purpose: Purpose) -> Facts {
        Facts {
            purpose: Some(purpose),
            has_valid_cnic: Some(true),
            ..Facts::default()
        }
    }

    fn cnic(valid: bool) -> Facts {
        Facts {
            has_valid_cnic: Some(valid),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn rules_and_fees_by_jurisdiction() {
        let not_known = || eligible().no_fee().status(FeeStatus::NotKnown);
        let known_1000 = FeeStatus::Known(Money::from_rupees(1000).unwrap());
        run_table(ServiceId::PoliceVerification, &[
            // Islamabad: a local address or a proof of residence is enough.
            (ICT, "2025-06-01", ict(true, true, false), any().fee(1000)),
            (ICT, "2025-06-01", ict(true, false, true), any().fee(1000)),
            // Without either it is refused.
            (ICT, "2025-06-01", ict(true, false, false),
                refused(&["residence.local"]).no_fee().status(known_1000)),
            // Every failed rule is listed.
            (ICT, "2025-06-01", ict(false, false, false),
                refused(&["document.required", "residence.local"])),
            // The fee before its assumed start is not known.
            (ICT, "2023-12-31", ict(true, true, false), not_known()),
            // KP: the government employee's fee from 8 April 2025.
            (KP, "2025-04-08", kp(Purpose::GovernmentEmployee), eligible().fee(1000)),
            (KP, "2025-04-07", kp(Purpose::GovernmentEmployee), not_known()),
            // KP, other purposes: the fee is not known.
            (KP, "2025-06-01", kp(Purpose::Local), not_known()),
            (KP, "2025-06-01", kp(Purpose::Overseas), not_known()),
            // Punjab and Sindh need a CNIC, and the fee is not known.
            (PB, "2025-06-01", cnic(true), not_known()),
            (PB, "2025-06-01", cnic(false), refused(&["document.required"])),
            (SD, "2025-06-01", cnic(true), not_known()),
            (SD, "2025-06-01", cnic(false), refused(&["document.required"])),
        ]);
    }

    #[test]
    fn workflow_happy_path_and_refusal() {
        use PoliceVerificationWorkflow as W;
        let path = [
            (Event::Submit, State::Submitted),
            (Event::PayFee, State::FeePaid),
            (Event::StartVerification, State::UnderVerification),
            (Event::RequestDocuments, State::AwaitingDocuments),
            (Event::ProvideDocuments, State::UnderVerification),
            (Event::Clear, State::Verified),
            (Event::Issue, State::Issued),
        ];
        let mut s = W::INITIAL;
        for (e, want) in path {
            s = W::next(s, e).unwrap();
            assert_eq!(s, want);
        }
        assert!(W::state_flags(State::Issued).done);
        assert_eq!(
            W::next(State::UnderVerification, Event::Refuse),
            Some(State::Refused)
        );
        assert_eq!(W::next(State::Draft, Event::Issue), None);
        assert!(WorkflowTable::of::<W>().problems().is_empty());
    }
}
