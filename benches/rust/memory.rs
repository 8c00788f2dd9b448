//! Memory figures: bytes per in-memory application and per serialised
//! event, the heap an evaluation and a batch use, and the peak memory of
//! replaying and verifying 1,000,000 events. A counting global allocator
//! (this binary only) tracks live and peak heap bytes. Run:
//! `cargo bench -p kmcore-benches --bench memory`
//! (or `/usr/bin/time -v target/release/deps/memory-*` for peak RSS).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, AtomicUsize, Ordering};

use kmcore::batch::{self, BatchOptions};
use kmcore::{Application, Check, Decision, EventRecord, Facts, Jurisdiction, Request, ServiceId};
use kmcore_benches::{Columns, catalogue, certificate_log};

/// Counts live heap bytes and their high-water mark.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ALLOCS: AtomicUsize = AtomicUsize::new(0);

fn record(delta: isize) {
    let now = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        record(layout.size() as isize);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        record(-(layout.size() as isize));
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        record(layout.size() as isize);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        record(new_size as isize - layout.size() as isize);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

fn reset_peak() -> isize {
    let now = live();
    PEAK.store(now, Ordering::Relaxed);
    now
}

fn allocs() -> usize {
    ALLOCS.load(Ordering::Relaxed)
}

/// Heap bytes `make` leaves alive (what the value it returns owns).
fn heap_of<T>(make: impl FnOnce() -> T) -> (T, isize) {
    let before = live();
    let value = make();
    (value, live() - before)
}

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(bytes: isize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to parse.
    let cat = catalogue();
    println!("== sizes (stack / inline bytes)");
    println!("Request           {:>5}", size_of::<Request>());
    println!("Facts             {:>5}", size_of::<Facts>());
    println!("Decision          {:>5}", size_of::<Decision<'static>>());
    println!("Check             {:>5}", size_of::<Check<'static>>());
    println!("EventRecord       {:>5}", size_of::<EventRecord>());
    println!("Application       {:>5}", size_of::<Application>());

    println!("\n== one evaluation");
    let request = Request::at_instant(
        ServiceId::CharacterCertificateIssue,
        Jurisdiction::PB,
        kmcore_benches::as_of(),
        kmcore_benches::every_fact(),
    );
    for when in ["first on this thread", "steady state"] {
        let a0 = allocs();
        let (decision, heap) = heap_of(|| cat.evaluate(&request));
        let a1 = allocs();
        println!(
            "character certificate PB, {when}: {} allocations, {heap} heap bytes held by the Decision ({} checks)",
            a1 - a0,
            decision.as_ref().map_or(0, |d| d.checks().len())
        );
        drop(decision);
    }
    println!("\n== applications in memory");
    for events in [1usize, 8, 1_000] {
        let (app, heap) = heap_of(|| certificate_log(cat, "MEM-1", events));
        let total = size_of::<Application>() as isize + heap;
        println!(
            "character certificate with {events:>5} events: {total:>9} bytes ({} inline + {heap} heap), {:.0} bytes per event",
            size_of::<Application>(),
            total as f64 / events as f64
        );
        drop(app);
    }

    println!("\n== serialised events (compact JSON, as `to_json` writes)");
    let app = certificate_log(cat, "MEM-2", 1_000);
    let one = certificate_log(cat, "MEM-2", 1).to_json().len();
    let empty = Application::new(
        cat,
        ServiceId::CharacterCertificateIssue,
        Jurisdiction::PB,
        "MEM-2",
    )
    .map(|a| a.to_json().len())
    .unwrap_or(0);
    let json = app.to_json();
    println!("log header (no events)      {empty:>6} bytes");
    println!("`submit` event with facts   {:>6} bytes", one - empty);
    println!(
        "average over 1,000 events   {:>6.0} bytes",
        (json.len() - empty) as f64 / 1_000.0
    );
    drop(app);
    drop(json);

    println!("\n== replay and verify 1,000,000 events");
    let start = live();
    let log = certificate_log(cat, "MEM-3", 1_000_000);
    let log_bytes = live() - start;
    println!(
        "the log in memory: {:.1} MiB ({:.0} bytes per event)",
        mib(log_bytes),
        log_bytes as f64 / 1e6
    );
    let base = reset_peak();
    let a0 = allocs();
    let replayed = Application::replay(
        cat,
        ServiceId::CharacterCertificateIssue,
        Jurisdiction::PB,
        log.id(),
        log.events(),
    );
    let ok = replayed
        .as_ref()
        .map(|a| a.verify().is_ok())
        .unwrap_or(false);
    let peak = PEAK.load(Ordering::Relaxed) - base;
    let held = live() - base;
    println!(
        "replay + verify: ok={ok}, peak {:.1} MiB above the input log, {:.1} MiB held by the result, {:.2} allocations per event",
        mib(peak),
        mib(held),
        (allocs() - a0) as f64 / 1e6
    );
    drop(replayed);
    drop(log);

    println!("\n== batch of 1,000,000 rows");
    let cols = Columns::synthetic(1_000_000);
    let base = reset_peak();
    let a0 = allocs();
    let out = batch::evaluate(cat, cols.len(), &BatchOptions::new(), |i, r| {
        cols.fill(i, r)
    });
    let held = live() - base;
    println!(
        "outcome held: {:.1} MiB ({:.1} bytes per row), peak {:.1} MiB, {} allocations ({:.4} per row); {} eligible, {} errors",
        mib(held),
        held as f64 / 1e6,
        mib(PEAK.load(Ordering::Relaxed) - base),
        allocs() - a0,
        (allocs() - a0) as f64 / 1e6,
        out.eligible_count(),
        out.error_count()
    );
    drop(out);

    if let Some(kib) = vm_hwm_kib() {
        println!("\nprocess peak RSS (VmHWM): {:.1} MiB", kib as f64 / 1024.0);
    }
}
