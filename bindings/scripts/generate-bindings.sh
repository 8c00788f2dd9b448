#!/usr/bin/env bash
# Regenerates the committed Kotlin and Swift bindings from the debug cdylib of
# kmcore-uniffi (UniFFI library mode: the API is read from the built library).
#
#   bash bindings/scripts/generate-bindings.sh            # build, then write into the tree
#   bash bindings/scripts/generate-bindings.sh --no-build # reuse the last build
#   bash bindings/scripts/generate-bindings.sh --out DIR  # write DIR/bindings/... instead
#
# Output (all generated, never edit by hand):
#   bindings/kotlin/src/main/kotlin/uniffi/kmcore/kmcore.kt
#   bindings/swift/Sources/Kmcore/Kmcore.swift
#   bindings/swift/Sources/kmcoreFFI/kmcoreFFI.h
#   bindings/swift/Sources/kmcoreFFI/module.modulemap
# (bindings/swift/Sources/Kmcore/KmError+Description.swift is hand-written.)
#
# The formatters (ktlint, swiftformat) are not always installed, so the output
# is never formatted (--no-format): the same library gives the same bytes on
# every machine, which the drift check relies on.
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

build=1
out=$KM_ROOT
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=0 ;;
        --out) out=${2:?--out needs a directory}; shift ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) km_die "unknown argument: $1" ;;
    esac
    shift
done

[ "$build" = 1 ] && km_build_native
target=$(km_target_dir)
lib="$target/debug/$(km_cdylib_name)"
bindgen="$target/debug/uniffi-bindgen"
[ -f "$lib" ] || km_die "$lib not found; run without --no-build"
[ -x "$bindgen" ] || km_die "$bindgen not found; run without --no-build"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Run from the workspace so uniffi-bindgen finds bindings/uniffi/uniffi.toml
# through `cargo metadata`.
(cd "$KM_ROOT" && "$bindgen" generate --library "$lib" \
    --language kotlin --language swift \
    --no-format --metadata-no-deps --out-dir "$tmp/gen") >"$tmp/bindgen.log" 2>&1 ||
    { cat "$tmp/bindgen.log" >&2; km_die "uniffi-bindgen failed"; }

kt="$tmp/gen/uniffi/kmcore/kmcore.kt"
[ -f "$kt" ] || km_die "uniffi-bindgen wrote no $kt"

# Kotlin exception message. For an error variant with fields UniFFI generates
#     override val message
#         get() = "code=${ `code` }, detail=${ `detail` }"
# and offers no setting to change it. Make every variant that has a `detail`
# field return that human text instead. The count guards against a uniffi
# upgrade silently changing the template.
n=$(perl -0ne '$n = () = /override val message\n\s*get\(\) = "[^"\n]*\bdetail=\$\{ `detail` \}[^"\n]*"/g; print $n' "$kt")
[ "$n" -ge 1 ] || km_die "Kotlin error-message patch matched nothing: has the uniffi template changed? (see bindings/uniffi/src/lib.rs)"
perl -0pi -e 's/(override val message\n\s*get\(\) = )"[^"\n]*\bdetail=\$\{ `detail` \}[^"\n]*"/$1`detail`/g' "$kt"

# Kotlin exception text. `KmError` exports Rust `Display` (the detail) for
# Swift's `description`, which UniFFI also makes Kotlin's `toString()`; but a
# Kotlin exception's `toString()` should name its class, as Throwable's does
# (stack traces, logs). Replace that one override with the class, the reason
# code and the detail. The count guards against a template change.
n_ts=$(perl -0ne '$n = () = /override fun toString\(\): String \{\n\s*return FfiConverterString\.lift\(\n\s*uniffiRustCall\(\) \{ _status ->\n\s*UniffiLib\.uniffi_kmcore_uniffi_fn_method_kmerror_uniffi_trait_display\(FfiConverterTypeKmError\.lower\(this\),\n\s*_status\)\n\}\n\s*\)\n\s*\}/g; print $n' "$kt")
[ "$n_ts" = 1 ] || km_die "Kotlin KmException.toString patch matched $n_ts times, not once: has the uniffi template changed?"
perl -0pi -e 's/override fun toString\(\): String \{\n\s*return FfiConverterString\.lift\(\n\s*uniffiRustCall\(\) \{ _status ->\n\s*UniffiLib\.uniffi_kmcore_uniffi_fn_method_kmerror_uniffi_trait_display\(FfiConverterTypeKmError\.lower\(this\),\n\s*_status\)\n\}\n\s*\)\n\s*\}/override fun toString(): String = "KmException.\$\{javaClass.simpleName\}(\$\{reasonCode()\}): \$message"/g' "$kt"

# Lay the files out. These directories hold generated files only.
# (Sources/Kmcore also holds one hand-written file, so only Kmcore.swift is
# replaced there.)
kdir="$out/bindings/kotlin/src/main/kotlin"
sdir="$out/bindings/swift/Sources"
rm -rf "$kdir" "$sdir/kmcoreFFI" "$sdir/Kmcore/Kmcore.swift"
mkdir -p "$kdir/uniffi/kmcore" "$sdir/Kmcore" "$sdir/kmcoreFFI"
cp "$kt" "$kdir/uniffi/kmcore/kmcore.kt"
cp "$tmp/gen/Kmcore.swift" "$sdir/Kmcore/Kmcore.swift"
cp "$tmp/gen/kmcoreFFI.h" "$sdir/kmcoreFFI/kmcoreFFI.h"
cp "$tmp/gen/kmcoreFFI.modulemap" "$sdir/kmcoreFFI/module.modulemap"

km_log "bindings written under $out/bindings ($n Kotlin error variant(s) and KmException.toString patched)"
