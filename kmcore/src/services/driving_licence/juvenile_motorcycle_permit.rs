//! Punjab's juvenile motorcycle permit
//! (`driving_licence.juvenile_motorcycle_permit`): a restricted motorcycle
//! authorisation, not a full licence, for ages 16 to 18.
//!
//! Approved by the Punjab cabinet
//! (<https://www.pakwheels.com/blog/punjab-approves-motorcycle-permits-teenagers/>);
//! issuance began on 1 Mar 2026
//! (<https://dailyausaf.com/en/pakistan/punjab-starts-issuing-driving-permits-to-minors/amp/>,
//! <https://lubazad.com/?p=12396>, confirmed): before the first date of the
//! bundle's `min_age` the service has not started (`service.started`). Rules:
//! age at least 16 and below 18 (the permit lapses at 18), engine of at most
//! 125 cc, a parent's or guardian's consent, and both the sign and the road
//! test passed; fee Rs 500. The tests are taken before the application is
//! submitted, so their results are facts of the submission.

use super::{TEST_PASSED, test_passed};
use crate::decision::FeeLineKind;
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::PB;
use crate::reason::{ParamName, ParamValue, ReasonCode};
use crate::rules::{self, Eval};
use crate::service::{ServiceId, ServiceKind};
use crate::services::{DocumentDef, ServiceDef};
use crate::workflow::WorkflowTable;

/// The motorcycle's engine is within the permit's limit.
pub const ENGINE_CC: ReasonCode = ReasonCode::new("vehicle.engine_cc");

crate::define_workflow! {
    /// The juvenile motorcycle permit's workflow.
    standard workflow JuvenileMotorcyclePermitWorkflow for JuvenileMotorcyclePermit;
    /// Submitted with the test results; eligibility checked and the fee fixed.
    submitted;
    /// Permit issued.
    done Issued = "issued";
    /// Issue the permit.
    by Issue = "issue";
    /// The holder turned 18: the permit lapsed.
    end Lapsed = "lapsed";
    /// The holder turns 18.
    by Lapse = "lapse";
}

crate::services::required_facts! { [DateOfBirth, EngineCc, ParentalConsent, PassedSignTest, PassedRoadTest] }

/// Pushes `service.started` from the first date of the bundle's `min_age`;
/// returns true when the service had started on the as-of date.
fn started(ev: &mut Eval<'_, '_>) -> bool {
    let first = ev.history(MIN_AGE, ()).first();
    match first {
        Some(first) => {
            let started = first.from <= ev.date;
            ev.check_until(
                ReasonCode::SERVICE_STARTED,
                started,
                || Some(first.from),
                |c| {
                    c.param(ParamName::Since, ParamValue::Date(first.from))
                        .rule(Some(first))
                },
            );
            started
        }
        None => {
            ev.require(MIN_AGE, ());
            false
        }
    }
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    if started(ev) {
        if let Some(dob) = f.date_of_birth {
            let min = ev.require(MIN_AGE, ());
            rules::age_at_least(ev, dob, min);
            let limit = ev.require(AGE_LIMIT, ());
            rules::age_below(ev, dob, limit);
        }
        if let (Some(max), Some(cc)) = (ev.require(MAX_ENGINE_CC, ()), f.engine_cc) {
            ev.check(ENGINE_CC, cc <= max.amount(), |c| {
                c.param(ParamName::Maximum, ParamValue::Cc(max.amount()))
                    .param(ParamName::Engine, ParamValue::Cc(cc))
                    .rule(Some(max.dated))
            });
        }
    }
    rules::document(ev, "parental_consent", f.parental_consent);
    test_passed(ev, "sign_test", f.passed_sign_test);
    test_passed(ev, "road_test", f.passed_road_test);
    ev.fee_from(FeeLineKind::Base, FEE, ());
    Ok(())
}

crate::rules::params! {
    for JuvenileMotorcyclePermit with sla;
    /// Minimum age in completed years; its first date is the service's start.
    MIN_AGE: Years = "min_age";
    /// The permit lapses at this age: the applicant must be younger.
    AGE_LIMIT: Years = "age_limit";
    /// Largest engine allowed, in cc.
    MAX_ENGINE_CC: Cc = "max_engine_cc";
    /// Fee for the permit.
    FEE: Rupees = "fee";
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::JuvenileMotorcyclePermit,
    title: "Juvenile motorcycle permit (ages 16 to 18)",
    title_ur: "کم عمر موٹر سائیکل سواروں کا پرمٹ (16 سے 18 سال)",
    kind: ServiceKind::Application,
    offered_in: &[PB],
    required_facts,
    missing_facts,
    optional_facts: &[],
    params: PARAMS,
    documents: &[DocumentDef {
        id: "parental_consent",
        provided_by: Some(FactKey::ParentalConsent),
        jurisdictions: &[PB],
        condition: None,
    }],
    reasons: &[
        ReasonCode::SERVICE_STARTED,
        ReasonCode::AGE_MINIMUM,
        ReasonCode::AGE_BELOW_LIMIT,
        ENGINE_CC,
        ReasonCode::DOCUMENT_REQUIRED,
        TEST_PASSED,
        ReasonCode::RULE_NOT_KNOWN,
    ],
    evaluate,
    workflow: Some(WorkflowTable::of::<JuvenileMotorcyclePermitWorkflow>),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalogue;
    use crate::application::{Actor, Application};
    use crate::facts::Facts;
    use crate::services::testing::{Expect, Row, eligible, refused, run_table};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts(dob: &str, cc: i64) -> Facts {
        Facts {
            date_of_birth: Some(d(dob)),
            engine_cc: Some(cc),
            parental_consent: Some(true),
            passed_sign_test: Some(true),
            passed_road_test: Some(true),
            ..Facts::default()
        }
    }

    /// The permit is offered in Punjab only.
    fn pb(as_of: &'static str, facts: Facts, want: Expect) -> Row {
        (PB, as_of, facts, want)
    }

    #[test]
    #[rustfmt::skip]
    fn start_date_age_band_and_engine() {
        run_table(ServiceId::JuvenileMotorcyclePermit, &[
            // Starts on 1 March 2026.
            pb("2026-03-01", facts("2009-06-10", 70), eligible().fee(500)),
            pb("2026-02-28", facts("2009-06-10", 70), refused(&["service.started"]).no_fee()),
            // Ages 16 to 18.
            pb("2026-04-15", facts("2008-04-16", 70), eligible()),
            pb("2026-04-15", facts("2008-04-15", 70), refused(&["age.below_limit"])),
            pb("2026-04-15", facts("2010-04-16", 70), refused(&["age.minimum"])),
            pb("2026-04-15", facts("2010-04-15", 70), eligible()),
            // A 29 February birthday is reached on 1 March in a common year.
            pb("2028-02-28", facts("2012-02-29", 70), refused(&["age.minimum"])),
            pb("2028-02-29", facts("2012-02-29", 70), eligible()),
            // ... and on 1 March in a common year: 18 on 2026-03-01, so the permit is refused.
            pb("2026-03-01", facts("2008-02-29", 70), refused(&["age.below_limit"])),
            // The engine limit is inclusive.
            pb("2026-04-01", facts("2009-06-10", 125), eligible()),
            pb("2026-04-01", facts("2009-06-10", 126), refused(&["vehicle.engine_cc"])),
            // Every failed rule is listed.
            pb("2026-04-01",
                Facts {
                    parental_consent: Some(false),
                    passed_road_test: Some(false),
                    ..facts("2011-01-01", 150)
                },
                refused(&["age.minimum", "vehicle.engine_cc", "document.required", "test.passed"])
                    .no_fee()),
        ]);
    }

    #[test]
    fn workflow_happy_path_and_lapse() {
        let cat = Catalogue::embedded().unwrap();
        let t = |s: &str| s.parse().unwrap();
        let mut app =
            Application::new(cat, ServiceId::JuvenileMotorcyclePermit, PB, "JM-1").unwrap();
        let err = app
            .apply(
                cat,
                "submit",
                t("2026-02-20T09:00:00+05:00"),
                Actor::Clerk,
                Some(facts("2009-06-10", 70)),
            )
            .unwrap_err();
        assert_eq!(err.reasons(), ["service.started"]);
        let rec = app
            .apply(
                cat,
                "submit",
                t("2026-03-02T09:00:00+05:00"),
                Actor::Clerk,
                Some(facts("2009-06-10", 70)),
            )
            .unwrap();
        assert_eq!(rec.fee_paisa, Some(50_000));
        app.apply(
            cat,
            "pay_fee",
            t("2026-03-02T09:10:00+05:00"),
            Actor::Citizen,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "issue",
            t("2026-03-02T10:00:00+05:00"),
            Actor::Clerk,
            None,
        )
        .unwrap();
        app.apply(
            cat,
            "lapse",
            t("2027-06-10T00:00:00+05:00"),
            Actor::System,
            None,
        )
        .unwrap();
        assert!(app.is_terminal());
    }
}
