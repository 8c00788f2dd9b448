#!/usr/bin/env bash
# The WebAssembly binding: build, check the committed JS glue and
# TypeScript types, report the size, run the Node tests and the
# headless-browser test of examples/web.
#
#   bash bindings/scripts/test-wasm.sh           # build and test
#   bash bindings/scripts/test-wasm.sh --update  # also rewrite the committed
#                                                # glue, types and docs/ screenshot
#
# Installs what it needs that a fresh machine may lack: the wasm32 target
# (rustup), wasm-bindgen-cli at the exact version of the wasm-bindgen library
# (cargo install into a cache folder outside the work tree, so a fresh clone
# reuses it), Debian's binaryen (wasm-opt) and chromium when running as root,
# and the example's npm packages (npm ci, from the committed lock file).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

update=0
for a in "$@"; do
    case "$a" in
        --update) update=1 ;;
        *) echo "error: unknown argument: $a" >&2; exit 2 ;;
    esac
done

step() { printf '\n--> [%4ss] wasm: %s\n' "$SECONDS" "$*"; }
die() { echo "error: $*" >&2; exit 1; }

apt_updated=0
ensure_package() { # ensure_package CHECK PACKAGE
    if ! eval "$1" >/dev/null 2>&1; then
        shift
        [ "$(id -u)" = 0 ] || die "missing $1: install the Debian package $1"
        if [ "$apt_updated" = 0 ]; then
            step "apt-get update"
            DEBIAN_FRONTEND=noninteractive apt-get update -qq
            apt_updated=1
        fi
        step "apt-get install $*"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    fi
}

command -v cargo >/dev/null || die "cargo is needed"
command -v node >/dev/null || die "node (20 or later) is needed"
command -v npm >/dev/null || die "npm is needed"

# 1. Tools.
if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# The CLI must be the exact version of the library pinned in Cargo.toml.
version=$(sed -n 's/^wasm-bindgen = {[^}]*version = "=\([0-9.]*\)".*/\1/p' bindings/wasm/Cargo.toml)
[ -n "$version" ] || die "cannot read the pinned wasm-bindgen version from bindings/wasm/Cargo.toml"
tools="${KMCORE_TOOLS_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kmcore}/wasm-bindgen-$version"
bindgen="$tools/bin/wasm-bindgen"
if [ "$("$bindgen" --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    step "cargo install wasm-bindgen-cli $version (once per machine)"
    cargo install --quiet --locked --version "=$version" wasm-bindgen-cli --root "$tools"
fi

ensure_package "command -v wasm-opt" binaryen
ensure_package "command -v chromium" chromium
# A font with Urdu glyphs, so that the screenshot shows text, not boxes.
ensure_package "fc-list :lang=ur | grep -q ." fonts-noto-core

# 2. Build.
step "cargo build (wasm32, profile wasm-release)"
    cargo build --quiet -p kmcore-wasm --target wasm32-unknown-unknown --profile wasm-release
raw="target/wasm32-unknown-unknown/wasm-release/kmcore_wasm.wasm"

gen=$(mktemp -d)
trap 'rm -rf "$gen"' EXIT
step "wasm-bindgen $version --target web"
"$bindgen" --target web --out-dir "$gen" --out-name kmcore_wasm "$raw"
size() { wc -c <"$1" | tr -d ' '; }
bindgen_size=$(size "$gen/kmcore_wasm_bg.wasm")
# The wasm-bindgen output uses bulk memory, sign extension, non-trapping
# float conversions, multi-value and reference types: let wasm-opt keep them.
step "wasm-opt -Oz"
wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-multivalue --enable-reference-types --enable-mutable-globals \
    "$gen/kmcore_wasm_bg.wasm" -o "$gen/kmcore_wasm_bg.opt.wasm"
mv "$gen/kmcore_wasm_bg.opt.wasm" "$gen/kmcore_wasm_bg.wasm"

raw_size=$(size "$raw")
bg_size=$(size "$gen/kmcore_wasm_bg.wasm")
gz_size=$(gzip -9 -c "$gen/kmcore_wasm_bg.wasm" | wc -c | tr -d ' ')
echo "wasm size: $raw_size bytes from cargo, $bindgen_size after wasm-bindgen, $bg_size after wasm-opt -Oz, $gz_size gzipped"
limit=$((1536 * 1024))
[ "$gz_size" -le "$limit" ] || die "the gzipped .wasm ($gz_size bytes) is over the 1.5 MB budget"

# 3. Generated files: the JS glue and its types are committed.
pkg=bindings/wasm/pkg
mkdir -p "$pkg"
cp "$gen/kmcore_wasm_bg.wasm" "$pkg/"
drift=0
for f in kmcore_wasm.js kmcore_wasm.d.ts; do
    if ! cmp -s "$gen/$f" "$pkg/$f"; then
        if [ "$update" = 1 ]; then
            cp "$gen/$f" "$pkg/$f"
            echo "updated $pkg/$f"
        else
            drift=1
            echo "DRIFT in $pkg/$f (committed vs freshly generated):" >&2
            diff -u "$pkg/$f" "$gen/$f" 2>&1 | head -n 40 >&2 || true
        fi
    fi
done
[ "$drift" = 0 ] || die "the committed JS glue or TypeScript types are out of date: run bash bindings/scripts/test-wasm.sh --update and commit them"

# 4. Node tests.
step "node --test (binding)"
node --test --test-reporter=tap bindings/wasm/tests/*.test.mjs

# 5. The page, in headless Chromium.
step "npm ci (examples/web)"
(cd examples/web && npm ci --no-audit --no-fund --loglevel=error)
step "node --test (examples/web in headless Chromium)"
KMCORE_UPDATE_SCREENSHOT="$update" node --test --test-reporter=tap examples/web/test/*.test.mjs
