import Benchmark
import Foundation
import Logging
import VigieEngine
import WorkerBenchSupport

// The worker against an RI of VIGIE_BENCH_RI identities (default 100 000; names drawn from the INSEE-based lists
// in corpus/names, seeded; the RI is written in one transaction before anything is measured):
// - "Q22 query" (PDQ demographics query with a typo → RSP^K22 with scored candidates) vs the reference "naive
//   scan" (the same query scored against every identity with the same model, no blocking);
// - "A28 create" (one HL7 message → one committed identity, matched against its candidates, acknowledged; one
//   transaction and one fsync per message) vs the reference "store create alone" (the same identity written by
//   the store, one committed transaction, no HL7, no matching);
// With VIGIE_BENCH_TEMPLATE=path the RI is written there once and each run works on a copy (a 1 000 000-identity
// RI takes minutes to write).
// - "A28 create, batches of 10 / 100" (the lines `vigie worker` finds waiting, handed to `handle(lines:)`: one
//   transaction, one fsync per batch) vs "A28 create" above.
// All measured in the same run. Each iteration is one message (one batch for the batched ones): wall-clock
// percentiles are per-message (per-batch) latencies; divide a batch's by its size for the cost per message.

let population = Int(ProcessInfo.processInfo.environment["VIGIE_BENCH_RI"] ?? "") ?? 100_000
let size = population >= 1_000_000 && population % 1_000_000 == 0 ? "\(population / 1_000_000)M" : "\(population / 1_000)k"

final class WorkerBenchState: @unchecked Sendable {
    static let shared = WorkerBenchState()

    let ri: BenchRI
    let worker: Worker
    /// Every identity prepared, for the naive scan only (at 1 000 000 identities, preparing them takes a while).
    lazy var prepared: [PreparedRecord] = PreparedRecord.prepare(ri.records).records
    let queries: [[UInt8]]
    let model = MatchModel.builtIn
    let buildSeconds: Double

    private init() {
        ri = try! Self.openRI()
        removeAtExit(ri.directory.path)
        let started = Date()
        // The CLI's default level: per-message lines are `info`, so a production worker does not write them.
        var logger = Logger(label: "vigie.worker")
        logger.logLevel = .notice
        worker = try! Worker(store: ri.store, model: model, logger: logger)
        buildSeconds = Date().timeIntervalSince(started)
        queries = ri.queries().map { Array($0.utf8) }
        FileHandle.standardError.write(Data(
            "RI of \(population) identities written in \(String(format: "%.1f", ri.setupSeconds)) s; live index built from the store in \(String(format: "%.2f", buildSeconds)) s\n".utf8))
    }
}

/// The benchmark process's RI directory, removed when the process exits (each benchmark runs in its own process,
/// and at 1 000 000 identities each leaves 750 MB behind otherwise).
nonisolated(unsafe) private var directoryToRemove: String?

private func removeAtExit(_ path: String) {
    directoryToRemove = path
    atexit {
        if let path = directoryToRemove { try? FileManager.default.removeItem(atPath: path) }
    }
}

extension WorkerBenchState {
    /// A fresh RI, or with VIGIE_BENCH_TEMPLATE=path a copy of the RI written there once (at 1 000 000 identities
    /// writing it takes minutes; copying the file, seconds). The benchmarks write to the copy, never the template.
    static func openRI() throws -> BenchRI {
        guard let template = ProcessInfo.processInfo.environment["VIGIE_BENCH_TEMPLATE"], !template.isEmpty else {
            return try BenchRI(population: population)
        }
        let files = FileManager.default
        if !files.fileExists(atPath: template) {
            try files.createDirectory(
                at: URL(fileURLWithPath: template).deletingLastPathComponent(), withIntermediateDirectories: true)
            try BenchRI(population: population, reusing: template).store.close()
        }
        let copy = files.temporaryDirectory.appendingPathComponent("vigie-bench-\(UUID().uuidString)")
        try files.createDirectory(at: copy, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] where files.fileExists(atPath: template + suffix) {
            try files.copyItem(atPath: template + suffix, toPath: copy.appendingPathComponent("ri.sqlite" + suffix).path)
        }
        return try BenchRI(population: population, reusing: copy.appendingPathComponent("ri.sqlite").path)
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, warmupIterations: 10,
        maxDuration: .seconds(10), maxIterations: 5_000)

    Benchmark("Q22 query (RI \(size))", configuration: configuration) { benchmark in
        let state = WorkerBenchState.shared
        var q = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            q += 1
            blackHole(state.worker.handle(line: state.queries[q % state.queries.count]))
        }
    }

    Benchmark(
        "Reference: naive scan query (RI \(size))",
        configuration: .init(metrics: [.wallClock, .throughput], timeUnits: .milliseconds, warmupIterations: 1,
                             maxDuration: .seconds(10), maxIterations: 30)
    ) { benchmark in
        let state = WorkerBenchState.shared
        let query = try! PreparedRecord(RawRecord(id: "q", birthName: "DUBOS", firstNames: "MARIE", sex: "F", birthDate: "1965-04-12"))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var best = -Double.infinity
            for record in state.prepared {
                let pair = score(query, record, model: state.model)
                if pair.score > best { best = pair.score }
            }
            blackHole(best)
        }
    }

    Benchmark("A28 create (RI \(size))", configuration: configuration) { benchmark in
        let state = WorkerBenchState.shared
        for _ in benchmark.scaledIterations {
            let line = Array(state.ri.nextA28().utf8)
            benchmark.startMeasurement()
            blackHole(state.worker.handle(line: line))
            benchmark.stopMeasurement()
        }
    }

    for batch in [10, 100] {
        Benchmark(
            "A28 create, batches of \(batch) (RI \(size))",
            configuration: .init(metrics: [.wallClock, .throughput], timeUnits: .microseconds, warmupIterations: 2,
                                 maxDuration: .seconds(10), maxIterations: 5_000 / batch)
        ) { benchmark in
            let state = WorkerBenchState.shared
            for _ in benchmark.scaledIterations {
                let lines = (0..<batch).map { _ in Array(state.ri.nextA28().utf8) }
                benchmark.startMeasurement()
                blackHole(state.worker.handle(lines: lines))
                benchmark.stopMeasurement()
            }
        }
    }

    Benchmark("Reference: store create alone (RI \(size))", configuration: configuration) { benchmark in
        let state = WorkerBenchState.shared
        for _ in benchmark.scaledIterations {
            let identity = state.ri.nextIdentity()
            let n = state.ri.counter
            benchmark.startMeasurement()
            blackHole(try! state.ri.store.create(identity, localIDs: [LocalIdentifier(value: "S\(n)", domain: "BENCH")],
                                                 change: ChangeContext(actor: "bench", reason: "reference")))
            benchmark.stopMeasurement()
        }
    }
}
