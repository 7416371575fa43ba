// swift-tools-version:6.1
// Benchmarks live in their own package so that `swift test` on Vigie stays light.
// Run: cd Benchmarks && swift package benchmark
import PackageDescription

let package = Package(
    name: "VigieBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Vigie", path: ".."),  // the identity of a path package is its directory name otherwise (a worktree is not "Vigie")
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),  // the worker's logger level
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),  // the mock's mutual TLS
    ],
    targets: [
        // One executable per area; each reports ratios against a reference measured in the same run.
        .executableTarget(
            name: "TextBenchmarks",
            dependencies: [
                .product(name: "Vigie", package: "Vigie"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TextBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // Not a benchmark: a plain executable to run under valgrind's callgrind (see its header).
        .executableTarget(
            name: "TextInstructionCounts",
            dependencies: [.product(name: "Vigie", package: "Vigie")],
            path: "Benchmarks/TextInstructionCounts"),
        .executableTarget(
            name: "MatchBenchmarks",
            dependencies: [
                .product(name: "VigieEngine", package: "Vigie"),  // no VigieINSi: its BoringSSL doubles a release build
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MatchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // The generated RI shared by the worker's benchmarks and its profiling tool.
        .target(
            name: "WorkerBenchSupport",
            dependencies: [.product(name: "VigieEngine", package: "Vigie")],
            path: "Benchmarks/WorkerBenchSupport"),
        // Not a benchmark: the worker at any RI size outside the harness, for callgrind and 1 000 000-identity runs.
        .executableTarget(
            name: "WorkerProfile",
            dependencies: [
                "WorkerBenchSupport", .product(name: "VigieEngine", package: "Vigie"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/WorkerProfile"),
        // The INSi client (AsyncHTTPClient) against the mock: keep-alive vs connection-close, plain and mutual TLS.
        .executableTarget(
            name: "INSiBenchmarks",
            dependencies: [
                .product(name: "Vigie", package: "Vigie"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/INSiBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "WorkerBenchmarks",
            dependencies: [
                "WorkerBenchSupport",
                .product(name: "VigieEngine", package: "Vigie"),  // no VigieINSi: its BoringSSL doubles a release build
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/WorkerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // The cell's queue page with 50 000 open review items (issue: < 200 ms server time, paged).
        .executableTarget(
            name: "ServeBenchmarks",
            dependencies: [
                .product(name: "VigieServe", package: "Vigie"),
                .product(name: "Vigie", package: "Vigie"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ServeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // MLLP throughput, 8 connections (the listener of `vigie serve --mllp-port`) vs the stdin worker, same run.
        .executableTarget(
            name: "MLLPBenchmarks",
            dependencies: [
                "WorkerBenchSupport",
                .product(name: "VigieEngine", package: "Vigie"),
                .product(name: "VigieIntegration", package: "Vigie"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MLLPBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
