// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "mssp-report",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mssp-report", targets: ["mssp-report"]),
        .library(name: "MSSPReport", targets: ["MSSPReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "mssp-report",
            dependencies: [
                "MSSPReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MSSPReport",
            dependencies: [
                "CXMLCheck",
                "CMarkdown",
                .product(name: "Yams", package: "Yams"),
                "CLibCrypto",
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedTemplates"]
        ),
        .target(
            name: "CXMLCheck",
            dependencies: ["CLibXML2"]
        ),
        .target(
            name: "CMarkdown",
            dependencies: ["CCmarkGFM"]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // SHA-256 for the page script's hash, from the system's OpenSSL (compiling swift-crypto's BoringSSL for
        // one digest took most of a fresh build).
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .executableTarget(
            name: "mssp-bench",
            dependencies: ["MSSPReport"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "TemplateEmbedder",
            swiftSettings: swiftSettings
        ),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["TemplateEmbedder"]
        ),
        // What the test targets share (golden files); no product depends on it.
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MSSPReportTests",
            dependencies: ["MSSPReport", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["mssp-report", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
