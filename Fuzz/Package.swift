// swift-tools-version:6.1
// libFuzzer targets, one per reader. Not part of the main package so that `swift build` and `swift test` never
// need the fuzzer runtime. Build and run with scripts/fuzz.sh.
import Foundation
import PackageDescription

/// A path dependency is named after its folder, whatever the clone is called.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "finsam-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "FinsamKit", package: root)]),
        .executableTarget(name: "FuzzTextReport", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzSIE4", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzSIE5", dependencies: ["FuzzSupport"]),
    ]
)
