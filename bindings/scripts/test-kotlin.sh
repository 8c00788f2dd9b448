#!/usr/bin/env bash
# Builds the native library, checks the committed bindings for drift, builds
# the library an app ships (the `mobile` profile: opt-level "z", fat LTO,
# stripped) and fails if it weighs more than 3 MiB, runs the Kotlin tests on
# that library (JUnit 5 via Maven Surefire: every capability, the fast path
# against the generated API, bad input, threads, and the reference cases
# under KMCORE_CASES_DIR or ../shared/reference/cases), builds and runs
# examples/kotlin as a smoke test, then runs the Swift tests, or says why they
# are skipped.
#
#   bash bindings/scripts/test-kotlin.sh
#   bash bindings/scripts/test-kotlin.sh --regenerate   # rewrite the committed bindings first
#   bash bindings/scripts/test-kotlin.sh --debug-native # test on the debug library instead
#                                                       # (quicker after a Rust edit; no size check)
#
# Needs cargo, a JDK (17+) and Maven (installed with apt-get when missing and
# running as root); Maven fetches everything from Maven Central.
# Honours CARGO_TARGET_DIR. Extra Maven arguments can be given in KM_MVN_ARGS.
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

regenerate=0
debug_native=0
for a in "$@"; do
    case "$a" in
        --regenerate) regenerate=1 ;;
        --debug-native) debug_native=1 ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) km_die "unknown argument: $a" ;;
    esac
done

apt_updated=0
ensure_package() { # ensure_package COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
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
ensure_package javac openjdk-17-jdk-headless
ensure_package mvn maven

km_build_native
if [ "$regenerate" = 1 ]; then
    bash "$KM_ROOT/bindings/scripts/generate-bindings.sh" --no-build
fi
bash "$KM_ROOT/bindings/scripts/check-bindings-drift.sh" --no-build

# The Kotlin tests run on the mobile build, the library an app ships (the
# debug build above serves the bindings generator and the Swift tests).
if [ "$debug_native" = 1 ]; then
    native_dir="$(km_target_dir)/debug"
    km_log "--debug-native: testing the debug library; no size check"
else
    km_build_mobile
    native_dir="$(km_target_dir)/mobile"
    km_check_mobile_size "$native_dir/$(km_cdylib_name)"
fi
[ -f "$native_dir/$(km_cdylib_name)" ] || km_die "$native_dir/$(km_cdylib_name) not found"

km_log "mvn clean test (bindings/kotlin), native library from $native_dir"
# -q keeps Maven to errors only; the one logger re-enabled at info is
# Surefire's, so its "Tests run: N, Failures: ..." summary still prints.
# shellcheck disable=SC2086
(cd "$KM_ROOT/bindings/kotlin" && mvn -B -q -ntp -Dstyle.color=never \
    -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info \
    -Dkmcore.native.dir="$native_dir" \
    ${KM_MVN_ARGS:-} clean test) 2>&1 | sed -e $'s/\x1b\\[[0-9;]*m//g'  # Maven 3.8 -q still emits colour resets

km_log "examples/kotlin (smoke run: the counter clerk's console)"
example_log=$(mktemp)
# shellcheck disable=SC2086
if (cd "$KM_ROOT/examples/kotlin" && mvn -B -q -ntp -Dstyle.color=never \
    -Dkmcore.native.dir="$native_dir" ${KM_MVN_ARGS:-} compile exec:java) >"$example_log" 2>&1 &&
    grep -q "restored and verified" "$example_log"; then
    km_log "examples/kotlin ran ($(wc -l <"$example_log") lines of output)"
    rm -f "$example_log"
else
    sed -e $'s/\x1b\\[[0-9;]*m//g' "$example_log" >&2
    rm -f "$example_log"
    km_die "examples/kotlin failed"
fi

bash "$KM_ROOT/bindings/scripts/test-swift.sh" --no-build
