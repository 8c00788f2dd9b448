//! One evaluation (eligibility and fee quote with reasons) per service, on
//! one core. Run: `cargo bench -p kmcore-benches --bench evaluate`.
//!
//! Every service is listed; a service whose rules are still a placeholder
//! (or that refuses the fixture's facts) is skipped with a printed note.

use divan::{AllocProfiler, Bencher, black_box};
use kmcore::{Facts, Jurisdiction, Lang, LicenceCategory, Request, ServiceId};
use kmcore_benches::{Readiness, catalogue, readiness};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    // Prints a note for each service that cannot be benchmarked yet.
    let cat = catalogue();
    let ready = kmcore_benches::ready_services(cat);
    eprintln!(
        "evaluating {} of {} services",
        ready.len(),
        ServiceId::ALL.len()
    );
    for (id, request) in &ready {
        if let Ok(d) = cat.evaluate(request) {
            let failed: Vec<&str> = d.failures().map(|c| c.code().as_str()).collect();
            eprintln!(
                "  {id} in {}: {} checks, eligible: {}, fee: {:?}{}",
                request.jurisdiction,
                d.checks().len(),
                d.eligible(),
                d.quote().status(),
                if failed.is_empty() {
                    String::new()
                } else {
                    format!(", failed: {}", failed.join(" "))
                }
            );
        }
    }
    divan::main();
}

fn service_names() -> impl Iterator<Item = &'static str> {
    ServiceId::ALL.iter().map(|s| s.as_str())
}

/// A full evaluation of each service in its home jurisdiction (PB when
/// offered), with every fact set so that every rule runs.
#[divan::bench(args = service_names())]
fn service(bencher: Bencher, name: &str) {
    let cat = catalogue();
    let Some(id) = ServiceId::ALL.iter().find(|s| s.as_str() == name) else {
        return;
    };
    let request = match readiness(cat, *id) {
        Readiness::Ready(r) => r,
        Readiness::Skip(_) => return,
    };
    bencher.bench(|| {
        cat.evaluate(black_box(&request))
            .map(|d| (d.eligible(), d.fee_due(), d.checks().len()))
    });
}

/// The character certificate in each jurisdiction (different rules each).
#[divan::bench(args = ["PB", "ICT", "SD", "KP"])]
fn certificate_by_jurisdiction(bencher: Bencher, j: &str) {
    let cat = catalogue();
    let Ok(j) = j.parse::<Jurisdiction>() else {
        return;
    };
    let request = Request::at_instant(
        ServiceId::CharacterCertificateIssue,
        j,
        kmcore_benches::as_of(),
        kmcore_benches::every_fact(),
    );
    bencher.bench(|| {
        cat.evaluate(black_box(&request))
            .map(|d| (d.eligible(), d.fee_due()))
    });
}

fn learner(dob: &str) -> Request {
    Request::on_date(
        ServiceId::LearnerPermit,
        Jurisdiction::PB,
        kmcore_benches::date("2026-02-28"),
        Facts {
            category: Some(LicenceCategory::Motorcycle),
            date_of_birth: Some(kmcore_benches::date(dob)),
            has_valid_cnic: Some(false),
            ..Facts::default()
        },
    )
}

/// A refused learner permit (age and CNIC fail): the failure path.
#[divan::bench]
fn learner_refused(bencher: Bencher) {
    let cat = catalogue();
    let request = learner("2008-02-29");
    bencher.bench(|| {
        cat.evaluate(black_box(&request))
            .map(|d| d.failures().count())
    });
}

/// The same refused learner permit with every message rendered in English
/// and Urdu (what a counter screen shows).
#[divan::bench]
fn learner_refused_with_messages(bencher: Bencher) {
    let cat = catalogue();
    let request = learner("2008-02-29");
    bencher.bench(|| {
        cat.evaluate(black_box(&request)).map(|d| {
            d.checks()
                .iter()
                .map(|c| cat.message(c, Lang::En).len() + cat.message(c, Lang::Ur).len())
                .sum::<usize>()
        })
    });
}

/// An invalid request (a required fact missing): the error path.
#[divan::bench]
fn missing_fact_error(bencher: Bencher) {
    let cat = catalogue();
    let mut request = learner("2000-01-01");
    request.facts.date_of_birth = None;
    bencher.bench(|| cat.evaluate(black_box(&request)).is_err());
}
