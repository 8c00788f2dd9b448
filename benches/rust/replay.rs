//! Replaying and verifying a log of 1,000,000 events: one character
//! certificate whose verification cycles between `request_documents` and
//! `provide_documents`. Run: `cargo bench -p kmcore-benches --bench replay`.

use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use kmcore::{Application, Jurisdiction, ServiceId};
use kmcore_benches::{catalogue, certificate_log};

const EVENTS: usize = 1_000_000;

fn main() {
    divan::main();
}

fn log() -> &'static Application {
    static LOG: OnceLock<Application> = OnceLock::new();
    LOG.get_or_init(|| certificate_log(catalogue(), "REPLAY-1M", EVENTS))
}

fn replay(app: &Application) -> kmcore::Result<Application> {
    Application::replay(
        catalogue(),
        ServiceId::CharacterCertificateIssue,
        Jurisdiction::PB,
        app.id(),
        app.events(),
    )
}

/// `Application::replay` (every move, guard, recorded fee and event hash
/// checked) followed by `verify` (the whole chain again).
#[divan::bench(sample_count = 10, sample_size = 1, counter = ItemsCount::new(EVENTS))]
fn replay_and_verify_1m(bencher: Bencher) {
    let app = log();
    bencher.bench(|| {
        let replayed = replay(black_box(app))?;
        replayed.verify()?;
        Ok::<usize, kmcore::KmError>(replayed.events().len())
    });
}

/// `Application::replay` alone.
#[divan::bench(sample_count = 10, sample_size = 1, counter = ItemsCount::new(EVENTS))]
fn replay_1m(bencher: Bencher) {
    let app = log();
    bencher.bench(|| replay(black_box(app)).map(|a| a.events().len()));
}

/// `verify` alone over the same log.
#[divan::bench(sample_count = 10, sample_size = 1, counter = ItemsCount::new(EVENTS))]
fn verify_1m(bencher: Bencher) {
    let app = log();
    bencher.bench(|| black_box(app).verify().is_ok());
}
