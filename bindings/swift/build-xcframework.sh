#!/usr/bin/env bash
# macOS only (needs Xcode and rustup); not run on Linux or in CI here.
#
# Builds kmcore-uniffi as static libraries for iOS devices, the iOS simulator
# (arm64 + x86_64) and macOS (arm64 + x86_64), and packages them, with the
# generated header and module map from Sources/kmcoreFFI, into
# bindings/swift/kmcoreFFI.xcframework: the binary target of Package.swift.
#
#   bash bindings/swift/build-xcframework.sh           # release libraries
#   bash bindings/swift/build-xcframework.sh --debug   # debug libraries (faster)
#
# Run bindings/scripts/generate-bindings.sh first if the Rust API changed
# (or just check: bindings/scripts/check-bindings-drift.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../scripts/uniffi-common.sh
. "$here/../scripts/uniffi-common.sh"

[ "$(uname -s)" = Darwin ] || km_die "build-xcframework.sh needs macOS with Xcode (xcodebuild, lipo)"
command -v xcodebuild >/dev/null || km_die "xcodebuild not found: install Xcode"

profile=release
case "${1:-}" in
    "") ;;
    --debug) profile=debug ;;
    *) km_die "unknown argument: $1" ;;
esac
profile_flag=()
[ "$profile" = release ] && profile_flag=(--release)

ios=aarch64-apple-ios
ios_sim=(aarch64-apple-ios-sim x86_64-apple-ios)
macos=(aarch64-apple-darwin x86_64-apple-darwin)
# Keep in step with `platforms:` in Package.swift.
export IPHONEOS_DEPLOYMENT_TARGET=13.0 MACOSX_DEPLOYMENT_TARGET=10.15

rustup target add "$ios" "${ios_sim[@]}" "${macos[@]}"
for t in "$ios" "${ios_sim[@]}" "${macos[@]}"; do
    km_log "cargo rustc -p $KM_CRATE --target $t ($profile, staticlib)"
    (cd "$KM_ROOT" && cargo rustc -p "$KM_CRATE" --lib --crate-type staticlib \
        --target "$t" ${profile_flag[@]+"${profile_flag[@]}"})
done

target=$(km_target_dir)
lib="lib$KM_LIB_STEM.a"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/ios" "$stage/ios-simulator" "$stage/macos" "$stage/headers/kmcoreFFI"
cp "$target/$ios/$profile/$lib" "$stage/ios/$lib"
sim_libs=()
for t in "${ios_sim[@]}"; do sim_libs+=("$target/$t/$profile/$lib"); done
lipo -create "${sim_libs[@]}" -output "$stage/ios-simulator/$lib"
mac_libs=()
for t in "${macos[@]}"; do mac_libs+=("$target/$t/$profile/$lib"); done
lipo -create "${mac_libs[@]}" -output "$stage/macos/$lib"

# The headers sit in a folder named after the module so that several
# xcframeworks' module maps never collide in one build.
cp "$here/Sources/kmcoreFFI/kmcoreFFI.h" "$here/Sources/kmcoreFFI/module.modulemap" \
    "$stage/headers/kmcoreFFI/"

rm -rf "$here/kmcoreFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$stage/ios/$lib" -headers "$stage/headers" \
    -library "$stage/ios-simulator/$lib" -headers "$stage/headers" \
    -library "$stage/macos/$lib" -headers "$stage/headers" \
    -output "$here/kmcoreFFI.xcframework"
km_log "wrote $here/kmcoreFFI.xcframework (swift build / Xcode now use it)"
