//! Applying one event to an application, including its guard and the hash
//! chain; verifying and serialising logs. Run:
//! `cargo bench -p kmcore-benches --bench events`.

use divan::{AllocProfiler, Bencher, black_box};
use kmcore::{Actor, Application, Facts, Jurisdiction, LicenceCategory, ServiceId};
use kmcore_benches::{catalogue, certificate_facts, certificate_log, instant};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

fn fresh(service: ServiceId) -> Application {
    match Application::new(catalogue(), service, Jurisdiction::PB, "BENCH-1") {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    }
}

/// `submit` of a character certificate: the eligibility guard runs, the
/// fee is recorded, the event is hashed and appended.
#[divan::bench]
fn submit_certificate(bencher: Bencher) {
    let cat = catalogue();
    let app = fresh(ServiceId::CharacterCertificateIssue);
    let at = instant("2026-03-02T09:00:00+05:00");
    bencher
        .with_inputs(|| (app.clone(), certificate_facts()))
        .bench_local_refs(|(app, facts)| {
            app.apply(cat, "submit", at, Actor::Citizen, Some(facts.clone()))
                .map(|r| r.hash)
        });
}

/// `submit` of a learner permit (age rule, document, fee).
#[divan::bench]
fn submit_learner(bencher: Bencher) {
    let cat = catalogue();
    let app = fresh(ServiceId::LearnerPermit);
    let facts = Facts {
        category: Some(LicenceCategory::Motorcycle),
        date_of_birth: Some(kmcore_benches::date("2000-01-01")),
        has_valid_cnic: Some(true),
        ..Facts::default()
    };
    let at = instant("2026-03-02T09:00:00+05:00");
    bencher
        .with_inputs(|| (app.clone(), facts.clone()))
        .bench_local_refs(|(app, facts)| {
            app.apply(cat, "submit", at, Actor::Clerk, Some(facts.clone()))
                .map(|r| r.hash)
        });
}

/// `pay_fee`: no guard; the move, the record and its hash.
#[divan::bench]
fn pay_fee(bencher: Bencher) {
    let cat = catalogue();
    let app = certificate_log(cat, "BENCH-2", 1);
    let at = instant("2026-03-02T10:00:00+05:00");
    bencher.with_inputs(|| app.clone()).bench_local_refs(|app| {
        app.apply(cat, "pay_fee", at, Actor::Citizen, None)
            .map(|r| r.hash)
    });
}

/// A refused move (the state does not accept the event): the error path.
#[divan::bench]
fn refused_move(bencher: Bencher) {
    let cat = catalogue();
    let mut app = fresh(ServiceId::CharacterCertificateIssue);
    let at = instant("2026-03-02T10:00:00+05:00");
    bencher.bench_local(|| app.apply(cat, "issue", at, Actor::Clerk, None).is_err());
}

/// Verifying the hash chain of a 1,000-event log.
#[divan::bench(counter = divan::counter::ItemsCount::new(1_000usize))]
fn verify_1000(bencher: Bencher) {
    let app = certificate_log(catalogue(), "BENCH-3", 1_000);
    bencher.bench(|| black_box(&app).verify().is_ok());
}

/// Serialising a 1,000-event log to JSON.
#[divan::bench(counter = divan::counter::ItemsCount::new(1_000usize))]
fn to_json_1000(bencher: Bencher) {
    let app = certificate_log(catalogue(), "BENCH-4", 1_000);
    bencher.bench(|| black_box(&app).to_json().len());
}

/// Restoring a 1,000-event log from JSON: parse, verify the chain, replay
/// every event, check the text is canonical.
#[divan::bench(counter = divan::counter::ItemsCount::new(1_000usize))]
fn from_json_1000(bencher: Bencher) {
    let cat = catalogue();
    let json = certificate_log(cat, "BENCH-5", 1_000).to_json();
    bencher.bench(|| Application::from_json(cat, black_box(&json)).map(|a| a.events().len()));
}
