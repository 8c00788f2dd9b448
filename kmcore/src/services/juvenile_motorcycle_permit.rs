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

use crate::decision::{Eval, FeeLineKind};
use crate::facts::FactKey;
use crate::jurisdiction::Jurisdiction::{self, PB};
use crate::reason::{ParamValue, ReasonCode};
use crate::service::{DocumentDef, ParamDef, ServiceDef, ServiceId, ServiceKind, Unit};
use crate::services::permanent_licence::{TEST_PASSED, test_passed};
use crate::services::rules;
use crate::workflow::{Guard, WorkflowTable};

/// The motorcycle's engine is within the permit's limit.
///
/// # Example
///
/// ```
/// use kmcore::{Catalogue, Lang, ServiceId};
/// use kmcore::services::juvenile_motorcycle_permit::ENGINE_CC;
/// let cat = Catalogue::embedded().unwrap();
/// assert_eq!(ENGINE_CC.as_str(), "vehicle.engine_cc");
/// assert!(cat.service(ServiceId::JuvenileMotorcyclePermit).reasons.contains(&ENGINE_CC));
/// assert!(cat.has_message(ENGINE_CC, Lang::En) && cat.has_message(ENGINE_CC, Lang::Ur));
/// ```
pub const ENGINE_CC: ReasonCode = ReasonCode::new("vehicle.engine_cc");

crate::define_workflow! {
    /// The juvenile motorcycle permit's workflow.
    workflow JuvenileMotorcyclePermitWorkflow for JuvenileMotorcyclePermit;
    states {
        /// Being filled in at the counter.
        Draft = "draft",
        /// Submitted with the test results; eligibility checked and the fee fixed.
        Submitted = "submitted",
        /// Fee paid.
        FeePaid = "fee_paid",
        /// Permit issued.
        Issued = "issued" [done],
        /// The holder turned 18: the permit lapsed.
        Lapsed = "lapsed" [terminal],
        /// Refused by the licensing authority.
        Refused = "refused" [terminal],
        /// Withdrawn by the applicant.
        Withdrawn = "withdrawn" [terminal],
    }
    events {
        /// Submit the application (eligibility guard; fee recorded).
        Submit = "submit" [guard: Guard::Eligibility],
        /// Pay the fee.
        PayFee = "pay_fee",
        /// Issue the permit.
        Issue = "issue",
        /// The holder turns 18.
        Lapse = "lapse",
        /// Refuse the application.
        Refuse = "refuse",
        /// The applicant withdraws.
        Withdraw = "withdraw",
    }
    transitions {
        Draft + Submit => Submitted,
        Draft + Withdraw => Withdrawn,
        Submitted + PayFee => FeePaid,
        Submitted + Refuse => Refused,
        Submitted + Withdraw => Withdrawn,
        FeePaid + Issue => Issued,
        FeePaid + Refuse => Refused,
        Issued + Lapse => Lapsed,
    }
}

fn required_facts(_: Jurisdiction) -> &'static [FactKey] {
    &[
        FactKey::DateOfBirth,
        FactKey::EngineCc,
        FactKey::ParentalConsent,
        FactKey::PassedSignTest,
        FactKey::PassedRoadTest,
    ]
}

/// Pushes `service.started` from the first date of the bundle's `min_age`;
/// returns true when the service had started on the as-of date.
fn started(ev: &mut Eval<'_, '_>) -> bool {
    let first = ev
        .bundle
        .history(ev.service.id, "min_age", "", ev.jurisdiction)
        .first();
    match first {
        Some(first) => {
            let started = first.from <= ev.date;
            ev.check(ReasonCode::SERVICE_STARTED, started, |c| {
                c.param("since", ParamValue::Date(first.from))
                    .rule(Some(first))
            });
            started
        }
        None => {
            ev.check(ReasonCode::RULE_NOT_KNOWN, false, |c| {
                c.param("rule", ParamValue::Term("min_age"))
                    .param("variant", ParamValue::Term(""))
            });
            false
        }
    }
}

fn evaluate(ev: &mut Eval<'_, '_>) -> crate::Result<()> {
    let f = ev.facts;
    if started(ev) {
        if let Some(dob) = f.date_of_birth {
            let min = ev.require("min_age", "");
            rules::age_at_least(ev, dob, min);
            let limit = ev.require("age_limit", "");
            rules::age_below(ev, dob, limit);
        }
        if let (Some(max), Some(cc)) = (ev.require("max_engine_cc", ""), f.engine_cc) {
            ev.check(ENGINE_CC, cc <= max.amount, |c| {
                c.param("maximum", ParamValue::Cc(max.amount))
                    .param("engine", ParamValue::Cc(cc))
                    .rule(Some(max))
            });
        }
    }
    rules::document(ev, "parental_consent", f.parental_consent);
    test_passed(ev, "sign_test", f.passed_sign_test);
    test_passed(ev, "road_test", f.passed_road_test);
    ev.fee_from(FeeLineKind::Base, "fee", "");
    Ok(())
}

/// The service's declaration.
pub(crate) static DEF: ServiceDef = ServiceDef {
    id: ServiceId::JuvenileMotorcyclePermit,
    title: "Juvenile motorcycle permit (ages 16 to 18)",
    title_ur: "کم عمر موٹر سائیکل سواروں کا پرمٹ (16 سے 18 سال)",
    kind: ServiceKind::Application,
    offered_in: &[PB],
    required_facts,
    optional_facts: &[],
    params: &[
        ParamDef {
            name: "min_age",
            unit: Unit::Years,
            variants: &[],
            doc: "Minimum age in completed years; its first date is the service's start.",
        },
        ParamDef {
            name: "age_limit",
            unit: Unit::Years,
            variants: &[],
            doc: "The permit lapses at this age: the applicant must be younger.",
        },
        ParamDef {
            name: "max_engine_cc",
            unit: Unit::Cc,
            variants: &[],
            doc: "Largest engine allowed, in cc.",
        },
        ParamDef {
            name: "fee",
            unit: Unit::Rupees,
            variants: &[],
            doc: "Fee for the permit.",
        },
        ParamDef {
            name: "sla",
            unit: Unit::WorkingDays,
            variants: &[],
            doc: "Service-level target from submission, in working days.",
        },
    ],
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
    use crate::decision::Request;
    use crate::facts::Facts;
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

    fn run(as_of: &str, f: Facts) -> (bool, Option<i64>, Vec<String>) {
        let cat = Catalogue::embedded().unwrap();
        let r = Request::on_date(ServiceId::JuvenileMotorcyclePermit, PB, d(as_of), f);
        let dec = cat.evaluate(&r).unwrap();
        let failed = dec.failures().map(|c| c.code().to_string()).collect();
        (
            dec.eligible(),
            dec.fee_due().map(|m| m.whole_rupees().unwrap()),
            failed,
        )
    }

    #[test]
    fn starts_on_1_march_2026() {
        let f = facts("2009-06-10", 70);
        assert_eq!(run("2026-03-01", f.clone()), (true, Some(500), vec![]));
        assert_eq!(
            run("2026-02-28", f),
            (false, None, vec!["service.started".to_string()])
        );
    }

    #[test]
    fn age_band_16_to_18() {
        assert!(run("2026-04-15", facts("2008-04-16", 70)).0);
        assert_eq!(
            run("2026-04-15", facts("2008-04-15", 70)).2,
            vec!["age.below_limit"]
        );
        assert_eq!(
            run("2026-04-15", facts("2010-04-16", 70)).2,
            vec!["age.minimum"]
        );
        assert!(run("2026-04-15", facts("2010-04-15", 70)).0);
        // A 29 February birthday is reached on 1 March in a common year.
        assert_eq!(
            run("2028-02-28", facts("2012-02-29", 70)).2,
            vec!["age.minimum"]
        );
        assert!(run("2028-02-29", facts("2012-02-29", 70)).0);
        // ... and on 1 March in a common year: 18 on 2026-03-01, so the permit is refused.
        assert_eq!(
            run("2026-03-01", facts("2008-02-29", 70)).2,
            vec!["age.below_limit"]
        );
    }

    #[test]
    fn engine_limit_is_inclusive() {
        assert!(run("2026-04-01", facts("2009-06-10", 125)).0);
        assert_eq!(
            run("2026-04-01", facts("2009-06-10", 126)).2,
            vec!["vehicle.engine_cc"]
        );
    }

    #[test]
    fn every_failed_rule_is_listed() {
        let f = Facts {
            parental_consent: Some(false),
            passed_road_test: Some(false),
            ..facts("2011-01-01", 150)
        };
        assert_eq!(
            run("2026-04-01", f),
            (
                false,
                None,
                vec![
                    "age.minimum".to_string(),
                    "vehicle.engine_cc".to_string(),
                    "document.required".to_string(),
                    "test.passed".to_string()
                ]
            )
        );
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
