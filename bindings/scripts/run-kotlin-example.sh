#!/usr/bin/env bash
# Builds the native library and runs examples/kotlin: a counter clerk's view
# (find a service, check an applicant, quote the fee, move the application).
# Honours CARGO_TARGET_DIR. Needs cargo, a JDK (17+) and Maven.
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

km_build_native
native_dir="$(km_target_dir)/debug"
cd "$KM_ROOT/examples/kotlin"
mvn -B -q -ntp -Dkmcore.native.dir="$native_dir" compile exec:java 2>&1 |
    sed -e $'s/\x1b\\[[0-9;]*m//g' # Maven 3.8 -q still emits colour resets
