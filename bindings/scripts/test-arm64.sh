#!/usr/bin/env bash
# ARM64 without a phone: cross-compiles kmcore and the uniffi binding
# (kmcore-uniffi) for aarch64-unknown-linux-gnu with Debian's cross gcc, and
# runs their Rust tests (unit and integration tests: the reference cases, the
# property tests, the fast path's protocol...) under qemu-aarch64 user-mode
# emulation. Android's NDK is not available on this project's machines; the
# same Rust code on the same CPU architecture is the next best proof.
#
#   bash bindings/scripts/test-arm64.sh
#
# Doctests are not run: cargo cannot run them for another target (stable
# cargo has no cross doctests), and they run natively in test-all.sh.
# Installs what it needs when missing: the Rust target through rustup, and,
# as root, the Debian packages gcc-aarch64-linux-gnu, libc6-dev-arm64-cross
# and qemu-user. Costs about 1.5 min of build and 30 s of tests on 2 cores.
# Honours CARGO_TARGET_DIR.
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

target=aarch64-unknown-linux-gnu
sysroot=/usr/aarch64-linux-gnu

apt_updated=0
ensure_package() { # ensure_package CHECK PACKAGE
    [ -e "$1" ] || command -v "$1" >/dev/null 2>&1 && return 0
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null ||
        km_die "$1 not found: install the Debian package $2 (or its equivalent)"
    if [ "$apt_updated" = 0 ]; then
        km_log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=1
    fi
    km_log "apt-get install $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
ensure_package aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
ensure_package "$sysroot/lib/ld-linux-aarch64.so.1" libc6-dev-arm64-cross
ensure_package qemu-aarch64 qemu-user

if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    command -v rustup >/dev/null || km_die "rustup not found: the Rust standard library for $target is needed"
    km_log "rustup target add $target"
    rustup target add "$target"
fi

export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L $sysroot"

cd "$KM_ROOT"
km_log "cargo test --target $target -p kmcore -p $KM_CRATE --lib --tests (build)"
cargo test --target "$target" -p kmcore -p "$KM_CRATE" --lib --tests --no-run

# Prove the binaries are ARM64 before trusting what they print.
bin=$(find "$(km_target_dir)/$target/debug/deps" -maxdepth 1 -type f -name 'kmcore_uniffi-*' -perm -u+x | head -n 1)
[ -n "$bin" ] || km_die "no $target test binary of $KM_CRATE found"
head -c 20 "$bin" | od -An -tx1 | tr -d ' \n' | grep -q '^7f454c46020101.\{22\}b700' ||
    km_die "$bin is not an ARM64 ELF executable"

km_log "cargo test --target $target (under qemu-aarch64)"
cargo test --target "$target" -p kmcore -p "$KM_CRATE" --lib --tests
km_log "ARM64 (aarch64, qemu-aarch64): kmcore and $KM_CRATE tests passed"
