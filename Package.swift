// swift-tools-version:6.1
// finsam: import, reconcile and consolidate the financial statements of Swedish samordningsförbund.
//
// One pipeline, one target per stage, data flowing one way:
// FinsamModel → FinsamReaders → FinsamMapping → FinsamRules → FinsamExport → finsam (CLI).
import PackageDescription

let package = Package(
    name: "finsam",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "finsam", targets: ["finsam"]),
        .library(name: "FinsamKit", targets: ["FinsamModel", "FinsamReaders", "FinsamMapping", "FinsamRules", "FinsamExport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        // SHA-256 of each input (Källor sheet, `documents[].sha256`).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Tests read the written workbook back (an .xlsx is a zip of XML).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // C libraries from the system, found through pkg-config.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        .systemLibrary(
            name: "CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"]), .brew(["expat"])]
        ),

        // The zip compression level libxlsxwriter does not let one choose (see its header).
        .target(name: "CZipLevel", linkerSettings: [.linkedLibrary("z")]),

        // Types only: documents, tables, facts, findings.
        .target(name: "FinsamModel"),
        // One folder per input format, each a `FormatReader`.
        .target(name: "FinsamReaders", dependencies: ["FinsamModel", "CExpat"]),
        // Labels and accounts → concepts, driven by the files in mappings/.
        .target(name: "FinsamMapping", dependencies: ["FinsamModel", .product(name: "Yams", package: "Yams")]),
        // Reconciliation: table arithmetic, identities between statements, across documents.
        .target(name: "FinsamRules", dependencies: ["FinsamModel", "FinsamMapping"]),
        // Writers: JSON contract, XLSX workbook, terminal/SARIF reports.
        .target(name: "FinsamExport", dependencies: ["FinsamModel", "FinsamMapping", "FinsamRules", "CXlsxWriter", "CZipLevel"]),
        // The pipeline as one call, shared by the CLI, the tests and the benchmark.
        .target(
            name: "FinsamPipeline",
            dependencies: [
                "FinsamModel", "FinsamReaders", "FinsamMapping", "FinsamRules", "FinsamExport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "finsam",
            dependencies: ["FinsamPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        .testTarget(
            name: "FinsamTests",
            dependencies: [
                "FinsamModel", "FinsamReaders", "FinsamMapping", "FinsamRules", "FinsamExport", "FinsamPipeline",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Inputs the tests read by path (FuzzRegressionTests), not resources of the bundle.
            exclude: ["FuzzRegressions"]
        ),
    ]
)
