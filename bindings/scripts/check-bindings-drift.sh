#!/usr/bin/env bash
# Fails when the committed Kotlin/Swift bindings differ from what the current
# Rust code generates. Regenerates into a temporary directory and diffs.
#
#   bash bindings/scripts/check-bindings-drift.sh            # build, then check
#   bash bindings/scripts/check-bindings-drift.sh --no-build # reuse the last build
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

args=()
for a in "$@"; do
    case "$a" in
        --no-build) args+=(--no-build) ;;
        *) km_die "unknown argument: $a" ;;
    esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$KM_ROOT/bindings/scripts/generate-bindings.sh" ${args[@]+"${args[@]}"} --out "$tmp" 2>"$tmp/gen.log" ||
    { cat "$tmp/gen.log" >&2; km_die "could not regenerate the bindings"; }

status=0
for d in kotlin/src/main/kotlin swift/Sources/Kmcore/Kmcore.swift swift/Sources/kmcoreFFI; do
    if ! diff -ru "$KM_ROOT/bindings/$d" "$tmp/bindings/$d" >"$tmp/diff" 2>&1; then
        status=1
        printf 'DRIFT in bindings/%s (committed vs freshly generated):\n' "$d" >&2
        head -n 40 "$tmp/diff" >&2
    fi
done
if [ "$status" != 0 ]; then
    cat >&2 <<'MSG'

error: the committed Kotlin/Swift bindings are out of date with the Rust API
       of bindings/uniffi. Regenerate and commit them:
           bash bindings/scripts/generate-bindings.sh
MSG
    exit 1
fi
km_log "bindings are up to date"
