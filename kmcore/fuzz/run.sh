#!/usr/bin/env bash
# Runs every fuzz target of kmcore for a while each, from the committed seed
# corpora (kmcore/fuzz/seeds/TARGET), two or more side by side, and fails
# when any of them crashes.
#
#   bash kmcore/fuzz/run.sh            # 30 s per target (what CI runs)
#   bash kmcore/fuzz/run.sh 3600       # an hour per target
#   bash kmcore/fuzz/run.sh 600 log_json evaluate   # some targets only
#
# The working corpus grows in kmcore/fuzz/corpus/TARGET (not committed); a crash
# is written to kmcore/fuzz/artifacts/TARGET/; replay it with
# `kmcore/fuzz/target/<host>/release/TARGET artifacts/TARGET/crash-...`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
seconds=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ids_dates bundle_overlay request_facts_json log_json evaluate event_sequences)
fi
# The default build needs only the stable toolchain: libFuzzer's coverage
# instrumentation is made by stable codegen flags (the ones cargo-fuzz
# passes), without a sanitizer; kmcore forbids unsafe code, so
# AddressSanitizer would only watch the dependencies. KMCORE_FUZZ_ASAN=1
# builds with cargo-fuzz and AddressSanitizer instead (nightly, and
# cargo-fuzz, installed when missing): slower, for long runs.
host=$(rustc -vV | sed -n 's/^host: //p')
if [ "${KMCORE_FUZZ_ASAN:-0}" = 1 ]; then
    if ! rustup run nightly rustc --version >/dev/null 2>&1; then
        rustup toolchain install nightly --profile minimal
    fi
    if ! cargo fuzz --version >/dev/null 2>&1; then
        cargo install cargo-fuzz --locked
    fi
    cargo +nightly fuzz build -O >/dev/null
else
    # --target keeps the flags off build scripts and proc macros.
    RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing" \
        cargo build --release --bins --target "$host" --quiet
fi
bin="$here/target/$host/release"
# Targets run side by side, one per core (KMCORE_FUZZ_JOBS to change it):
# libFuzzer uses one core per run. Each run's output is printed when all
# have finished, in the order of the targets.
jobs=${KMCORE_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
fuzz_one() {
    local t=$1
    echo "==> fuzz $t for ${seconds}s"
    # -max_len bounds one input (the largest seeds are a few kB); the
    # summary line (#N DONE cov: ... ) gives executions and coverage.
    if "$bin/$t" -artifact_prefix="artifacts/$t/" "corpus/$t" "seeds/$t" \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 2>"corpus/$t.log"; then
        echo 0 >"corpus/$t.status"
    else
        echo 1 >"corpus/$t.status"
        tail -n 40 "corpus/$t.log"
        echo "==> $t FAILED (see kmcore/fuzz/artifacts/$t)"
    fi
    grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb' "corpus/$t.log" || true
}
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    mkdir -p "artifacts/$t"
    rm -f "corpus/$t.status"
    fuzz_one "$t" >"corpus/$t.out" 2>&1 &
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n || true
    done
done
wait
status=0
for t in "${targets[@]}"; do
    cat "corpus/$t.out"
    [ "$(cat "corpus/$t.status" 2>/dev/null || echo 1)" = 0 ] || status=1
done
exit $status
