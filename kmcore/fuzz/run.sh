#!/usr/bin/env bash
# Runs every fuzz target of kmcore for a while each, from the committed seed
# corpora (kmcore/fuzz/seeds/TARGET), and fails on the first crash.
#
#   bash kmcore/fuzz/run.sh            # 30 s per target (what CI runs)
#   bash kmcore/fuzz/run.sh 3600       # an hour per target
#   bash kmcore/fuzz/run.sh 600 log_json evaluate   # some targets only
#
# cargo-fuzz needs a nightly toolchain (for the sanitizer flags); the script
# installs it (minimal profile) and cargo-fuzz when they are missing. The
# working corpus grows in kmcore/fuzz/corpus/TARGET (not committed); a crash
# is written to kmcore/fuzz/artifacts/TARGET, with the command to replay it.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
seconds=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(ids_dates bundle_overlay request_facts_json log_json evaluate event_sequences)
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
cargo +nightly fuzz build -O >/dev/null
status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    echo "==> fuzz $t for ${seconds}s"
    # -max_len bounds one input (the largest seeds are a few kB); the
    # summary line (#N DONE cov: ... ) gives executions and coverage.
    if ! cargo +nightly fuzz run -O "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 2>"corpus/$t.log"; then
        status=1
        tail -n 40 "corpus/$t.log"
        echo "==> $t FAILED (see kmcore/fuzz/artifacts/$t)"
    fi
    grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb' "corpus/$t.log" || true
done
exit $status
