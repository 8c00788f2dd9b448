#!/usr/bin/env bash
# Every test of every language, as CI runs it (.ci/run calls this script).
#
#   1. Rust: cargo fmt --check, clippy (warnings are errors), all tests and
#      doctests (reference cases, properties, generated-file drift),
#      rustdoc (warnings are errors), the main example as a smoke test.
#   2. Python: bindings/scripts/test-python.sh --manylinux (venv, the
#      release manylinux2014 wheel that ships, stubtest, mypy, pytest with
#      PySpark and Dask), then bindings/scripts/build-wheels.sh (the same
#      wheel, already built, and the sdist, auditwheel, a fresh-venv smoke
#      test; the aarch64 wheel is left to `build-wheels.sh --aarch64`).
#   3. Kotlin and Swift: bindings/scripts/test-kotlin.sh (native library,
#      bindings drift check, the mobile build and its 3 MiB size check,
#      mvn test on it; Swift tests skipped without `swift`).
#   4. Web: bindings/scripts/test-wasm.sh (wasm32 build, wasm-bindgen,
#      wasm-opt, JS glue and TypeScript drift check, Node tests, the
#      example page in headless Chromium).
#   5. ARM64: bindings/scripts/test-arm64.sh (kmcore and kmcore-uniffi
#      cross-compiled for aarch64-unknown-linux-gnu, their Rust tests run
#      under qemu-aarch64; doctests run natively in step 1 only).
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
ensure_package "command -v node" nodejs
ensure_package "command -v npm" npm

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (Rust tests, doctests, reference cases, generated-file drift)"
# The Python extension crate is tested through pytest, not linked into a test binary.
cargo test --workspace --exclude kmcore-python 2>&1 | tee -a "$log"

step "golden logs, every byte of every one changed (optimised build)"
cargo test --release -p kmcore --test golden_logs 2>&1 | tee -a "$log"

step "fuzz targets, 30 s each, one per core (kmcore/fuzz/run.sh, stable toolchain)"
bash "$here/../../kmcore/fuzz/run.sh" "${KMCORE_FUZZ_SECONDS:-30}" 2>&1 | tee -a "$log"

step "rustdoc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "main example (smoke run)"
cargo run --quiet -p kmcore-examples --bin journey >/dev/null

step "Python binding"
bash "$here/test-python.sh" --manylinux 2>&1 | tee -a "$log"

step "Python wheels: manylinux2014 abi3 x86_64 wheel and sdist, auditwheel, fresh-venv smoke test"
bash "$here/build-wheels.sh"

step "Kotlin and Swift bindings"
bash "$here/test-kotlin.sh" 2>&1 | tee -a "$log"

step "WebAssembly binding and web page"
bash "$here/test-wasm.sh" 2>&1 | tee -a "$log"

step "ARM64 (cross-compiled, tests under qemu-aarch64)"
arm_log="$(mktemp)"
trap 'rm -f "$log" "$arm_log"' EXIT
bash "$here/test-arm64.sh" 2>&1 | tee "$arm_log"

# One closing line for the test runners together: Rust's
# "test result: ok. N passed; M failed" (native, then ARM64 under qemu),
# pytest's "N passed", Maven Surefire's closing "Tests run: N, Failures:
# F, Errors: E", and node's TAP summaries "# pass N" / "# fail N" (two
# runs: binding and page).
rust_passed=$(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
rust_failed=$(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
py_passed=$(sed -n 's/^=* \([0-9]*\) passed.*/\1/p' "$log" | tail -n 1)
kt_line=$(grep -E 'Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -n 1 || true)
kt_passed=$(echo "$kt_line" | sed -n 's/.*Tests run: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\), Skipped: \([0-9]*\).*/\1 \2 \3 \4/p')
read -r kt_run kt_fail kt_err kt_skip <<<"${kt_passed:-0 0 0 0}"
web_passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
web_failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
arm_passed=$(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' "$arm_log" | awk '{s+=$1} END {print s+0}')
arm_failed=$(sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' "$arm_log" | awk '{s+=$1} END {print s+0}')
passed=$((rust_passed + arm_passed + ${py_passed:-0} + kt_run - kt_fail - kt_err - kt_skip + web_passed))
failed=$((rust_failed + arm_failed + kt_fail + kt_err + web_failed))
step "all tests passed (Rust $rust_passed, Rust on ARM64 $arm_passed, Python ${py_passed:-0}, Kotlin $kt_run, web $web_passed)"
echo "tests: $passed passed, $failed failed"
