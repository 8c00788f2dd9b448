#!/usr/bin/env bash
# Build the Python binding (bindings/python) and test it end to end:
#   1. create <repo>/.venv (or reuse it) and install bindings/python/requirements-dev.txt
#      and requirements-engines.txt (PySpark, Dask for tests/test_engines.py; each
#      skipped when its file has not changed since the last install);
#   2. build the abi3 wheel with maturin and install it into the venv;
#   3. stubtest (kmcore._kmcore against its .pyi), mypy --strict over the package
#      sources, bindings/python/tests, examples/python and benches/python, then
#      pytest (its summary line is printed), then the data-team example on a
#      small population;
#   4. with --bench: the benchmark (benches/python/bench_evaluate.py, 1,000,000
#      applications through evaluate_batch against pure Python).
# Exits non-zero on the first failure.
#
# Usage: bindings/scripts/test-python.sh [--release] [--manylinux] [--bench] [--fresh]
#   --release (or KMCORE_PY_RELEASE=1): optimised build, as benchmarks need. The
#   default is a debug build: on 2 cores a cold release build takes ~3 min
#   instead of ~40 s, and an edit of the binding ~35 s instead of ~1 s.
#   evaluate_batch gives the same answers in both builds.
#   --bench: implies --release, and runs the benchmark after the tests.
#   --fresh: delete <repo>/.venv first and build everything in a new venv.
#   --manylinux: test the wheel that ships: the release manylinux2014 build
#   with maturin's zig linker, the same command as build-wheels.sh, so that
#   script's build that follows is already done (test-all.sh uses this: one
#   release build in CI instead of a debug build and a release build).
#
# Environment: PYTHON (interpreter for a new venv; default python3.11, else python3),
# CARGO_TARGET_DIR (honoured by cargo/maturin; default <repo>/target).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
pkg="$repo/bindings/python"
venv="$repo/.venv"
py="$venv/bin/python"

release="${KMCORE_PY_RELEASE:-0}"
bench=0
fresh=0
manylinux=0
for arg in "$@"; do
    case "$arg" in
        --release) release=1 ;;
        --bench) release=1; bench=1 ;;
        --fresh) fresh=1 ;;
        --manylinux) release=1; manylinux=1 ;;
        *) echo "usage: $0 [--release] [--manylinux] [--bench] [--fresh]" >&2; exit 2 ;;
    esac
done

step() { printf '\n==> [%4ss] %s\n' "$SECONDS" "$*"; }

command -v cargo >/dev/null || { echo "error: cargo not found (install Rust)" >&2; exit 1; }

# --- 1. venv and tools ------------------------------------------------------
if [ "$fresh" = 1 ] && [ -e "$venv" ]; then
    step "remove $venv (--fresh)"
    rm -rf "$venv"
fi
if [ ! -x "$py" ]; then
    base="${PYTHON:-}"
    if [ -z "$base" ]; then
        base="$(command -v python3.11 || command -v python3 || true)"
    fi
    [ -n "$base" ] || { echo "error: no python3.11 or python3 found" >&2; exit 1; }
    step "create venv $venv with $base"
    "$base" -m venv "$venv"
fi
"$py" -c 'import sys; assert sys.version_info >= (3, 9), sys.version' \
    || { echo "error: $venv needs Python >= 3.9" >&2; exit 1; }

# Each requirements file is installed again only when it has changed.
requirements=(requirements-dev requirements-engines)
[ "$manylinux" = 1 ] && requirements+=(requirements-wheels)
for name in "${requirements[@]}"; do
    req="$pkg/$name.txt"
    stamp="$venv/.kmcore-$name.sha256"
    want="$(sha256sum "$req" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
        step "pip install -r bindings/python/$name.txt"
        "$py" -m pip install --disable-pip-version-check --quiet -r "$req"
        echo "$want" >"$stamp"
    else
        step "$name already installed ($name.txt unchanged)"
    fi
done

# --- 2. build and install the wheel -----------------------------------------
profile=()
[ "$release" = 1 ] && profile=(--release)
wheels="$(mktemp -d)"
trap 'rm -rf "$wheels"' EXIT
if [ "$manylinux" = 1 ]; then
    # As build-wheels.sh builds it (maturin finds zig in the venv).
    step "maturin build --release --zig --target x86_64-unknown-linux-gnu --compatibility manylinux2014"
    (cd "$pkg" && PATH="$venv/bin:$PATH" "$venv/bin/maturin" build --release --zig \
        --target x86_64-unknown-linux-gnu --compatibility manylinux2014 \
        --interpreter "$py" --out "$wheels")
else
    step "maturin build ${profile[*]:-(debug)}"
    (cd "$pkg" && "$venv/bin/maturin" build "${profile[@]}" --interpreter "$py" --out "$wheels")
fi
wheel="$(ls "$wheels"/kmcore-*.whl)"
echo "wheel: $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"
step "pip install the wheel"
"$py" -m pip install --disable-pip-version-check --quiet --no-deps --force-reinstall "$wheel"

# --- 3. checks ---------------------------------------------------------------
# Run from bindings/python: from the repo root, the Rust crate folder kmcore/
# would be importable as a namespace package named `kmcore`.
cd "$pkg"

step "stubtest kmcore (stubs against the installed extension)"
"$py" -m mypy.stubtest kmcore --mypy-config-file "$pkg/pyproject.toml" \
    --allowlist "$pkg/stubtest-allowlist.txt"

step "mypy (strict) package sources, tests, examples/python, benches/python"
targets=("$pkg/python/kmcore" "$pkg/tests")
for dir in "$repo/examples/python" "$repo/benches/python"; do
    if compgen -G "$dir/*.py" >/dev/null; then
        targets+=("$dir")
    fi
done
"$py" -m mypy --config-file "$pkg/pyproject.toml" "${targets[@]}"

step "pytest"
# Spark in local mode: bind to the loopback address, whatever the host name
# resolves to.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
"$py" -m pytest -c "$pkg/pyproject.toml" --rootdir "$pkg" "$pkg/tests"

step "example: examples/python/data_team.py (10,000 applications)"
"$py" "$repo/examples/python/data_team.py" 10000 >/dev/null
echo "ok"

if [ "$bench" = 1 ]; then
    step "benchmark: benches/python/bench_evaluate.py (release build)"
    "$py" "$repo/benches/python/bench_evaluate.py"
fi

step "all Python checks passed"
