//! Random event sequences through `apply`: never a panic; a failed apply
//! changes nothing; the log round-trips through JSON exactly, replays to
//! the same application, seals and verifies, and its SLA clock reads.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone};
use kmcore::{Actor, Application, AsOf, Catalogue, FactKey, FactValue, Facts, ServiceId};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Step {
    event: u8,
    /// Minutes after the step before (negative: out of time order).
    minutes: i32,
    actor: u8,
    facts: Vec<(u8, u16, bool)>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    service: u8,
    jurisdiction: u8,
    start_day: u16,
    offset_minutes: i16,
    id: String,
    steps: Vec<Step>,
    now_minutes: u32,
}

fn facts(list: &[(u8, u16, bool)], at: DateTime<FixedOffset>) -> Facts {
    let mut facts = Facts::default();
    for (key, n, b) in list {
        let Some(key) = FactKey::ALL.get(usize::from(*key) % FactKey::ALL.len()) else {
            continue;
        };
        let value = match key.fact_type() {
            kmcore::FactType::Bool => FactValue::Bool(*b),
            kmcore::FactType::Integer => FactValue::Integer(i64::from(*n % 8)),
            kmcore::FactType::Date => {
                FactValue::Date(at.date_naive() - TimeDelta::days(i64::from(*n) * 3))
            }
            kmcore::FactType::Instant => FactValue::Instant(at - TimeDelta::minutes(i64::from(*n))),
            _ => {
                let names = [
                    "motorcycle",
                    "motor_car",
                    "self",
                    "local",
                    "overseas",
                    "residential",
                    "hotel",
                    "car",
                    "landlord",
                ];
                FactValue::Text(names[usize::from(*n) % names.len()].to_string())
            }
        };
        let _ = facts.set(key.as_str(), value);
    }
    facts
}

fuzz_target!(|input: Input| {
    let Ok(cat) = Catalogue::embedded() else {
        return;
    };
    let with_workflow: Vec<ServiceId> = ServiceId::ALL
        .iter()
        .copied()
        .filter(|s| cat.workflow(*s).is_some())
        .collect();
    let service = with_workflow[usize::from(input.service) % with_workflow.len()];
    let offered = cat.service(service).offered_in;
    let j = offered[usize::from(input.jurisdiction) % offered.len()];
    let Ok(mut app) = Application::new(cat, service, j, input.id.clone()) else {
        return;
    };
    let Some(table) = cat.workflow(service) else {
        return;
    };
    let offset = FixedOffset::east_opt(i32::from(input.offset_minutes % 1440) * 60)
        .unwrap_or(kmcore::calendar::pkt_offset());
    let Some(mut at) = offset
        .timestamp_opt(1_704_067_200 + i64::from(input.start_day) * 86_400, 0)
        .single()
    else {
        return;
    };
    for step in input.steps.iter().take(48) {
        let names: Vec<&str> = table.events().iter().map(|e| e.name).collect();
        let name = names
            .get(usize::from(step.event) % (names.len() + 1))
            .copied()
            .unwrap_or("nope");
        let actor = Actor::ALL[usize::from(step.actor) % Actor::ALL.len()];
        let supplied = (!step.facts.is_empty()).then(|| facts(&step.facts, at));
        let before = app.clone();
        if app.apply(cat, name, at, actor, supplied).is_err() {
            assert_eq!(app, before, "a failed apply changed the application");
        }
        at = at + TimeDelta::minutes(i64::from(step.minutes % 100_000));
    }
    app.verify().expect("an applied log verifies");
    let json = app.to_json();
    let back = Application::from_json(cat, &json).expect("a written log loads");
    assert_eq!(back, app);
    assert_eq!(back.to_json(), json);
    let replayed = Application::replay(cat, service, j, app.id(), app.events()).expect("replays");
    assert_eq!(replayed, app);
    let now = app.events().last().map_or(at, |e| e.at)
        + TimeDelta::minutes(i64::from(input.now_minutes % 10_000_000));
    if let Ok(sla) = app.sla(cat, now) {
        assert!(sla.elapsed_working_days >= 0 && sla.paused_working_days >= 0);
    }
    let _ = app.time_in_states(now);
    let _ = AsOf::Instant(now).date();
    let mut sealed = back;
    sealed.seal("fuzz-office", &[5; 32]).expect("seals");
    let sealed_json = sealed.to_json();
    let loaded = Application::from_json(cat, &sealed_json).expect("a sealed log loads");
    loaded
        .verify_seal(&kmcore::seal_public_key(&[5; 32]))
        .expect("its seal verifies");
});
