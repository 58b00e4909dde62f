// swift-tools-version:6.0
// okmo-report: no package dependencies, ever (the tool must build on a closed network).
import PackageDescription
import Foundation

/// Fuzz targets link libFuzzer's runtime, so they exist only for `make fuzz` (OKMO_FUZZ=1).
let fuzzing = ProcessInfo.processInfo.environment["OKMO_FUZZ"] == "1"
let fuzzTargets: [Target] = !fuzzing ? [] : [
    .target(name: "FuzzSupport", path: "Sources/Fuzz/FuzzSupport"),
    .executableTarget(name: "fuzz-decoder", dependencies: ["OkmoCore", "FuzzSupport"], path: "Sources/Fuzz/fuzz-decoder"),
    .executableTarget(name: "fuzz-listing", dependencies: ["OkmoReport", "FuzzSupport"], path: "Sources/Fuzz/fuzz-listing"),
    .executableTarget(name: "fuzz-notes", dependencies: ["OkmoReport", "FuzzSupport"], path: "Sources/Fuzz/fuzz-notes"),
    .executableTarget(name: "fuzz-mustache", dependencies: ["OkmoTemplate", "OkmoCore", "FuzzSupport"], path: "Sources/Fuzz/fuzz-mustache"),
    .executableTarget(name: "fuzz-markdown", dependencies: ["OkmoMarkdown", "FuzzSupport"], path: "Sources/Fuzz/fuzz-markdown"),
    .executableTarget(name: "fuzz-args", dependencies: ["OkmoReport", "FuzzSupport"], path: "Sources/Fuzz/fuzz-args"),
]

let package = Package(
    name: "okmo-report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "okmo-report", targets: ["okmo-report"]),
    ],
    targets: [
        // Source locations, diagnostics, decoding of input bytes, JSON, escaping, atomic writes.
        .target(name: "OkmoCore"),
        // Mustache templates: parse once into a tree, render many times.
        .target(name: "OkmoTemplate", dependencies: ["OkmoCore"]),
        // CommonMark (+ GFM tables) to HTML.
        .target(name: "OkmoMarkdown", dependencies: ["OkmoCore"]),
        // Records, parsing of listings and notes, gazetteer, aggregation, report, CLI.
        .target(name: "OkmoReport", dependencies: ["OkmoCore", "OkmoTemplate", "OkmoMarkdown"]),
        // The thin executable: argv in, exit code out.
        .executableTarget(name: "okmo-report", dependencies: ["OkmoReport", "OkmoCore"]),
        // `make bench`: deterministic corpora and the speed table (never run by the tool).
        .executableTarget(name: "okmo-bench", dependencies: ["OkmoCore", "OkmoTemplate", "OkmoMarkdown"]),

        .testTarget(name: "OkmoCoreTests", dependencies: ["OkmoCore"]),
        .testTarget(name: "OkmoTemplateTests", dependencies: ["OkmoTemplate", "OkmoCore"]),
        .testTarget(name: "OkmoMarkdownTests", dependencies: ["OkmoMarkdown", "OkmoCore"]),
        // Golden files are read from the source tree by path, not bundled.
        .testTarget(name: "OkmoReportTests", dependencies: ["OkmoReport", "OkmoCore"], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["OkmoCore"]),
    ] + fuzzTargets
)
