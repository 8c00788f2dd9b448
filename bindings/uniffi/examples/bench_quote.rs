//! The Rust side of the Kotlin benchmark (`bindings/scripts/bench-kotlin.sh`):
//! the same fee quote as `benches/kotlin`, timed without crossing an FFI.
//!
//! * `core evaluate`: `kmcore::Catalogue::evaluate` plus `fee_due`, the
//!   core call itself.
//! * `binding quote`: `kmcore_uniffi::Catalogue::quote`, the function the
//!   Kotlin `quote` calls, with its record conversions but no FFI.
//! * `binding quoteBatch`: `quote_batch` over 1,000 requests, per request.
//!
//! ```sh
//! cargo run --release -p kmcore-uniffi --example bench_quote
//! ```

use std::hint::black_box;
use std::time::Instant;

use kmcore_uniffi::{Catalogue, Facts, Jurisdiction, LicenceCategory, Request, ServiceId};

/// Median nanoseconds per call over `rounds` rounds of `n` calls, after a
/// warm-up round.
fn time_per_call(rounds: usize, n: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..n {
        f();
    }
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..n {
                f();
            }
            start.elapsed().as_nanos() as f64 / n as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let request = Request {
        service: ServiceId::LearnerPermit,
        jurisdiction: Jurisdiction::PB,
        as_of: "2026-03-01".parse()?,
        at: None,
        facts: Facts {
            category: Some(LicenceCategory::Motorcycle),
            date_of_birth: Some("2008-02-29".parse()?),
            has_valid_cnic: Some(true),
            ..Facts::default()
        },
    };
    let core_catalogue = kmcore::Catalogue::embedded()?;
    let core_request = kmcore::Request::try_from(request.clone())?;
    let catalogue = Catalogue::embedded()?;
    assert_eq!(
        catalogue.quote(request.clone())?.fee_due_paisa,
        Some(50_000)
    );

    let core = time_per_call(7, 200_000, || {
        let decision = core_catalogue.evaluate(black_box(&core_request));
        black_box(decision.map(|d| d.fee_due()).ok());
    });
    let binding = time_per_call(7, 200_000, || {
        black_box(catalogue.quote(black_box(request.clone())).ok());
    });
    // The fast path's native side: lift the request from its bytes, answer,
    // write the answer into a caller's buffer (what one Kotlin fast call
    // costs without the JVM's share).
    let mut args = Vec::new();
    <Request as uniffi::Lower<kmcore_uniffi::UniFfiTag>>::write(request.clone(), &mut args);
    let handle = std::sync::Arc::as_ptr(&catalogue) as usize as u64;
    let mut out = vec![0u8; 64 * 1024];
    let args_len = i32::try_from(args.len())?;
    let out_cap = i32::try_from(out.len())?;
    let mut fast = |f: unsafe extern "C" fn(u64, *const u8, i32, *mut u8, i32) -> i64| {
        time_per_call(7, 100_000, || {
            // SAFETY: the catalogue outlives the call (this function holds
            // its Arc) and both buffers are valid for their lengths.
            let n = unsafe { f(handle, args.as_ptr(), args_len, out.as_mut_ptr(), out_cap) };
            black_box(n);
        })
    };
    let fast_fee_due = fast(kmcore_uniffi::fast::kmcore_fast_fee_due);
    let fast_quote = fast(kmcore_uniffi::fast::kmcore_fast_quote);
    let fast_evaluate = fast(kmcore_uniffi::fast::kmcore_fast_evaluate);
    let batch_size = 1_000;
    let batch: Vec<Request> = vec![request; batch_size];
    let per_batch = time_per_call(7, 200, || {
        black_box(catalogue.quote_batch(black_box(batch.clone())));
    });
    println!("Rust (no FFI), learner permit PB quote, median of 7 rounds:");
    println!("  core evaluate + fee_due    {core:>8.0} ns/call");
    println!("  binding quote              {binding:>8.0} ns/call");
    println!("  fast-path feeDue (native side) {fast_fee_due:>8.0} ns/call");
    println!("  fast-path quote (native side)  {fast_quote:>8.0} ns/call");
    println!("  fast-path evaluate (native)    {fast_evaluate:>8.0} ns/call");
    println!(
        "  binding quoteBatch(1000)   {:>8.0} ns/application",
        per_batch / batch_size as f64
    );
    Ok(())
}
