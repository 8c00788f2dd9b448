//! Loading and checking the embedded default bundle. Run:
//! `cargo bench -p kmcore-benches --bench bundle`.

use divan::{AllocProfiler, black_box};
use kmcore::{Catalogue, EMBEDDED_BUNDLE_FILES, RuleBundle};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// Parse every embedded bundle file, join them and check every value.
#[divan::bench]
fn rule_bundle_embedded() -> kmcore::Result<RuleBundle> {
    RuleBundle::from_json_parts(black_box(EMBEDDED_BUNDLE_FILES))
}

/// What `Catalogue::embedded()` does once per process: the bundle, the
/// message catalogues and the workflow shape checks.
#[divan::bench]
fn catalogue_embedded() -> kmcore::Result<Catalogue> {
    RuleBundle::from_json_parts(black_box(EMBEDDED_BUNDLE_FILES)).and_then(Catalogue::new)
}
