// swift-tools-version:6.0
// Fuzz targets for libFuzzer. Build and run them with scripts/fuzz (not part of the main package: they need
// -sanitize=fuzzer, which would break every other build).
import PackageDescription

let fuzzTargets = [
    "FuzzCSV", "FuzzJSON", "FuzzGraphExport", "FuzzTenantID", "FuzzMarkdown", "FuzzHTML", "FuzzWikiFormats",
]

let package = Package(
    name: "mssp-report-fuzz",
    dependencies: [.package(name: "mssp-report", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "MSSPReport", package: "mssp-report")])
    ]
        + fuzzTargets.map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport", .product(name: "MSSPReport", package: "mssp-report")],
                path: "Sources/\(name)"
            )
        }
)
