#!/usr/bin/env bash
# Builds the native library, checks the committed bindings for drift, and runs
# the Kotlin tests (JUnit 5 via Maven Surefire). Then runs the Swift tests,
# or says why they are skipped.
#
#   bash bindings/scripts/test-kotlin.sh
#   bash bindings/scripts/test-kotlin.sh --regenerate   # rewrite the committed bindings first
#
# Needs cargo, a JDK (17+) and Maven; Maven fetches everything from Maven Central.
# Honours CARGO_TARGET_DIR. Extra Maven arguments can be given in KM_MVN_ARGS.
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

regenerate=0
for a in "$@"; do
    case "$a" in
        --regenerate) regenerate=1 ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) km_die "unknown argument: $a" ;;
    esac
done

command -v mvn >/dev/null || km_die "mvn not found (apt-get install maven)"
command -v java >/dev/null || km_die "java not found (apt-get install openjdk-17-jdk-headless)"

km_build_native
if [ "$regenerate" = 1 ]; then
    bash "$KM_ROOT/bindings/scripts/generate-bindings.sh" --no-build
fi
bash "$KM_ROOT/bindings/scripts/check-bindings-drift.sh" --no-build

native_dir="$(km_target_dir)/debug"
[ -f "$native_dir/$(km_cdylib_name)" ] || km_die "$native_dir/$(km_cdylib_name) not found"

km_log "mvn test (bindings/kotlin), native library from $native_dir"
# -q keeps Maven to errors only; the one logger re-enabled at info is
# Surefire's, so its "Tests run: N, Failures: ..." summary still prints.
# shellcheck disable=SC2086
(cd "$KM_ROOT/bindings/kotlin" && mvn -B -q -ntp -Dstyle.color=never \
    -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info \
    -Dkmcore.native.dir="$native_dir" \
    ${KM_MVN_ARGS:-} test) 2>&1 | sed -e $'s/\x1b\\[[0-9;]*m//g'  # Maven 3.8 -q still emits colour resets

bash "$KM_ROOT/bindings/scripts/test-swift.sh" --no-build
