#!/usr/bin/env bash
# Runs the Swift tests (bindings/swift/Tests) against the host build of the
# native library, through the system-library target of Package.swift.
# Skips, with a message, when no Swift toolchain is installed. (Where they
# run: macOS with Xcode, or Linux with a swift.org toolchain; this project's
# Linux machines and CI have none, so there they are skipped.)
#
#   bash bindings/scripts/test-swift.sh [--no-build]
set -euo pipefail
# shellcheck source=uniffi-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/uniffi-common.sh"

# `swift` can also be OpenStack's object-store client (Debian python3-swiftclient):
# only a compiler that answers `swift --version` with "Swift version" counts.
if ! command -v swift >/dev/null 2>&1 || ! swift --version 2>&1 | grep -q "Swift version"; then
    km_log "SKIPPED Swift tests: no Swift toolchain on PATH (bindings/swift/Tests/KmcoreTests runs on macOS with Xcode, or Linux with a swift.org toolchain)"
    exit 0
fi
[ "${1:-}" = "--no-build" ] || km_build_native
native_dir="$(km_target_dir)/debug"
km_log "swift test (bindings/swift), native library from $native_dir"
cd "$KM_ROOT/bindings/swift"
export KMCORE_SWIFT_SYSTEM_LIBRARY=1 KMCORE_NATIVE_DIR="$native_dir"
export LD_LIBRARY_PATH="$native_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DYLD_LIBRARY_PATH="$native_dir${DYLD_LIBRARY_PATH:+:$DYLD_LIBRARY_PATH}"
swift test
