// swift-tools-version:6.1
// Vigie — identity-vigilance engine for French health care.
// Layers point downwards only; see DESIGN.md.
//
// Supported platform: Linux (Debian 12, x86_64, Swift 6.3), the only one built and tested. No Apple platform is
// declared: macOS has never been built or tested (Foundation on Darwin, ICU and SQLite from elsewhere).
import PackageDescription

let package = Package(
    name: "Vigie",
    products: [
        .library(name: "Vigie", targets: ["Vigie"]),
        // The engine without VigieINSi (no NIOSSL/BoringSSL to build): for benchmarks and INSi-free applications.
        .library(name: "VigieEngine", targets: ["VigieEngine"]),
        // The synthetic corpus, for the CLI, tests and benchmarks only: the engine never depends on it.
        .library(name: "VigieCorpus", targets: ["VigieCorpus"]),
        // The cell's web workspace (`vigie serve`), for the CLI and the benchmarks.
        .library(name: "VigieServe", targets: ["VigieServe"]),
        // The MLLP transport and the RI's integration adapters (listener service, WorkerMLLPHandler), for the benchmarks.
        .library(name: "VigieIntegration", targets: ["VigieIntegration", "VigieMLLP"]),
        .executable(name: "vigie", targets: ["vigie"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The cell's web server (`vigie serve`): Hummingbird 2 without its swift-configuration trait.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Bcrypt (HummingbirdBcrypt) for operators' passwords.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // SHA-256 for stored session ids and bearer tokens.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // HTTP field names for the server's headers (Hummingbird's request and response types).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Services run beside the HTTP server, graceful shutdown on SIGTERM (Hummingbird runs on it).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Metrics of `vigie serve` (MLLP messages by type and outcome, latencies, HTTP requests), exported by
        // swift-prometheus on GET /metrics.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // ICU from Debian's libicu-dev. Only CICU's .c file includes ICU headers: importing them into a
        // Swift module that also imports Foundation does not build (Foundation carries its own ICU).
        .systemLibrary(
            name: "ICU4C", path: "Sources/ICU4C", pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev"])]),
        .target(name: "CICU", dependencies: ["ICU4C"]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        // Data files compiled into the binary (C23 #embed): a copied `vigie` needs no resource bundle beside it.
        // One target per layer that owns the data, so that a binary links only what its layers read.
        .target(name: "CIdentityResources"),
        .target(name: "CINSiResources"),
        .target(name: "CCorpusResources"),

        // Shared helpers with no dependency (log-safe escaping, identifier text checks): the lowest layer.
        .target(name: "VigieSupport"),
        .target(name: "VigieText", dependencies: ["CICU"]),
        .target(name: "VigieIdentity", dependencies: ["VigieSupport", "VigieText", "CIdentityResources"], exclude: ["Resources"]),
        .target(name: "VigieCorpus", dependencies: ["VigieText", "VigieIdentity", "CCorpusResources"]),
        .target(name: "VigieMatch", dependencies: ["VigieText", "VigieIdentity"]),
        .target(
            name: "VigieINSi",
            dependencies: [
                "VigieSupport", "VigieText", "VigieIdentity",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                "CINSiResources",
            ], exclude: ["Resources"]),
        .target(name: "VigieStore", dependencies: ["VigieSupport", "VigieIdentity", "VigieText", "CSQLite"]),
        .target(name: "VigieHL7", dependencies: ["VigieSupport", "VigieIdentity"]),
        // MLLP transport (framing, listener, sender): knows bytes, not HL7; the worker answers through MLLPHandler.
        .target(
            name: "VigieMLLP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The référentiel's rules as a Swift service: typed commands and outcomes, the RNIV status machine, the
        // share policy, the live index and group commit. Protocol adapters (VigieWorker, web, MLLP) sit above it.
        .target(
            name: "VigieRI",
            dependencies: [
                "VigieSupport", "VigieStore", "VigieMatch", "VigieIdentity", "VigieText",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "VigieWorker",
            dependencies: [
                "VigieSupport", "VigieRI", "VigieHL7", "VigieStore", "VigieMatch", "VigieIdentity", "VigieText",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // FHIR R4 (FR Core Patient, PDQm ITI-78/ITI-119) as plain request -> response functions.
        .target(name: "VigieFHIR", dependencies: ["VigieRI", "VigieMatch", "VigieStore", "VigieIdentity", "VigieText"]),
        // Adapters between the RI and its integration surfaces (MLLP listener, FHIR, outbound feed): thin.
        .target(
            name: "VigieIntegration",
            dependencies: [
                "VigieMLLP", "VigieWorker", "VigieRI", "VigieHL7", "VigieStore", "VigieIdentity",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]),
        .target(
            name: "VigieServe",
            dependencies: [
                "VigieSupport", "VigieRI", "VigieStore", "VigieMatch", "VigieIdentity", "VigieText", "VigieINSi", "VigieFHIR",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        .target(
            name: "Vigie",
            dependencies: ["VigieSupport", "VigieText", "VigieIdentity", "VigieMatch", "VigieStore", "VigieRI", "VigieINSi", "VigieHL7", "VigieWorker"]),
        .target(
            name: "VigieEngine",
            dependencies: ["VigieSupport", "VigieText", "VigieIdentity", "VigieMatch", "VigieStore", "VigieRI", "VigieHL7", "VigieWorker"]),
        .executableTarget(
            name: "vigie",
            dependencies: [
                "Vigie", "VigieCorpus", "VigieSupport", "VigieServe", "VigieIntegration", "VigieMLLP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),

        .testTarget(name: "VigieSupportTests", dependencies: ["VigieSupport"]),
        .testTarget(name: "VigieTextTests", dependencies: ["VigieText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieIdentityTests", dependencies: ["VigieIdentity", "VigieText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieCorpusTests", dependencies: ["VigieCorpus", "VigieIdentity", "VigieText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieMatchTests", dependencies: ["VigieMatch", "VigieCorpus", "VigieIdentity", "VigieText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieINSiTests", dependencies: ["VigieINSi", "VigieSupport",
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"), "VigieCorpus", "VigieIdentity", "VigieText"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieStoreTests", dependencies: ["VigieStore", "VigieIdentity"], resources: [.copy("Fixtures")]),
        .testTarget(name: "VigieHL7Tests", dependencies: ["VigieHL7", "VigieIdentity", "VigieText"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "VigieServeTests",
            dependencies: [
                "VigieServe", "VigieRI", "VigieStore", "VigieMatch", "VigieIdentity", "VigieText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "VigieFHIRTests", dependencies: ["VigieFHIR", "VigieRI", "VigieStore", "VigieIdentity"]),
        .testTarget(name: "VigieMLLPTests", dependencies: ["VigieMLLP", "VigieIntegration", "VigieWorker", "VigieHL7", "VigieStore", "VigieIdentity"]),
        // Runs the built `vigie` binary (exit statuses, French exports, a copied binary, the documentation's examples).
        .testTarget(name: "VigieCLITests", dependencies: ["Vigie"]),
        .testTarget(name: "VigieRITests", dependencies: ["VigieRI", "VigieStore", "VigieMatch", "VigieIdentity"]),
        .testTarget(name: "VigieWorkerTests", dependencies: ["VigieWorker", "VigieRI", "VigieHL7", "VigieStore", "VigieMatch", "VigieCorpus", "VigieIdentity", "VigieText"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
