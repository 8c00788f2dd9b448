//! Property tests of the engine's invariants.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use kmcore::{
    Actor, Application, AsOf, Catalogue, FactKey, FactType, FactValue, Facts, Jurisdiction, Lang,
    Request, ServiceId,
};
use proptest::prelude::*;

/// Names of every choice value, for random facts (wrong ones are refused by
/// `Facts::set`, which is part of what is tested).
const CHOICES: &[&str] = &[
    "motorcycle",
    "motor_car",
    "motor_car_and_motorcycle",
    "ltv",
    "htv",
    "psv",
    "tractor_agricultural",
    "tractor_commercial",
    "rickshaw",
    "sign_test",
    "road_test",
    "self",
    "blood_relative",
    "local",
    "overseas",
    "government_employee",
    "residential",
    "commercial",
    "hotel",
    "guest_house",
    "hostel",
    "car",
    "pb_universal_2017",
    "sd_1996",
    "tank",
];

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (1940i32..2035, 1u32..13, 1u32..32).prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(y, m, 28))
            .unwrap()
    })
}

fn arb_instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (arb_date(), 0i64..86_400).prop_map(|(d, s)| {
        let pkt = FixedOffset::east_opt(5 * 3600).unwrap();
        d.and_hms_opt(0, 0, 0)
            .unwrap()
            .and_local_timezone(pkt)
            .unwrap()
            + Duration::seconds(s)
    })
}

fn arb_value(kind: FactType) -> BoxedStrategy<FactValue> {
    match kind {
        FactType::Bool => any::<bool>().prop_map(FactValue::Bool).boxed(),
        FactType::Integer => prop_oneof![
            Just(1i64),
            Just(3),
            Just(5),
            Just(70),
            Just(125),
            Just(126),
            -10i64..5000
        ]
        .prop_map(FactValue::Integer)
        .boxed(),
        FactType::Date => arb_date().prop_map(FactValue::Date).boxed(),
        FactType::Instant => arb_instant().prop_map(FactValue::Instant).boxed(),
        FactType::Choice => proptest::sample::select(CHOICES)
            .prop_map(|s| FactValue::Text(s.to_string()))
            .boxed(),
        FactType::Text => "[0-9A-Za-z -]{0,16}".prop_map(FactValue::Text).boxed(),
    }
}

fn arb_facts() -> impl Strategy<Value = Facts> {
    proptest::collection::vec(
        proptest::sample::select(FactKey::ALL)
            .prop_flat_map(|k| arb_value(k.fact_type()).prop_map(move |v| (k, v))),
        0..20,
    )
    .prop_map(|pairs| {
        let mut facts = Facts::default();
        for (k, v) in pairs {
            let _ = facts.set(k.as_str(), v);
        }
        facts
    })
}

/// Facts of reference cases the library grants, to drive workflows past
/// their eligibility guard.
fn eligible_seeds() -> &'static [(ServiceId, Jurisdiction, AsOf, Facts)] {
    static SEEDS: OnceLock<Vec<(ServiceId, Jurisdiction, AsOf, Facts)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = std::env::var_os("KMCORE_CASES_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("../../shared/reference/cases")
            });
        let cat = Catalogue::embedded().unwrap();
        let mut seeds = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().extension().is_none_or(|x| x != "json") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            for case in cases {
                let Ok(service) = case["service"].as_str().unwrap_or("").parse::<ServiceId>()
                else {
                    continue;
                };
                let Some(j) = case["jurisdiction"].as_str().and_then(|j| j.parse().ok()) else {
                    continue;
                };
                let Ok(as_of) = case["as_of"].as_str().unwrap_or("").parse::<AsOf>() else {
                    continue;
                };
                let Ok(facts) = serde_json::from_value::<Facts>(case["facts"].clone()) else {
                    continue;
                };
                let request = Request {
                    service,
                    jurisdiction: j,
                    as_of,
                    facts: facts.clone(),
                };
                if cat.workflow(service).is_some()
                    && cat.evaluate(&request).is_ok_and(|d| d.eligible())
                {
                    seeds.push((service, j, as_of, facts));
                }
            }
        }
        seeds
    })
}

fn start_instant(as_of: AsOf) -> DateTime<FixedOffset> {
    match as_of {
        AsOf::Instant(t) => t,
        AsOf::Date(d) => d
            .and_hms_opt(9, 0, 0)
            .unwrap()
            .and_local_timezone(FixedOffset::east_opt(5 * 3600).unwrap())
            .unwrap(),
    }
}

/// Walks a workflow with random events; returns the application.
fn random_walk(seed: usize, steps: &[(usize, u32, u8)]) -> Application {
    let cat = Catalogue::embedded().unwrap();
    let seeds = eligible_seeds();
    let (service, j, as_of, facts) = seeds[seed % seeds.len()].clone();
    let table = cat.workflow(service).unwrap();
    let mut app = Application::new(cat, service, j, format!("walk-{seed}")).unwrap();
    let mut at = start_instant(as_of);
    for (i, (event, minutes, actor)) in steps.iter().enumerate() {
        let names: Vec<&str> = table.events().iter().map(|e| e.name).collect();
        let name = names
            .get(event % (names.len() + 1))
            .copied()
            .unwrap_or("no_such_event");
        let before = app.clone();
        let was_terminal = app.is_terminal();
        let event_facts = (i == 0 || name == "submit").then(|| facts.clone());
        let actor = Actor::ALL[usize::from(*actor) % Actor::ALL.len()];
        let result = app.apply(cat, name, at, actor, event_facts).map(|_| ());
        assert!(app.state_index() < table.states().len());
        assert_eq!(table.state_name(app.state_index()), Some(app.state()));
        match result {
            Ok(_) => assert!(!was_terminal, "a terminal state accepted `{name}`"),
            Err(_) => assert_eq!(app, before, "a failed apply changed the application"),
        }
        at += Duration::minutes(i64::from(*minutes));
    }
    app
}

fn arb_steps() -> impl Strategy<Value = Vec<(usize, u32, u8)>> {
    proptest::collection::vec((0usize..32, 0u32..20_000, any::<u8>()), 0..40)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn evaluation_never_panics_and_fees_are_never_negative(
        service in proptest::sample::select(ServiceId::ALL),
        j in proptest::sample::select(Jurisdiction::ALL),
        on in arb_date(),
        facts in arb_facts(),
    ) {
        let cat = Catalogue::embedded().unwrap();
        let request = Request::on_date(service, j, on, facts);
        if let Ok(decision) = cat.evaluate(&request) {
            for line in decision.quote().lines() {
                prop_assert!(!line.amount.is_negative());
            }
            if let Some(total) = decision.quote().total() {
                prop_assert!(!total.is_negative());
                // The total adds the lines that count in it, and only those.
                let mut sum = kmcore::Money::ZERO;
                for line in decision.quote().lines().iter().filter(|l| l.kind.in_total()) {
                    sum = sum.checked_add(line.amount).unwrap();
                }
                prop_assert_eq!(sum, total);
            }
            if !decision.eligible() {
                prop_assert_eq!(decision.fee_due(), None);
            }
            for check in decision.checks() {
                for &lang in Lang::ALL {
                    prop_assert!(!cat.message(check, lang).trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn random_event_sequences_stay_in_the_workflow_and_replay_identically(
        seed in 0usize..1000,
        steps in arb_steps(),
    ) {
        let cat = Catalogue::embedded().unwrap();
        let app = random_walk(seed, &steps);
        app.verify().unwrap();
        let replayed = Application::replay(cat, app.service(), app.jurisdiction(), app.id(), app.events()).unwrap();
        prop_assert_eq!(&replayed, &app);
        let json = app.to_json();
        let back = Application::from_json(cat, &json).unwrap();
        prop_assert_eq!(&back, &app);
        prop_assert_eq!(back.to_json(), json);
    }

    #[test]
    fn terminal_states_absorb_every_event(seed in 0usize..1000, steps in arb_steps(), extra in 0usize..32) {
        let cat = Catalogue::embedded().unwrap();
        let mut app = random_walk(seed, &steps);
        if app.is_terminal() {
            let table = cat.workflow(app.service()).unwrap();
            let name = table.events()[extra % table.events().len()].name;
            let before = app.clone();
            let at = app.events().last().map(|e| e.at).unwrap() + Duration::days(1);
            prop_assert!(app.apply(cat, name, at, Actor::System, None).is_err());
            prop_assert_eq!(app, before);
        }
    }

    #[test]
    fn changing_any_single_byte_of_a_log_is_caught(
        seed in 0usize..1000,
        steps in arb_steps(),
        position in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let cat = Catalogue::embedded().unwrap();
        // Empty logs too: their head binds the header.
        let app = random_walk(seed, &steps);
        let mut bytes = app.to_json().into_bytes();
        let i = position.index(bytes.len());
        prop_assume!(bytes[i] != byte);
        bytes[i] = byte;
        if let Ok(text) = String::from_utf8(bytes) {
            prop_assert!(Application::from_json(cat, &text).is_err(), "byte {} changed to {:?} went unnoticed", i, byte as char);
        }
    }

    #[test]
    fn a_span_adds_back_to_its_end(a in arb_date(), b in arb_date()) {
        // Whole months added to the earlier date (the day clamped to the
        // month's end), then the days, give the later date; the days are
        // fewer than a month's.
        let span = kmcore::calendar::span_between(a, b);
        let (start, end) = (a.min(b), a.max(b));
        let months = span.years * 12 + span.months;
        let anchor = start.checked_add_months(chrono::Months::new(months)).unwrap();
        prop_assert_eq!(anchor + Duration::days(i64::from(span.days)), end);
        prop_assert!(span.days < 31 && span.months < 12);
    }

    #[test]
    fn facts_json_round_trip_is_identity(facts in arb_facts()) {
        let json = serde_json::to_string(&facts).unwrap();
        let back: Facts = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, facts);
    }

    #[test]
    fn a_late_fee_never_falls_as_lateness_grows(
        expires in arb_date(),
        a in 0i64..2000,
        b in 0i64..2000,
        case in 0usize..5,
    ) {
        let cat = Catalogue::embedded().unwrap();
        let (service, j, category) = [
            (ServiceId::LicenceRenewal, Jurisdiction::PB, Some(kmcore::LicenceCategory::Motorcycle)),
            (ServiceId::LicenceRenewal, Jurisdiction::PB, Some(kmcore::LicenceCategory::MotorCar)),
            (ServiceId::LicenceRenewal, Jurisdiction::ICT, Some(kmcore::LicenceCategory::MotorCar)),
            (ServiceId::ArmsLicenceRenewal, Jurisdiction::PB, None),
            (ServiceId::LicenceRenewal, Jurisdiction::ICT, Some(kmcore::LicenceCategory::Motorcycle)),
        ][case];
        let info = cat.service(service);
        let (early, late) = (a.min(b), a.max(b));
        let fee_on = |days_late: i64| {
            let mut facts = Facts {
                expires_on: Some(expires),
                category,
                licence_term_years: Some(1),
                date_of_birth: Some(expires - Duration::days(30 * 365)),
                has_medical_fitness_certificate: Some(true),
                ..Facts::default()
            };
            for key in FactKey::ALL {
                if !info.required_facts(j).contains(key) {
                    facts.clear(*key);
                }
            }
            let request = Request::on_date(service, j, expires + Duration::days(days_late), facts);
            cat.evaluate(&request).ok().and_then(|d| d.fee_due())
        };
        if let (Some(x), Some(y)) = (fee_on(early), fee_on(late)) {
            prop_assert!(y >= x, "fee fell from {} to {} as lateness grew from {} to {} days", x, y, early, late);
        }
    }
}

/// A request for a service whose refusals time alone can lift, built from
/// random dates: a learner permit (age), a test booking (learner period) or
/// a retest (gap), in Punjab or Islamabad.
fn arb_time_request() -> impl Strategy<Value = Request> {
    (0usize..3, any::<bool>(), arb_date(), arb_date(), 0usize..6).prop_map(
        |(kind, ict, start, as_of, category)| {
            let j = if ict {
                Jurisdiction::ICT
            } else {
                Jurisdiction::PB
            };
            let category = kmcore::LicenceCategory::ALL[category % 5];
            let (service, facts) = match kind {
                0 => (
                    ServiceId::LearnerPermit,
                    Facts {
                        category: Some(category),
                        date_of_birth: Some(start),
                        has_valid_cnic: Some(true),
                        ..Facts::default()
                    },
                ),
                1 => (
                    ServiceId::TestBooking,
                    Facts {
                        category: Some(category),
                        learner_issued_on: Some(start),
                        ..Facts::default()
                    },
                ),
                _ => (
                    ServiceId::Retest,
                    Facts {
                        failed_test: Some(kmcore::TestKind::RoadTest),
                        failed_test_on: Some(start),
                        ..Facts::default()
                    },
                ),
            };
            Request::on_date(service, j, as_of, facts)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A come-back date is the first day the decision is eligible: on it
    /// every rule passes, and on the day before the request is still
    /// refused.
    #[test]
    fn the_come_back_date_is_the_first_eligible_day(request in arb_time_request()) {
        let cat = Catalogue::embedded().unwrap();
        let decision = cat.evaluate(&request).unwrap();
        if let Some(day) = decision.eligible_from() {
            prop_assert_eq!(decision.outcome(), kmcore::Outcome::Refused);
            prop_assert!(day > request.as_of.date());
            let on = Request { as_of: AsOf::Date(day), ..request.clone() };
            prop_assert_eq!(cat.evaluate(&on).unwrap().outcome(), kmcore::Outcome::Eligible);
            let before = Request { as_of: AsOf::Date(day.pred_opt().unwrap()), ..request.clone() };
            prop_assert_ne!(cat.evaluate(&before).unwrap().outcome(), kmcore::Outcome::Eligible);
        } else if decision.outcome() == kmcore::Outcome::Refused {
            // No come-back date: some failing rule is not one time lifts,
            // or the day it would pass is not eligible for another reason.
            prop_assert!(decision.failures().count() > 0);
        }
    }

    /// A decision of a service the jurisdiction offers names as missing
    /// exactly the required facts the request does not set (each service
    /// declares its list once; the test per field is generated from it).
    #[test]
    fn missing_facts_are_the_required_facts_not_given(
        seed in 0usize..1000,
        facts in arb_facts(),
        on in arb_date(),
    ) {
        let cat = Catalogue::embedded().unwrap();
        let service = ServiceId::ALL[seed % ServiceId::ALL.len()];
        let j = Jurisdiction::ALL[(seed / 24) % Jurisdiction::ALL.len()];
        let offered = matches!(
            kmcore::services::availability(service, j),
            kmcore::services::Availability::Offered
                | kmcore::services::Availability::OfferedNotDecidable { .. }
        );
        let Ok(d) = cat.evaluate(&Request::on_date(service, j, on, facts.clone())) else {
            return Ok(());
        };
        let want: Vec<FactKey> = if offered {
            let mut keys: Vec<FactKey> = cat
                .service(service)
                .required_facts(j)
                .iter()
                .copied()
                .filter(|k| !facts.has(*k))
                .collect();
            keys.sort_by_key(|k| FactKey::ALL.iter().position(|a| a == k));
            keys
        } else {
            Vec::new()
        };
        prop_assert_eq!(d.missing_facts().collect::<Vec<_>>(), want);
    }

    /// The outcome agrees with the checks: refused exactly when a decided
    /// rule fails, undetermined when only unknown rules fail, and the fee
    /// is due only when eligible.
    #[test]
    fn the_outcome_follows_the_checks(
        seed in 0usize..1000,
        facts in arb_facts(),
        on in arb_date(),
    ) {
        let cat = Catalogue::embedded().unwrap();
        let service = ServiceId::ALL[seed % ServiceId::ALL.len()];
        let j = Jurisdiction::ALL[(seed / 24) % Jurisdiction::ALL.len()];
        let Ok(d) = cat.evaluate(&Request::on_date(service, j, on, facts)) else {
            return Ok(());
        };
        let decided = d.failures().any(|c| c.code() != kmcore::ReasonCode::RULE_NOT_KNOWN);
        let unknown = d.failures().any(|c| c.code() == kmcore::ReasonCode::RULE_NOT_KNOWN)
            || d.missing_facts().next().is_some();
        let want = if decided {
            kmcore::Outcome::Refused
        } else if unknown {
            kmcore::Outcome::Undetermined
        } else {
            kmcore::Outcome::Eligible
        };
        prop_assert_eq!(d.outcome(), want);
        if d.outcome() != kmcore::Outcome::Eligible {
            prop_assert_eq!(d.fee_due(), None);
        }
    }
}
