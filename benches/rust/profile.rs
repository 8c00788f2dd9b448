//! A driver for profilers: runs one workload in a loop, with no benchmark
//! harness in the way.
//!
//! ```text
//! cargo build --release -p kmcore-benches --bin kmcore-profile
//! valgrind --tool=callgrind target/release/kmcore-profile evaluate driving_licence.learner_permit 100000
//! valgrind --tool=callgrind target/release/kmcore-profile replay 100000
//! valgrind --tool=callgrind target/release/kmcore-profile batch 100000 1
//! perf stat -e page-faults target/release/kmcore-profile batch 1000000 1 10
//! valgrind --tool=callgrind target/release/kmcore-profile bundle 10
//! valgrind --tool=callgrind target/release/kmcore-profile submit 100000
//! valgrind --tool=callgrind target/release/kmcore-profile messages 20000
//! ```

use std::hint::black_box;

use kmcore::batch::{self, BatchOptions};
use kmcore::{Actor, Application, Catalogue, Jurisdiction, RuleBundle, ServiceId};
use kmcore_benches::{Columns, Readiness, catalogue, certificate_facts, certificate_log, instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    let n = |i: usize, default: usize| arg(i).parse().unwrap_or(default);
    let cat = catalogue();
    match arg(0) {
        "evaluate" => {
            let Some(id) = ServiceId::ALL.iter().find(|s| s.as_str() == arg(1)) else {
                eprintln!("unknown service `{}`", arg(1));
                return;
            };
            let Readiness::Ready(request) = kmcore_benches::readiness(cat, *id) else {
                eprintln!("{id} cannot be evaluated yet");
                return;
            };
            let mut eligible = 0usize;
            for _ in 0..n(2, 100_000) {
                if let Ok(d) = cat.evaluate(black_box(&request)) {
                    eligible += usize::from(d.eligible());
                }
            }
            println!("{eligible} eligible");
        }
        "messages" => {
            // A refused learner permit with every message rendered in both languages.
            let request = kmcore::Request::on_date(
                ServiceId::LearnerPermit,
                Jurisdiction::PB,
                kmcore_benches::date("2026-02-28"),
                kmcore::Facts {
                    category: Some(kmcore::LicenceCategory::Motorcycle),
                    date_of_birth: Some(kmcore_benches::date("2008-02-29")),
                    has_valid_cnic: Some(false),
                    ..kmcore::Facts::default()
                },
            );
            let mut bytes = 0usize;
            for _ in 0..n(1, 20_000) {
                if let Ok(d) = cat.evaluate(black_box(&request)) {
                    for c in d.checks() {
                        bytes += cat.message(c, kmcore::Lang::En).len();
                        bytes += cat.message(c, kmcore::Lang::Ur).len();
                    }
                }
            }
            println!("{bytes} bytes of messages");
        }
        "replay" => {
            let events = n(1, 100_000);
            let log = certificate_log(cat, "PROFILE", events);
            let app = Application::replay(
                cat,
                ServiceId::CharacterCertificateIssue,
                Jurisdiction::PB,
                log.id(),
                log.events(),
            );
            println!("{:?}", app.map(|a| a.verify().is_ok()));
        }
        "batch" => {
            let cols = Columns::synthetic(n(1, 100_000));
            let opts = BatchOptions::new().threads(n(2, 1));
            // Repeated, each outcome dropped before the next batch, as a
            // benchmark's samples are (the allocator's reuse shows).
            for _ in 0..n(3, 1) {
                let started = std::time::Instant::now();
                let out = batch::evaluate(cat, cols.len(), &opts, |i, r| cols.fill(i, r));
                let counts = (out.eligible_count(), out.error_count());
                drop(out);
                println!(
                    "{} eligible, {} errors, {:.2} ms",
                    counts.0,
                    counts.1,
                    started.elapsed().as_secs_f64() * 1e3
                );
            }
        }
        "bundle" => {
            for _ in 0..n(1, 10) {
                let c = RuleBundle::embedded().and_then(Catalogue::new);
                black_box(c.is_ok());
            }
        }
        "submit" => {
            let app = Application::new(
                cat,
                ServiceId::CharacterCertificateIssue,
                Jurisdiction::PB,
                "P",
            )
            .unwrap_or_else(|e| panic!("{e}"));
            let at = instant("2026-03-02T09:00:00+05:00");
            let mut ok = 0usize;
            for _ in 0..n(1, 100_000) {
                let mut a = app.clone();
                ok += usize::from(
                    a.apply(cat, "submit", at, Actor::Citizen, Some(certificate_facts()))
                        .is_ok(),
                );
            }
            println!("{ok} submitted");
        }
        other => {
            eprintln!("unknown workload `{other}`: evaluate|messages|replay|batch|bundle|submit")
        }
    }
}
