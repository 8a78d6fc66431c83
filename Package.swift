// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "httpdiag",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "httpdiag", targets: ["httpdiag"]),
        .library(name: "HTTPDiagCore", targets: ["HTTPDiagCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Tests only: proves the Markdown reports are well-formed.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // libcurl, OpenSSL and libresolv behind typed, non-variadic C functions.
        .target(
            name: "CHTTPDiag",
            linkerSettings: [
                .linkedLibrary("curl"), .linkedLibrary("ssl"),
                .linkedLibrary("crypto"), .linkedLibrary("resolv"), .linkedLibrary("z"),
            ]
        ),
        .target(name: "HTTPDiagCore", dependencies: ["CHTTPDiag"]),
        // Playbooks: hop fingerprints, the rule engine, fixtures, Markdown reports.
        .target(name: "HTTPDiagPlaybooks", dependencies: ["HTTPDiagCore", .product(name: "Yams", package: "Yams")]),
        // Loopback servers that misbehave on request: used by the tests and `httpdiag lab`.
        .target(name: "HTTPDiagLab", dependencies: ["CHTTPDiag"]),
        .executableTarget(
            name: "httpdiag",
            dependencies: [
                "HTTPDiagCore", "HTTPDiagLab", "HTTPDiagPlaybooks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "HTTPDiagCoreTests",
            dependencies: ["HTTPDiagCore", "HTTPDiagLab"]
        ),
        .testTarget(
            name: "HTTPDiagPlaybooksTests",
            dependencies: ["HTTPDiagPlaybooks", "HTTPDiagCore", "HTTPDiagLab", .product(name: "Ink", package: "Ink")]
        ),
    ]
)
