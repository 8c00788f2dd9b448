//! Tenant registration with the police (`tenant_registration.register`).
//!
//! The landlord, the tenant or the property dealer registers the tenancy at
//! a police station front desk, a Khidmat Markaz or online. Punjab: the
//! PITB Tenant Registration System cross-checks owner and tenant with the
//! Criminal Record Office (CRO) and the police station records (PSRMS) and
//! alerts the police when a tenant has a record (pitb.gov.pk/trs,
//! confirmed); in person it needs CNIC copies of owner and tenant, photos and
//! the rent agreement (sterling.pk, confirmed); no Punjab fee was found.
//! KP: Rs 2,000 for residential and Rs 3,000 for commercial premises from the
//! notification of 8 Apr 2025 (UrduPoint, 11 Apr 2025, confirmed). Sindh:
//! only an unlinked third-party summary calls it free, and the article the
//! bundle cited does not say so, so the fee is not known; the Sindh software
//! checks documents and fingerprints against records. ICT: registration is
//! offered at police stations, PKMs and online; no fee was found. The
//! workflow follows the record check: cleared, or flagged (police alerted),
//! and then registered.

use crate::decision::FeeLineKind;
use crate::facts::{FactKey, Premises};
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The tenant registration's workflow.
    workflow TenantRegistrationWorkflow for TenantRegistration;
    states {
        /// Being entered at the front desk.
        Draft = "draft",
        /// Submitted; documents checked and the fee fixed.
        Submitted = "submitted",
        /// Owner and tenant are being cross-checked with the CRO and police station records.
        CroCheck = "cro_check",
        /// The check asked for more documents.
        AwaitingDocuments = "awaiting_documents" [citizen],
        /// No record found.
        Cleared = "cleared",
        /// The tenant has a record: the police station is alerted.
        Flagged = "flagged",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// Tenancy registered.
        Registered = "registered" [done, terminal],
        /// Refused (documents or identity did not verify).
        Refused = "refused" [terminal],
        /// Withdrawn.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the registration (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Start the CRO and PSRMS cross-check.
        StartCheck = "start_check",
        /// The check needs more documents.
        RequestDocuments = "request_documents",
        /// The documents are supplied.
        ProvideDocuments = "provide_documents",
        /// No record found.
        Clear = "clear",
        /// A record was found; the police are alerted.
        Flag = "flag",
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Record the registration.
        Register = "register",
        /// Refuse.
        Refuse = "refuse",
        /// Withdraw.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Submitted,
        Draft + Withdraw => Withdrawn,
        Submitted + StartCheck => CroCheck,
        Submitted + Withdraw => Withdrawn,
        CroCheck + RequestDocuments => AwaitingDocuments,
        CroCheck + Clear => Cleared,
        CroCheck + Flag => Flagged,
        CroCheck + Refuse => Refused,
        AwaitingDocuments + ProvideDocuments => CroCheck,
        AwaitingDocuments + Withdraw => Withdrawn,
        Cleared + PayFee => FeePaid,
        Flagged + PayFee => FeePaid,
        FeePaid + Register => Registered,
    }
}

crate::services::required_facts! {
    PB => [Premises, HasValidCnic, HasPhotograph, HasRentAgreement],
    ICT | SD | KP => [Premises],
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    if ev.jurisdiction == PB {
        rules::document(ev, "owner_tenant_cnic", f.has_valid_cnic);
        rules::document(ev, "photograph", f.has_photograph);
        rules::document(ev, "rent_agreement", f.has_rent_agreement);
    }
    let Some(premises) = f.premises else {
        ev.fee_not_known();
        return Ok(());
    };
    ev.fee_from(FeeLineKind::Base, FEE, premises);
    Ok(())
}

crate::rules::params! {
    for TenantRegistration with sla;
    /// Registration fee by kind of premises.
    FEE: Rupees by Premises = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::TenantRegistration,
    title: "Tenant registration",
    title_ur: "کرایہ دار کی رجسٹریشن",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD, KP],
    required_facts,
    missing_facts,
    optional_facts: &[FactKey::RegisteredBy],
    params: PARAMS,
    documents: &[
        DocumentDef {
            id: "owner_tenant_cnic",
            provided_by: Some(FactKey::HasValidCnic),
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "photograph",
            provided_by: Some(FactKey::HasPhotograph),
            jurisdictions: &[PB],
            condition: None,
        },
        DocumentDef {
            id: "rent_agreement",
            provided_by: Some(FactKey::HasRentAgreement),
            jurisdictions: &[PB],
            condition: None,
        },
    ],
    reasons: &[ReasonCode::DOCUMENT_REQUIRED, ReasonCode::RULE_NOT_KNOWN],
    evaluate,
    workflow: Some(WorkflowTable::of::<TenantRegistrationWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Workflow;
    use crate::decision::FeeStatus;
    use crate::facts::{Facts, Premises};
    use crate::reason::ParamValue;
    use crate::services::testing::{any, eligible, refused, run_table};

    fn premises(p: Premises) -> Facts {
        Facts {
            premises: Some(p),
            ..Facts::default()
        }
    }

    fn pb(cnic: bool, photo: bool, agreement: bool) -> Facts {
        Facts {
            premises: Some(Premises::Residential),
            has_valid_cnic: Some(cnic),
            has_photograph: Some(photo),
            has_rent_agreement: Some(agreement),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn fees_and_documents_by_jurisdiction() {
        use Premises::{Commercial, Residential};
        let not_known = || eligible().no_fee().status(FeeStatus::NotKnown);
        let missing = |id| ParamValue::Term(id);
        run_table(ServiceId::TenantRegistration, &[
            // KP: the fee by premises from 8 April 2025.
            (KP, "2025-04-08", premises(Residential), any().fee(2000)),
            (KP, "2025-05-01", premises(Commercial), any().fee(3000)),
            (KP, "2025-04-07", premises(Residential), not_known()),
            // Sindh is free.
            (SD, "2025-03-01", premises(Residential), eligible().no_fee()),
            (SD, "2025-03-01", premises(Commercial), eligible().no_fee()),
            // Punjab: complete documents, the fee not known.
            (PB, "2025-03-01", pb(true, true, true), not_known()),
            // Punjab lists every missing document.
            (PB, "2025-03-01", pb(false, true, false),
                refused(&["document.required", "document.required"])
                    .no_fee()
                    .param("document.required", false, "document", missing("owner_tenant_cnic"))
                    .param("document.required", false, "document", missing("rent_agreement"))),
            // ICT: the fee is not known.
            (ICT, "2025-03-01", premises(Residential), not_known()),
        ]);
    }

    #[test]
    fn workflow_cleared_and_flagged_paths() {
        use TenantRegistrationWorkflow as W;
        let run = |events: &[Event]| events.iter().try_fold(W::INITIAL, |s, e| W::next(s, *e));
        assert_eq!(
            run(&[
                Event::Submit,
                Event::StartCheck,
                Event::RequestDocuments,
                Event::ProvideDocuments,
                Event::Clear,
                Event::PayFee,
                Event::Register
            ]),
            Some(State::Registered)
        );
        assert_eq!(
            run(&[
                Event::Submit,
                Event::StartCheck,
                Event::Flag,
                Event::PayFee,
                Event::Register
            ]),
            Some(State::Registered)
        );
        assert_eq!(
            run(&[Event::Submit, Event::StartCheck, Event::Refuse]),
            Some(State::Refused)
        );
        assert_eq!(run(&[Event::Submit, Event::Register]), None);
        assert!(WorkflowTable::of::<W>().problems().is_empty());
    }
}
