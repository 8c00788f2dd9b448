//! Police verification of a vehicle (`vehicle_verification.verify`).
//!
//! Offered at Punjab Khidmat Marakaz (29,000+ in 2024; Nation, 23 Dec 2024),
//! the ICT centre (from June 2018) and the Sindh Korangi centre (Sep 2023).
//! The fee depends on the kind of vehicle. ICT: motorcycle Rs 1,000 (raised
//! from Rs 500) and car Rs 1,500 (raised from Rs 1,000), announced under
//! IGP Syed Ali Nasir Rizvi (Jang, undated; cnnurdu): the start date is an
//! assumption, the same as for the ICT character certificate, so both are
//! UNCERTAIN, and the older amounts are noted but not dated. ICT also
//! raised its vehicle forensic report from Rs 2,500 to Rs 3,500: that is
//! the separate parameter `forensic_report_fee`, added as its own fee line
//! when the optional fact `wants_forensic_report` is true. PB and SD fees
//! are not known. No eligibility rule is sourced;
//! the record check happens during verification.

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::identifier::VehicleKind;
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::rules::Eval;
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

crate::define_workflow! {
    /// The vehicle verification's workflow.
    workflow VehicleVerificationWorkflow for VehicleVerification;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Submitted; the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// The vehicle's records are being checked.
        UnderVerification = "under_verification",
        /// Verification issued.
        Issued = "issued" [done, terminal],
        /// Refused after the record check.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the request (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Start the record check.
        StartVerification = "start_verification",
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
        UnderVerification + Issue => Issued,
        UnderVerification + Refuse => Refused,
    }
}

crate::services::required_facts! { [VehicleKind] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    match ev.facts.vehicle_kind {
        Some(kind) => ev.fee_from(FeeLineKind::Base, FEE, kind),
        None => ev.fee_not_known(),
    }
    if ev.facts.wants_forensic_report == Some(true) {
        ev.fee_from(FeeLineKind::Base, FORENSIC_REPORT_FEE, ());
    }
    Ok(())
}

crate::rules::params! {
    for VehicleVerification with sla;
    /// Verification fee, by kind of vehicle.
    FEE: Rupees by VehicleKind = "fee";
    /// Fee for a vehicle forensic report, charged when `wants_forensic_report` is true.
    FORENSIC_REPORT_FEE: Rupees = "forensic_report_fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::VehicleVerification,
    title: "Vehicle verification",
    title_ur: "گاڑی کی پولیس ویریفکیشن",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[FactKey::WantsForensicReport],
    params: PARAMS,
    documents: &[],
    reasons: &[],
    evaluate,
    workflow: Some(WorkflowTable::of::<VehicleVerificationWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;
    use crate::application::{Actor, Application};
    use crate::decision::FeeStatus;
    use crate::facts::Facts;
    use crate::identifier::VehicleKind;
    use crate::services::testing::{any, eligible, refused, run_table};
    use crate::{Catalogue, Money, Workflow};

    fn vehicle(kind: VehicleKind) -> Facts {
        Facts {
            vehicle_kind: Some(kind),
            ..Facts::default()
        }
    }

    fn rs(n: i64) -> FeeStatus {
        FeeStatus::Known(Money::from_rupees(n).unwrap())
    }

    #[test]
    #[rustfmt::skip]
    fn fees_by_jurisdiction_and_kind() {
        use VehicleKind::{Car, Motorcycle};
        let quoted = |n| eligible().status(rs(n));
        let not_known = || eligible().status(FeeStatus::NotKnown);
        run_table(ServiceId::VehicleVerification, &[
            // ICT: fees by kind.
            (ICT, "2025-06-01", vehicle(Car), quoted(1_500)),
            (ICT, "2025-06-01", vehicle(Motorcycle), quoted(1_000)),
            // ICT's fee start is assumed, and earlier it is not known.
            (ICT, "2024-01-01", vehicle(Car), quoted(1_500)),
            (ICT, "2023-12-31", vehicle(Car), not_known()),
            // Punjab's and Sindh's fees are not known.
            (PB, "2025-06-01", vehicle(Car), not_known()),
            (SD, "2025-06-01", vehicle(Motorcycle), not_known()),
            // Whether KP offers it is not known.
            (Jurisdiction::KP, "2025-06-01", vehicle(Car),
                refused(&["rule.not_known"]).status(FeeStatus::NotKnown)),
            // The forensic report is charged only when asked for.
            (ICT, "2025-06-01", vehicle(Car), any().status(rs(1_500))),
            (ICT, "2025-06-01", Facts { wants_forensic_report: Some(true), ..vehicle(Car) },
                any().fee(5_000).lines(&[(FeeLineKind::Base, 1_500), (FeeLineKind::Base, 3_500)])),
        ]);
    }

    #[test]
    fn the_forensic_report_fee_is_in_the_bundle() {
        let cat = Catalogue::embedded().unwrap();
        let v = cat
            .bundle()
            .value(
                ServiceId::VehicleVerification,
                "forensic_report_fee",
                "",
                ICT,
                "2025-06-01".parse().unwrap(),
            )
            .unwrap();
        assert_eq!(v.amount, 3_500);
    }

    #[test]
    fn workflow_happy_path_and_a_refused_move() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::VehicleVerification, ICT, "VV-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        let facts = Facts {
            vehicle_kind: Some(VehicleKind::Car),
            ..Facts::default()
        };
        let rec = app
            .apply(
                cat,
                "submit",
                t("2025-06-01T10:00:00+05:00"),
                Actor::Citizen,
                Some(facts),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(150_000));
        assert!(
            app.apply(
                cat,
                "issue",
                t("2025-06-01T10:01:00+05:00"),
                Actor::Police,
                None
            )
            .is_err()
        );
        for event in ["pay_fee", "start_verification", "issue"] {
            app.apply(
                cat,
                event,
                t("2025-06-01T11:00:00+05:00"),
                Actor::Police,
                None,
            )
            .unwrap();
        }
        assert_eq!(app.state(), "issued");
        assert_eq!(
            VehicleVerificationWorkflow::next(State::UnderVerification, Event::Refuse),
            Some(State::Refused)
        );
    }
}
