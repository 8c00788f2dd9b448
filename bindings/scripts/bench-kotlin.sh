#!/usr/bin/env bash
# Fee-quote benchmark: one `quote` from Kotlin per FFI crossing, a batch of
# 1,000 in one crossing, and the same call in Rust without FFI. Builds the
# release library, runs bindings/uniffi/examples/bench_quote.rs, then
# benches/kotlin (Maven). Prints ns/call; figures only, nothing is asserted.
#
#   bash bindings/scripts/bench-kotlin.sh
#
# Honours CARGO_TARGET_DIR. Needs cargo, a JDK (17+) and Maven.
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

command -v mvn >/dev/null || km_die "mvn not found (apt-get install maven)"
km_log "cargo build --release -p $KM_CRATE (library and the Rust bench)"
(cd "$KM_ROOT" && cargo build --release -p "$KM_CRATE" --lib --example bench_quote)
native_dir="$(km_target_dir)/release"
[ -f "$native_dir/$(km_cdylib_name)" ] || km_die "$native_dir/$(km_cdylib_name) not found"

km_log "Rust: bindings/uniffi/examples/bench_quote.rs"
"$native_dir/examples/bench_quote"

km_log "Kotlin: benches/kotlin, native library from $native_dir"
cd "$KM_ROOT/benches/kotlin"
mvn -B -q -ntp -Dkmcore.native.dir="$native_dir" compile exec:java 2>&1 |
    sed -e $'s/\x1b\\[[0-9;]*m//g' # Maven 3.8 -q still emits colour resets
