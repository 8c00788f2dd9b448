# Shared helpers for the UniFFI (Kotlin/Swift) binding scripts. Source it; do not run it.
# shellcheck shell=bash

# The workspace root (logical path, so a symlinked checkout keeps its name).
KM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KM_CRATE=kmcore-uniffi
KM_LIB_STEM=kmcore_uniffi

km_log() { printf '==> %s\n' "$*" >&2; }
km_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Cargo's target directory: CARGO_TARGET_DIR (or a cargo config) when set,
# else the workspace target/. `cargo metadata` already applies those rules.
km_target_dir() {
    local json dir
    json=$(cd "$KM_ROOT" && cargo metadata --format-version 1 --no-deps) ||
        km_die "cargo metadata failed (does the workspace load?)"
    dir=$(printf '%s' "$json" | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
    [ -n "$dir" ] || km_die "no target_directory in cargo metadata output"
    printf '%s\n' "$dir"
}

# File name of the host cdylib.
km_cdylib_name() {
    case "$(uname -s)" in
        Darwin) printf 'lib%s.dylib\n' "$KM_LIB_STEM" ;;
        MINGW* | MSYS* | CYGWIN*) printf '%s.dll\n' "$KM_LIB_STEM" ;;
        *) printf 'lib%s.so\n' "$KM_LIB_STEM" ;;
    esac
}

# Builds the debug cdylib and the uniffi-bindgen binary in one cargo run
# (one feature set, so the two never rebuild each other).
km_build_native() {
    km_log "cargo build -p $KM_CRATE --features bindgen (debug)"
    (cd "$KM_ROOT" && cargo build -p "$KM_CRATE" --features bindgen --lib --bin uniffi-bindgen)
}

# The most a phone's library may weigh (the stripped host build of the
# mobile profile); test-kotlin.sh fails above it.
KM_MOBILE_MAX_BYTES=$((3 * 1024 * 1024))

# Builds the cdylib with the `mobile` profile of the root Cargo.toml
# (opt-level "z", fat LTO, one codegen unit, stripped): what an app ships.
km_build_mobile() {
    km_log "cargo build --profile mobile -p $KM_CRATE --lib (the library an app ships)"
    (cd "$KM_ROOT" && cargo build --profile mobile -p "$KM_CRATE" --lib)
}

# Prints the size of a library, raw and gzipped, and fails above
# KM_MOBILE_MAX_BYTES.
km_check_mobile_size() {
    local lib=$1 raw gz
    [ -f "$lib" ] || km_die "$lib not found"
    raw=$(wc -c <"$lib")
    gz=$(gzip -9 -c "$lib" | wc -c)
    km_log "$(basename "$lib") (mobile profile, stripped): $raw bytes ($((raw / 1024)) KiB), $gz gzipped ($((gz / 1024)) KiB); limit $KM_MOBILE_MAX_BYTES"
    [ "$raw" -le "$KM_MOBILE_MAX_BYTES" ] ||
        km_die "$(basename "$lib") is $raw bytes, above the $KM_MOBILE_MAX_BYTES-byte (3 MiB) limit for phones"
}
