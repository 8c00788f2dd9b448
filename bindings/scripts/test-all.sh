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
cargo test --workspace --exclude kmcore-python

step "rustdoc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "main example (smoke run)"
cargo run --quiet -p kmcore-examples --bin journey >/dev/null

step "Python binding"
bash "$here/test-python.sh"

step "Kotlin and Swift bindings"
bash "$here/test-kotlin.sh"

step "all tests passed"
