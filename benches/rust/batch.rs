//! A batch of 1,000,000 evaluations over one and over all cores, filled row
//! by row from synthetic columns as a binding does from an Arrow table.
//! Run: `cargo bench -p kmcore-benches --bench batch`.

use std::sync::OnceLock;

use divan::counter::ItemsCount;
use divan::{AllocProfiler, Bencher, black_box};
use kmcore::batch::{self, BatchOptions};
use kmcore::{FeeStatus, Request};
use kmcore_benches::{Columns, catalogue};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

const ROWS: usize = 1_000_000;

fn main() {
    eprintln!(
        "available parallelism: {}",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    divan::main();
}

fn columns() -> &'static Columns {
    static COLUMNS: OnceLock<Columns> = OnceLock::new();
    COLUMNS.get_or_init(|| Columns::synthetic(ROWS))
}

/// `kmcore::batch::evaluate` with 1 and 2 worker threads.
#[divan::bench(args = [1, 2], sample_count = 10, sample_size = 1, counter = ItemsCount::new(ROWS))]
fn batch_1m(bencher: Bencher, threads: usize) {
    let cat = catalogue();
    let cols = columns();
    let options = BatchOptions::new().threads(threads);
    bencher.bench(|| {
        let out = batch::evaluate(cat, cols.len(), &options, |i, r| cols.fill(i, r));
        (out.eligible_count(), out.error_count())
    });
}

/// The same rows through `Catalogue::evaluate` one by one on one core,
/// building a `Decision` each time: the baseline the batch is measured
/// against.
#[divan::bench(sample_count = 10, sample_size = 1, counter = ItemsCount::new(ROWS))]
fn evaluate_loop_1m(bencher: Bencher) {
    let cat = catalogue();
    let cols = columns();
    bencher.bench(|| {
        let mut request = cols.request(0);
        let mut eligible = 0usize;
        let mut fees = 0i64;
        for i in 0..cols.len() {
            let _ = cols.fill(i, &mut request);
            if let Ok(d) = cat.evaluate(black_box(&request)) {
                eligible += usize::from(d.eligible());
                if let FeeStatus::Known(m) = d.quote().status() {
                    fees += m.paisa();
                }
            }
        }
        (eligible, fees)
    });
}

/// `kmcore::batch::evaluate_requests` over 100,000 materialised requests.
#[divan::bench(args = [1, 2], sample_count = 10, counter = ItemsCount::new(100_000usize))]
fn requests_100k(bencher: Bencher, threads: usize) {
    let cat = catalogue();
    let cols = columns();
    let requests: Vec<Request> = (0..100_000).map(|i| cols.request(i)).collect();
    let options = BatchOptions::new().threads(threads);
    bencher.bench(|| batch::evaluate_requests(cat, &requests, &options).eligible_count());
}
