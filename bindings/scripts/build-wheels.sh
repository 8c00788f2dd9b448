#!/usr/bin/env bash
# Build the Python wheels a data team installs anywhere, and prove it:
#   1. install bindings/python/requirements-wheels.txt (maturin's zig linker
#      from PyPI, auditwheel) into <repo>/.venv (created by test-python.sh);
#   2. build the manylinux2014 (glibc 2.17) abi3 wheel for x86_64 with
#      `maturin build --release --zig --compatibility manylinux2014`, and the sdist;
#   3. `auditwheel show` the wheel and fail unless it is manylinux_2_17_x86_64;
#   4. install the wheel (and pyarrow) into a fresh venv and run the smoke
#      test bindings/python/smoke_test.py there, outside the source tree.
# With --aarch64, also build and check the aarch64 wheel (a second release
# build, about as long as the first; CI skips it, see bindings/python/README.md).
#
# Usage: bindings/scripts/build-wheels.sh [--aarch64] [--out DIR]
#   --out: where the wheels and the sdist go (default <repo>/target/wheels).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
pkg="$repo/bindings/python"
venv="$repo/.venv"
py="$venv/bin/python"
out="$repo/target/wheels"
aarch64=0
while [ $# -gt 0 ]; do
    case "$1" in
        --aarch64) aarch64=1 ;;
        --out) shift; out="$1" ;;
        *) echo "usage: $0 [--aarch64] [--out DIR]" >&2; exit 2 ;;
    esac
    shift
done

step() { printf '\n==> [%4ss] %s\n' "$SECONDS" "$*"; }

[ -x "$py" ] || { echo "error: $venv missing: run bindings/scripts/test-python.sh first" >&2; exit 1; }

req="$pkg/requirements-wheels.txt"
stamp="$venv/.kmcore-requirements-wheels.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    step "pip install -r bindings/python/requirements-wheels.txt"
    "$py" -m pip install --disable-pip-version-check --quiet -r "$req"
    echo "$want" >"$stamp"
fi
# maturin finds zig through the ziglang package of the venv it runs in.
export PATH="$venv/bin:$PATH"

rm -rf "$out"
mkdir -p "$out"

targets=(x86_64-unknown-linux-gnu)
[ "$aarch64" = 1 ] && targets+=(aarch64-unknown-linux-gnu)
installed="$(rustup target list --installed 2>/dev/null || true)"
for target in "${targets[@]}"; do
    if ! grep -qx "$target" <<<"$installed"; then
        echo "error: Rust target $target is not installed (rustup target add $target)" >&2
        exit 1
    fi
    step "maturin build --release --zig --target $target --compatibility manylinux2014"
    (cd "$pkg" && maturin build --release --zig --target "$target" \
        --compatibility manylinux2014 --interpreter "$py" --out "$out")
done

step "maturin sdist"
(cd "$pkg" && maturin sdist --out "$out")
ls -l "$out"

for wheel in "$out"/kmcore-*.whl; do
    case "$(basename "$wheel")" in
        *aarch64*) arch=aarch64 ;;
        *) arch=x86_64 ;;
    esac
    step "auditwheel show $(basename "$wheel")"
    shown="$("$py" -m auditwheel show "$wheel")"
    echo "$shown"
    grep -q "manylinux_2_17_$arch" <<<"$shown" \
        || { echo "error: $(basename "$wheel") is not manylinux_2_17_$arch (manylinux2014)" >&2; exit 1; }
    case "$(basename "$wheel")" in
        *-cp39-abi3-*) ;;
        *) echo "error: $(basename "$wheel") is not a cp39-abi3 wheel" >&2; exit 1 ;;
    esac
done
ls "$out"/kmcore-*.tar.gz >/dev/null

step "fresh venv: install the x86_64 wheel and run the smoke test"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
base="${PYTHON:-$(command -v python3.11 || command -v python3)}"
"$base" -m venv "$fresh/venv"
pyarrow_pin="$(grep -E '^pyarrow==' "$pkg/requirements-dev.txt")"
"$fresh/venv/bin/pip" install --disable-pip-version-check --quiet \
    "$out"/kmcore-*manylinux*x86_64.whl "$pyarrow_pin"
cp "$pkg/smoke_test.py" "$fresh/"
(cd "$fresh" && "$fresh/venv/bin/python" smoke_test.py)

step "wheels built and checked: $(cd "$out" && ls | tr '\n' ' ')"
