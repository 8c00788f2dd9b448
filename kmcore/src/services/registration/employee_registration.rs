//! Domestic-servant or private-employee registration and verification
//! (`employee_registration.verify`).
//!
//! Punjab: ROPE (Registration of Private Employees), built with PITB, checks
//! an employee's CNIC against the Criminal Record Office database at the
//! police station front desk (technologyreview.pk, confirmed); no Punjab fee
//! was found. ICT: the domestic worker must attend in person with the
//! original CNIC and photographs (zameen.com, about 2023, confirmed); no fee
//! was found. KP: domestic-help verification costs Rs 500 from the
//! notification of 8 Apr 2025 (UrduPoint, 11 Apr 2025, confirmed). Sindh:
//! employee registration is offered at the Korangi facilitation centre; no
//! fee was found. Every jurisdiction asks for the worker's CNIC. The
//! workflow follows the record check: cleared and registered, or a record
//! found (reported to the police station and the employer).

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, KP, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

/// The worker attends in person.
pub const WORKER_PRESENT: ReasonCode = ReasonCode::new("employee.present");

crate::define_workflow! {
    /// The employee registration's workflow.
    workflow EmployeeRegistrationWorkflow for EmployeeRegistration;
    states {
        /// Being entered at the front desk.
        Draft = "draft",
        /// Submitted; documents checked and the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// The worker's CNIC is being checked against the CRO records.
        CroCheck = "cro_check",
        /// The check asked for more documents.
        AwaitingDocuments = "awaiting_documents" [citizen],
        /// No record found.
        Cleared = "cleared",
        /// Registered and verified.
        Registered = "registered" [done, terminal],
        /// A record was found: reported to the police station and the employer.
        RecordFound = "record_found" [done, terminal],
        /// Refused (identity did not verify).
        Refused = "refused" [terminal],
        /// Withdrawn.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Start the CRO check.
        StartCheck = "start_check",
        /// The check needs more documents.
        RequestDocuments = "request_documents",
        /// The documents are supplied.
        ProvideDocuments = "provide_documents",
        /// No record found.
        Clear = "clear",
        /// A record was found.
        Flag = "flag",
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
        Submitted + PayFee => FeePaid,
        Submitted + Withdraw => Withdrawn,
        FeePaid + StartCheck => CroCheck,
        CroCheck + RequestDocuments => AwaitingDocuments,
        CroCheck + Clear => Cleared,
        CroCheck + Flag => RecordFound,
        CroCheck + Refuse => Refused,
        AwaitingDocuments + ProvideDocuments => CroCheck,
        AwaitingDocuments + Withdraw => Withdrawn,
        Cleared + Register => Registered,
    }
}

crate::services::required_facts! {
    ICT => [HasValidCnic, WorkerPresent, HasPhotograph],
    PB | SD | KP => [HasValidCnic],
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    rules::document(ev, "cnic", f.has_valid_cnic);
    if ev.jurisdiction == ICT {
        rules::condition(ev, WORKER_PRESENT, f.worker_present == Some(true));
        rules::document(ev, "photograph", f.has_photograph);
    }
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for EmployeeRegistration with sla;
    /// Registration or verification fee.
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::EmployeeRegistration,
    title: "Domestic servant / private employee registration and verification",
    title_ur: "گھریلو ملازم / نجی ملازم کی رجسٹریشن اور تصدیق",
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
            id: "photograph",
            provided_by: Some(FactKey::HasPhotograph),
            jurisdictions: &[ICT],
            condition: None,
        },
    ],
    reasons: &[
        ReasonCode::DOCUMENT_REQUIRED,
        WORKER_PRESENT,
        ReasonCode::RULE_NOT_KNOWN,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<EmployeeRegistrationWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::FeeStatus;
    use crate::facts::Facts;
    use crate::services::testing::{any, eligible, refused, run_table};
    use crate::{Money, Workflow};

    fn cnic(yes: bool) -> Facts {
        Facts {
            has_valid_cnic: Some(yes),
            ..Facts::default()
        }
    }

    fn ict(cnic: bool, present: bool, photo: bool) -> Facts {
        Facts {
            has_valid_cnic: Some(cnic),
            worker_present: Some(present),
            has_photograph: Some(photo),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn rules_and_fees_by_jurisdiction() {
        let not_known = || eligible().no_fee().status(FeeStatus::NotKnown);
        run_table(ServiceId::EmployeeRegistration, &[
            // KP: domestic help pays 500 from 8 April 2025.
            (KP, "2025-04-08", cnic(true), any().fee(500)),
            (KP, "2025-04-07", cnic(true), not_known()),
            // A refused application has no fee due, though the fee is known.
            (KP, "2025-05-01", cnic(false),
                refused(&["document.required"])
                    .no_fee()
                    .status(FeeStatus::Known(Money::from_rupees(500).unwrap()))),
            // ICT: the worker must be present.
            (ICT, "2025-04-10", ict(true, false, true), refused(&["employee.present"]).no_fee()),
            (ICT, "2025-04-10", ict(true, true, true), not_known()),
            // ICT lists every failed rule.
            (ICT, "2025-04-10", ict(false, false, false),
                refused(&["document.required", "employee.present", "document.required"])),
            // Punjab and Sindh: the fee is not known.
            (PB, "2025-04-10", cnic(true), not_known()),
            (SD, "2025-04-10", cnic(true), not_known()),
        ]);
    }

    #[test]
    fn workflow_paths() {
        use EmployeeRegistrationWorkflow as W;
        let run = |events: &[Event]| events.iter().try_fold(W::INITIAL, |s, e| W::next(s, *e));
        assert_eq!(
            run(&[
                Event::Submit,
                Event::PayFee,
                Event::StartCheck,
                Event::Clear,
                Event::Register
            ]),
            Some(State::Registered)
        );
        assert_eq!(
            run(&[Event::Submit, Event::PayFee, Event::StartCheck, Event::Flag]),
            Some(State::RecordFound)
        );
        assert_eq!(
            run(&[
                Event::Submit,
                Event::PayFee,
                Event::StartCheck,
                Event::Refuse
            ]),
            Some(State::Refused)
        );
        assert_eq!(run(&[Event::Submit, Event::Register]), None);
        assert!(WorkflowTable::of::<W>().problems().is_empty());
    }
}
