// swift-tools-version:5.9
//
// Swift package of the kmcore bindings.
//
// Generated (bindings/scripts/generate-bindings.sh, never edit by hand):
//   Sources/Kmcore/Kmcore.swift            the Swift API
//   Sources/kmcoreFFI/kmcoreFFI.h          the C declarations of the FFI
//   Sources/kmcoreFFI/module.modulemap     the clang module `kmcoreFFI`
// Hand-written: Sources/Kmcore/KmError+Description.swift, Tests/.
//
// Two ways to get the native code behind the `kmcoreFFI` module:
// * Apple platforms (default there): the binary target kmcoreFFI.xcframework,
//   static libraries for iOS, the iOS simulator and macOS, built on a Mac by
//   ./build-xcframework.sh (not committed).
// * Linux, or KMCORE_SWIFT_SYSTEM_LIBRARY=1 on a Mac: a system-library target
//   using the generated module map, linked against the host cdylib in
//   KMCORE_NATIVE_DIR (default ../../target/debug); this is what
//   bindings/scripts/test-swift.sh uses for `swift test`.
import Foundation
import PackageDescription

let environment = ProcessInfo.processInfo.environment
let packageDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

#if os(Linux)
let useSystemLibrary = true
#else
let useSystemLibrary = environment["KMCORE_SWIFT_SYSTEM_LIBRARY"] == "1"
#endif

let nativeDir = environment["KMCORE_NATIVE_DIR"] ?? "\(packageDir)/../../target/debug"

let ffiTarget: Target = useSystemLibrary
    ? .systemLibrary(name: "kmcoreFFI", path: "Sources/kmcoreFFI")
    : .binaryTarget(name: "kmcoreFFI", path: "kmcoreFFI.xcframework")

let nativeLinkerSettings: [LinkerSetting] = useSystemLibrary
    ? [
        .linkedLibrary("kmcore_uniffi"),
        .unsafeFlags(["-L", nativeDir, "-Xlinker", "-rpath", "-Xlinker", nativeDir]),
    ]
    : []

let package = Package(
    name: "Kmcore",
    platforms: [.iOS(.v13), .macOS(.v10_15)],
    products: [
        .library(name: "Kmcore", targets: ["Kmcore"]),
    ],
    targets: [
        ffiTarget,
        .target(
            name: "Kmcore",
            dependencies: ["kmcoreFFI"],
            path: "Sources/Kmcore",
            linkerSettings: nativeLinkerSettings
        ),
        .testTarget(
            name: "KmcoreTests",
            dependencies: ["Kmcore"],
            path: "Tests/KmcoreTests"
        ),
    ]
)
