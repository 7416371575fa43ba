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
                .product(name: "Vigie", package: "Vigie"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MatchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "WorkerBenchmarks",
            dependencies: [
                .product(name: "Vigie", package: "Vigie"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/WorkerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
