//! Crime report (`crime_report.file`).
//!
//! A citizen reports a crime at a service centre, which forwards it to the
//! police station concerned; the station registers an FIR or disposes of
//! the report otherwise. Offered at Punjab Khidmat Marakaz (Nation, 23 Dec
//! 2024), the ICT centre (listed in March 2022) and the Sindh Korangi centre
//! (Sep 2023); the KP notification of 8 Apr 2025 does not list it. No fee,
//! service standard or eligibility rule has been found, so the fee is
//! reported as not known and the report has no rule to fail. A loss is
//! reported with `lost_report.file` instead; a theft needs an FIR.

use crate::decision::FeeLineKind;
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The crime report's workflow.
    workflow CrimeReportWorkflow for CrimeReport;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Filed at the centre.
        Filed = "filed",
        /// Forwarded to the police station concerned.
        Forwarded = "forwarded",
        /// The station asked the complainant for more information.
        AwaitingInformation = "awaiting_information" [citizen],
        /// An FIR was registered on the report.
        FirRegistered = "fir_registered" [done, terminal],
        /// Disposed of without an FIR (enquiry closed, no cognizable offence).
        Disposed = "disposed" [done, terminal],
        /// Not accepted at the centre.
        Refused = "refused" [terminal],
        /// Withdrawn by the complainant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// File the report (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Forward to the police station.
        Forward = "forward",
        /// Ask the complainant for more information.
        RequestInformation = "request_information",
        /// The complainant supplies what was asked.
        ProvideInformation = "provide_information",
        /// Register an FIR.
        RegisterFir = "register_fir",
        /// Dispose of the report without an FIR.
        Dispose = "dispose",
        /// Refuse the report.
        Refuse = "refuse",
        /// The complainant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Filed,
        Draft + Withdraw => Withdrawn,
        Filed + Forward => Forwarded,
        Filed + Refuse => Refused,
        Filed + Withdraw => Withdrawn,
        Forwarded + RequestInformation => AwaitingInformation,
        Forwarded + RegisterFir => FirRegistered,
        Forwarded + Dispose => Disposed,
        AwaitingInformation + ProvideInformation => Forwarded,
        AwaitingInformation + Withdraw => Withdrawn,
    }
}

crate::services::required_facts! { [] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for CrimeReport with sla;
    /// Fee for filing a report (none sourced yet).
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::CrimeReport,
    title: "Crime report",
    title_ur: "جرم کی رپورٹ",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<CrimeReportWorkflow>),
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
        let not_known = || eligible().status(FeeStatus::NotKnown);
        run_table(ServiceId::CrimeReport, &[
            (PB, "2025-01-10", Facts::default(), not_known()),
            (ICT, "2025-01-10", Facts::default(), not_known()),
            (SD, "2025-01-10", Facts::default(), not_known()),
            // Not offered in KP.
            (Jurisdiction::KP, "2025-05-01", Facts::default(), refused(&["rule.not_known"])),
        ]);
    }

    #[test]
    fn workflow_to_an_fir_with_a_pause_for_information() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::CrimeReport, SD, "CR-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        app.apply(
            cat,
            "submit",
            t("2025-01-10T10:00:00+05:00"),
            Actor::Citizen,
            None,
        )
        .unwrap();
        assert!(
            app.apply(
                cat,
                "register_fir",
                t("2025-01-10T10:01:00+05:00"),
                Actor::Police,
                None
            )
            .is_err()
        );
        for event in [
            "forward",
            "request_information",
            "provide_information",
            "register_fir",
        ] {
            app.apply(
                cat,
                event,
                t("2025-01-11T10:00:00+05:00"),
                Actor::Police,
                None,
            )
            .unwrap();
        }
        assert_eq!(app.state(), "fir_registered");
        assert!(app.is_terminal());
        assert_eq!(
            CrimeReportWorkflow::next(State::Forwarded, Event::Dispose),
            Some(State::Disposed)
        );
    }
}
