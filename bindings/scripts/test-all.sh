#!/usr/bin/env bash
# Every test of every language, as CI runs it (.ci/run calls this script).
#
#   1. Rust: cargo fmt --check, clippy (warnings are errors), all tests and
#      doctests (reference cases, properties, generated-file drift),
#      rustdoc (warnings are errors), the main example as a smoke test.
#   2. Python: bindings/scripts/test-python.sh (venv, maturin, stubtest,
#      mypy, pytest).
#   3. Kotlin and Swift: bindings/scripts/test-kotlin.sh (native library,
#      bindings drift check, mvn test; Swift tests skipped without `swift`).
#
# Installs what it needs that a fresh machine may lack (Debian packages
# through apt-get when running as root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

step() { printf '\n==> [%4ss] %s\n' "$SECONDS" "$*"; }

# Every step's output is also kept here, to count the tests at the end.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set -o pipefail

apt_updated=0
ensure_package() { # ensure_package COMMAND_OR_CHECK PACKAGE
    if ! eval "$1" >/dev/null 2>&1; then
        if [ "$(id -u)" != 0 ]; then
            echo "error: '$1' failed and this is not root: install Debian package $2" >&2
            exit 1
        fi
        if [ "$apt_updated" = 0 ]; then
            step "apt-get update"
            DEBIAN_FRONTEND=noninteractive apt-get update -qq
            apt_updated=1
        fi
        step "apt-get install $2"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
    fi
}

ensure_package "command -v cargo" cargo
ensure_package "command -v python3" python3
ensure_package "python3 -c 'import venv, ensurepip'" python3-venv
ensure_package "command -v javac" openjdk-17-jdk-headless
ensure_package "command -v mvn" maven

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (Rust tests, doctests, reference cases, generated-file drift)"
# The Python extension crate is tested through pytest, not linked into a test binary.
cargo test --workspace --exclude kmcore-python 2>&1 | tee -a "$log"

step "golden logs, every byte of every one changed (optimised build)"
cargo test --release -p kmcore --test golden_logs 2>&1 | tee -a "$log"

step "fuzz targets, 30 s each (kmcore/fuzz/run.sh; nightly and cargo-fuzz installed if missing)"
bash "$here/../../kmcore/fuzz/run.sh" "${KMCORE_FUZZ_SECONDS:-30}" 2>&1 | tee -a "$log"

step "rustdoc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "main example (smoke run)"
cargo run --quiet -p kmcore-examples --bin journey >/dev/null

step "Python binding"
bash "$here/test-python.sh" 2>&1 | tee -a "$log"

step "Kotlin and Swift bindings"
bash "$here/test-kotlin.sh" 2>&1 | tee -a "$log"

# One closing line for the three test runners together: Rust's
# "test result: ok. N passed; M failed", pytest's "N passed", and Maven
# Surefire's closing "Tests run: N, Failures: F, Errors: E".
rust_passed=$(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
rust_failed=$(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
py_passed=$(sed -n 's/^=* \([0-9]*\) passed.*/\1/p' "$log" | tail -n 1)
kt_line=$(grep -E 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -n 1 || true)
kt_passed=$(echo "$kt_line" | sed -n 's/.*Tests run: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\), Skipped: \([0-9]*\).*/\1 \2 \3 \4/p')
read -r kt_run kt_fail kt_err kt_skip <<<"${kt_passed:-0 0 0 0}"
passed=$((rust_passed + ${py_passed:-0} + kt_run - kt_fail - kt_err - kt_skip))
failed=$((rust_failed + kt_fail + kt_err))
step "all tests passed (Rust $rust_passed, Python ${py_passed:-0}, Kotlin $kt_run)"
echo "tests: $passed passed, $failed failed"
