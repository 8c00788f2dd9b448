//! Enrolment of a volunteer in a community-policing programme
//! (`community_policing.enrol`): neighbourhood watch, street watchers,
//! awareness programmes.
//!
//! The reference facts give no figures for these programmes. Islamabad
//! police report citizens registering themselves at police stations as
//! volunteers under the street-watcher and neighbourhood-watch systems
//! (Nation, 8 Nov 2020,
//! <https://nation.com.pk/08-Nov-2020/ig-says-sws-ensured-protection-to-life-property-in-capital>),
//! and the project brief lists community-policing programmes among the
//! services of the centres in Lahore, Faisalabad, Islamabad and Karachi, so
//! the service is offered in PB, ICT and SD (KP's neighbourhood watch was
//! announced in 2021 but no launch was found). The eligibility rules are
//! data slots: a minimum age (`min_age`, no sourced value, so the check
//! fails with `rule.not_known` and no application can pass until a sourced
//! value is added to the bundle), residence in the area the programme
//! serves (a neighbourhood watch is made of people living in the same
//! area) and a clean record (volunteers are vetted). The required facts are
//! `date_of_birth`, `resides_in_area` and `has_criminal_record`. No fee is
//! known. Workflow: applied → vetted → active, which may be suspended and
//! reinstated; a volunteer may withdraw at any stage and vetting may refuse.

use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{ICT, PB, SD};
use crate::reason::ReasonCode;
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::ServiceDef;
use crate::workflow::{Guard, WorkflowTable};

/// The applicant lives in the area the programme serves.
pub const RESIDES_IN_AREA: ReasonCode = ReasonCode::new("community.resides_in_area");
/// The applicant has no criminal record.
pub const CLEAN_RECORD: ReasonCode = ReasonCode::new("community.clean_record");

crate::define_workflow! {
    /// The community-policing enrolment's workflow.
    workflow CommunityPolicingWorkflow for CommunityPolicing;
    states {
        /// Being filled in.
        Draft = "draft",
        /// Applied; eligibility checked.
        Applied = "applied",
        /// Vetted by the police station (record check).
        Vetted = "vetted",
        /// An active volunteer.
        Active = "active" [done],
        /// Suspended from the programme.
        Suspended = "suspended",
        /// Withdrawn from the programme.
        Withdrawn = "withdrawn" [terminal],
        /// Refused after vetting.
        Refused = "refused" [terminal],
    }
    events {
        /// Apply (eligibility guard).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Vetting is clear.
        Vet = "vet",
        /// Make the volunteer active.
        Activate = "activate",
        /// Suspend an active volunteer.
        Suspend = "suspend",
        /// Reinstate a suspended volunteer.
        Reinstate = "reinstate",
        /// Refuse the application.
        Refuse = "refuse",
        /// The volunteer withdraws (or is withdrawn).
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Applied,
        Draft + Withdraw => Withdrawn,
        Applied + Vet => Vetted,
        Applied + Refuse => Refused,
        Applied + Withdraw => Withdrawn,
        Vetted + Activate => Active,
        Vetted + Refuse => Refused,
        Vetted + Withdraw => Withdrawn,
        Active + Suspend => Suspended,
        Active + Withdraw => Withdrawn,
        Suspended + Reinstate => Active,
        Suspended + Withdraw => Withdrawn,
    }
}

crate::services::required_facts! { [DateOfBirth, ResidesInArea, HasCriminalRecord] }

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    if let Some(dob) = f.date_of_birth {
        let min = ev.require(MIN_AGE, ());
        rules::age_at_least(ev, dob, min);
    }
    rules::condition(ev, RESIDES_IN_AREA, f.resides_in_area == Some(true));
    rules::condition(ev, CLEAN_RECORD, f.has_criminal_record == Some(false));
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for CommunityPolicing;
    /// Minimum age of a volunteer in completed years (none sourced yet: the rule reports not known).
    MIN_AGE: Years = "min_age";
    /// Enrolment fee (none sourced yet).
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::CommunityPolicing,
    title: "Community-policing volunteer enrolment",
    title_ur: "کمیونٹی پولیسنگ میں رضاکار کا اندراج",
    kind: ServiceKind::Application,
    offered_in: &[PB, ICT, SD],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[],
    reasons: &[
        ReasonCode::AGE_MINIMUM,
        ReasonCode::RULE_NOT_KNOWN,
        RESIDES_IN_AREA,
        CLEAN_RECORD,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<CommunityPolicingWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;
    use crate::application::{Actor, Application};
    use crate::decision::{FeeStatus, Request};
    use crate::facts::Facts;
    use crate::services::testing::{eligible, refused, run_table, run_table_in};
    use crate::{Catalogue, Lang, Workflow};

    fn facts(dob: &str, resides: bool, record: bool) -> Facts {
        Facts {
            date_of_birth: Some(dob.parse().unwrap()),
            resides_in_area: Some(resides),
            has_criminal_record: Some(record),
            ..Facts::default()
        }
    }

    /// A what-if catalogue with a minimum age of 18 (not a sourced value).
    fn what_if() -> Catalogue {
        let cat = Catalogue::embedded().unwrap();
        let overlay = format!(
            r#"{{"format_version": 1, "bundle_version": "min-age-test", "title": "test",
                "overlay_of": "{}",
                "parameters": {{"community_policing.enrol": {{"min_age": {{"ICT": [
                  {{"effective_from": "2020-01-01", "years": 18, "source": "test", "basis": "uncertain"}}
                ]}}}}}}}}"#,
            cat.bundle().version()
        );
        cat.with_overlay("what-if.json", &overlay).unwrap()
    }

    #[test]
    #[rustfmt::skip]
    fn with_no_sourced_minimum_age() {
        run_table(ServiceId::CommunityPolicing, &[
            // The age rule is not known.
            (ICT, "2025-06-01", facts("1990-01-01", true, false),
                refused(&["rule.not_known"]).status(FeeStatus::NotKnown)),
            // Every rule is listed when several fail.
            (ICT, "2025-06-01", facts("1990-01-01", false, true),
                refused(&["rule.not_known", "community.resides_in_area", "community.clean_record"])),
            // KP does not offer it.
            (Jurisdiction::KP, "2025-06-01", facts("1990-01-01", true, false),
                refused(&["rule.not_known"])),
        ]);
    }

    #[test]
    #[rustfmt::skip]
    fn with_a_minimum_age_in_the_bundle_the_age_is_checked() {
        run_table_in(&what_if(), ServiceId::CommunityPolicing, &[
            (ICT, "2025-06-01", facts("2007-06-01", true, false), eligible().no_fee()),
            (ICT, "2025-06-01", facts("2007-06-02", true, false), refused(&["age.minimum"])),
        ]);
    }

    #[test]
    fn the_rule_not_known_message_names_the_minimum_age() {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(
            ServiceId::CommunityPolicing,
            ICT,
            "2025-06-01".parse().unwrap(),
            facts("1990-01-01", true, false),
        );
        let dec = cat.evaluate(&r).unwrap();
        let msg = cat.message(dec.failures().next().unwrap(), Lang::En);
        assert!(msg.contains("minimum age"), "{msg}");
    }

    #[test]
    fn workflow_life_of_a_volunteer() {
        let cat = what_if();
        let mut app = Application::new(&cat, ServiceId::CommunityPolicing, ICT, "CP-1").unwrap();
        let t = |s: &str| s.parse().unwrap();
        app.apply(
            &cat,
            "submit",
            t("2025-06-01T10:00:00+05:00"),
            Actor::Citizen,
            Some(facts("1990-01-01", true, false)),
        )
        .unwrap();
        assert_eq!(app.state(), "applied");
        for event in ["vet", "activate", "suspend", "reinstate", "withdraw"] {
            app.apply(
                &cat,
                event,
                t("2025-06-02T10:00:00+05:00"),
                Actor::Police,
                None,
            )
            .unwrap();
        }
        assert_eq!(app.state(), "withdrawn");
        assert!(app.is_terminal());
    }

    #[test]
    fn no_application_can_be_decided_without_a_minimum_age_and_moves_are_checked() {
        let cat = Catalogue::embedded().unwrap();
        let mut app = Application::new(cat, ServiceId::CommunityPolicing, ICT, "CP-2").unwrap();
        let err = app
            .apply(
                cat,
                "submit",
                "2025-06-01T10:00:00+05:00".parse().unwrap(),
                Actor::Citizen,
                Some(facts("1990-01-01", true, false)),
            )
            .unwrap_err();
        // No source gives the minimum age: the guard cannot be decided,
        // which is not a refusal.
        assert!(err.is_undetermined(), "{err:?}");
        assert_eq!(err.code(), "workflow.guard_undetermined");
        assert_eq!(
            CommunityPolicingWorkflow::next(State::Applied, Event::Activate),
            None
        );
        assert_eq!(
            CommunityPolicingWorkflow::next(State::Vetted, Event::Refuse),
            Some(State::Refused)
        );
    }
}
