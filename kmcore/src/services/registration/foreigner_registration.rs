//! Registration of a foreign national with the police
//! (`foreigner_registration.register`).
//!
//! Legal basis: the Registration of Foreigners Act 1939 and the
//! Registration of Foreigners Rules 1966 (report of arrival, registration,
//! validity of the certificate, reports of absence and change of address,
//! hotel-keeper reports, departure report, duplicate certificate;
//! nasirlawsite.com). The Ministry of Interior requires nationals of a
//! listed group of 14 countries, and others the immigration authorities
//! name, to register with the local police after their visa is approved
//! (phoneworld.com.pk): so registration needs a valid or approved visa.
//! Offered at the ICT centre (from June 2018) and KP Sahulat Markaz (8 Apr
//! 2025 notification); the PB and SD catalogues do not list it. Fees: KP
//! free (UrduPoint, 11 Apr 2025); ICT Rs 1,000, free before (Jang, undated,
//! so the start date is an assumption shared with the ICT character
//! certificate: UNCERTAIN). The Rules' day limits (for the arrival report,
//! the certificate's validity) were not found, so they are not modelled.

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, KP};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentDef, ServiceDef};
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The foreigner registration's workflow.
    workflow ForeignerRegistrationWorkflow for ForeignerRegistration;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Submitted with the approved visa; the fee fixed.
        Submitted = "submitted",
        /// Fee paid, where a fee applies.
        FeePaid = "fee_paid",
        /// The police check the foreigner's particulars and address.
        UnderVerification = "under_verification",
        /// Registered; the certificate of registration is issued.
        Registered = "registered" [done],
        /// The foreigner has reported departure.
        Departed = "departed" [terminal],
        /// The certificate of registration lapsed.
        Lapsed = "lapsed" [terminal],
        /// Refused.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the registration (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee, where one applies.
        PayFee = "pay_fee",
        /// Start the police check; with no fee due it follows submission directly.
        StartVerification = "start_verification",
        /// Register and issue the certificate.
        Register = "register",
        /// Report a change of address or another change (the registration stands).
        ReportChange = "report_change",
        /// Report departure from Pakistan.
        ReportDeparture = "report_departure",
        /// The certificate's validity ends.
        Lapse = "lapse",
        /// Refuse.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Submitted,
        Draft + Withdraw => Withdrawn,
        Submitted + PayFee => FeePaid,
        Submitted + StartVerification => UnderVerification,
        Submitted + Withdraw => Withdrawn,
        FeePaid + StartVerification => UnderVerification,
        UnderVerification + Register => Registered,
        UnderVerification + Refuse => Refused,
        Registered + ReportChange => Registered,
        Registered + ReportDeparture => Departed,
        Registered + Lapse => Lapsed,
    }
}

crate::services::required_facts! { [HasValidVisa] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    rules::document(ev, "visa", ev.facts.has_valid_visa);
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for ForeignerRegistration with sla;
    /// Registration fee (0 where it is known to be free).
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::ForeignerRegistration,
    title: "Foreigner registration",
    title_ur: "غیر ملکی شہری کی رجسٹریشن",
    kind: ServiceKind::Application,
    offered_in: &[ICT, KP],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[DocumentDef {
        id: "visa",
        provided_by: Some(FactKey::HasValidVisa),
        jurisdictions: &[ICT, KP],
        condition: None,
    }],
    reasons: &[ReasonCode::DOCUMENT_REQUIRED],
    evaluate,
    workflow: Some(WorkflowTable::of::<ForeignerRegistrationWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;
    use crate::application::{Actor, Application};
    use crate::decision::FeeStatus;
    use crate::facts::Facts;
    use crate::services::testing::{any, eligible, refused, run_table};
    use crate::{Catalogue, Money, Workflow};

    fn visa(valid: bool) -> Facts {
        Facts {
            has_valid_visa: Some(valid),
            ..Facts::default()
        }
    }

    #[test]
    #[rustfmt::skip]
    fn fees_and_jurisdictions() {
        run_table(ServiceId::ForeignerRegistration, &[
            // KP is free from 8 April 2025.
            (KP, "2025-05-01", visa(true), any().fee(0)),
            (KP, "2025-04-08", visa(true), any().fee(0)),
            (KP, "2025-04-07", visa(true), any().status(FeeStatus::NotKnown)),
            // ICT charges 1,000 (from its assumed start).
            (ICT, "2025-06-01", visa(true), eligible().fee(1_000)),
            (ICT, "2023-12-31", visa(true), any().status(FeeStatus::NotKnown)),
            // No visa refuses, and no fee is due.
            (ICT, "2025-06-01", visa(false),
                refused(&["document.required"])
                    .no_fee()
                    .status(FeeStatus::Known(Money::from_rupees(1_000).unwrap()))),
            // Punjab and Sindh do not offer it.
            (Jurisdiction::PB, "2025-06-01", visa(true), refused(&["rule.not_known"])),
            (Jurisdiction::SD, "2025-06-01", visa(true), refused(&["rule.not_known"])),
        ]);
    }

    #[test]
    fn workflow_happy_path_change_and_departure() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::ForeignerRegistration, KP, "FR-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        let facts = Facts {
            has_valid_visa: Some(true),
            ..Facts::default()
        };
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-05-01T10:00:00+05:00"),
                Actor::Citizen,
                Some(facts),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(0));
        for event in [
            "start_verification",
            "register",
            "report_change",
            "report_departure",
        ] {
            app.apply(
                cat,
                event,
                t("2025-05-02T10:00:00+05:00"),
                Actor::Police,
                None,
            )
            .unwrap();
        }
        assert_eq!(app.state(), "departed");
        assert!(app.is_terminal());
    }

    #[test]
    fn a_submission_without_a_visa_is_refused_by_the_guard() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::ForeignerRegistration, ICT, "FR-2").unwrap();
        let facts = Facts {
            has_valid_visa: Some(false),
            ..Facts::default()
        };
        let err = app
            .apply(
                cat,
                "submit",
                "2025-06-01T10:00:00+05:00".parse().unwrap(),
                Actor::Citizen,
                Some(facts),
            )
            .unwrap_err();
        assert!(err.is_not_eligible());
        assert_eq!(
            ForeignerRegistrationWorkflow::next(State::Draft, Event::Register),
            None
        );
    }
}
