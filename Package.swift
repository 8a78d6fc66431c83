// swift-tools-version:6.1
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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Tests only: proves the Markdown reports are well-formed; property-based fuzzing.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libcurl, OpenSSL, libresolv and libidn2 (IDNA as libcurl does it) behind typed,
        // non-variadic C functions.
        .target(
            name: "CHTTPDiag",
            linkerSettings: [
                .linkedLibrary("curl"), .linkedLibrary("ssl"),
                .linkedLibrary("crypto"), .linkedLibrary("resolv"), .linkedLibrary("z"), .linkedLibrary("idn2"),
            ]
        ),
        .target(name: "HTTPDiagCore", dependencies: ["CHTTPDiag"]),
        // Playbooks: hop fingerprints, the rule engine, fixtures, Markdown reports.
        .target(name: "HTTPDiagPlaybooks", dependencies: ["HTTPDiagCore", .product(name: "Yams", package: "Yams")]),
        // Fleet runs: config, concurrent probing, state and incidents (SQLite), Prometheus textfile, webhooks.
        .target(name: "HTTPDiagFleet", dependencies: ["HTTPDiagCore", "HTTPDiagPlaybooks", .product(name: "GRDB", package: "GRDB.swift")]),
        // Loopback servers that misbehave on request: used by the tests and `httpdiag lab`.
        .target(name: "HTTPDiagLab", dependencies: ["CHTTPDiag"]),
        .executableTarget(
            name: "httpdiag",
            dependencies: [
                "HTTPDiagCore", "HTTPDiagLab", "HTTPDiagPlaybooks", "HTTPDiagFleet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share (test targets cannot depend on each other): the
        // repository root, running the built tool and other programs, loopback servers
        // (lab, silent listener, openssl s_server, dnsmasq, the Debian real servers) on free
        // ports, and the run's TLS certificates. Not part of the `httpdiag` executable.
        .target(
            name: "HTTPDiagTestSupport",
            dependencies: ["HTTPDiagCore", "HTTPDiagLab"],
            path: "Tests/HTTPDiagTestSupport"
        ),
        .testTarget(
            name: "HTTPDiagCoreTests",
            dependencies: ["HTTPDiagCore", "HTTPDiagLab", "HTTPDiagFleet", "HTTPDiagTestSupport"]
        ),
        .testTarget(
            name: "HTTPDiagPlaybooksTests",
            dependencies: ["HTTPDiagPlaybooks", "HTTPDiagCore", "HTTPDiagLab", "HTTPDiagTestSupport", .product(name: "Ink", package: "Ink")]
        ),
        .testTarget(
            name: "HTTPDiagFleetTests",
            dependencies: ["HTTPDiagFleet", "HTTPDiagCore", "HTTPDiagLab", "HTTPDiagTestSupport"]
        ),
        // The executable's own logic (its command-line scanner against ArgumentParser).
        .testTarget(
            name: "httpdiagTests",
            dependencies: ["httpdiag", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(
            name: "HTTPDiagFuzzTests",
            dependencies: [
                "HTTPDiagCore", "HTTPDiagPlaybooks", "HTTPDiagFleet", "HTTPDiagLab", "HTTPDiagTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Ink", package: "Ink"),
            ]
        ),
    ]
)
