import Benchmark
import Foundation
import Logging
import VigieEngine
import VigieIntegration
import VigieMLLP
import WorkerBenchSupport

// MLLP throughput (issue #17): the worker behind `vigie serve --mllp-port` — an MLLP listener on 127.0.0.1, 8
// connections each waiting for its ACK before sending the next message (what an EAI does), the messages of all
// connections committed together by `WorkerQueue` — against the reference measured in the same run: the stdin
// worker (`Worker.serve(input:output:)`, the loop of `vigie worker`) answering the same number of A28 piped to it.
// Both on the same RI of VIGIE_BENCH_RI identities (default 10 000; BenchRI, seeded) and the same `Worker`.
// One iteration = 400 new patients' A28 (8 × 50 over MLLP; 400 lines through the pipe): divide by 400 for the
// cost per message; throughput × 400 = messages per second.

let population = Int(ProcessInfo.processInfo.environment["VIGIE_BENCH_RI"] ?? "") ?? 10_000
let messagesPerIteration = 400
let connections = 8

/// The RI's directory, removed when the benchmark process exits.
nonisolated(unsafe) private var directoryToRemove: String?

final class MLLPBenchState: @unchecked Sendable {
    static let shared = MLLPBenchState()

    let ri: BenchRI
    let worker: Worker
    let queue: WorkerQueue
    let server: MLLPServer
    let serving: Task<Void, any Error>
    private let lock = NSLock()

    private init() {
        ri = try! BenchRI(population: population)
        var logger = Logger(label: "vigie.worker")
        logger.logLevel = .notice  // the CLI's default
        worker = try! Worker(store: ri.store, logger: logger)
        queue = WorkerQueue(worker: worker)
        let mllpLogger = { var logger = Logger(label: "vigie.mllp"); logger.logLevel = .notice; return logger }()
        let worker = self.worker, queue = self.queue
        server = Self.wait { try await MLLPServer(configuration: MLLPServerConfiguration(), handler: WorkerMLLPHandler(worker: worker, queue: queue), logger: mllpLogger) }
        let server = self.server
        serving = Task { try await server.run() }
        directoryToRemove = ri.directory.path
        atexit {
            if let path = directoryToRemove { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// `count` new patients' A28, each with its own MSH-10 and IPP (a replay would measure the idempotency path).
    func nextMessages(_ count: Int) -> [String] {
        lock.withLock { (0..<count).map { _ in ri.nextA28() } }
    }

    static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = try! await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    final class Box<T>: @unchecked Sendable { var value: T? }
}

/// The stdin worker's loop on a pipe: a thread writes the lines and closes the pipe, `serve` answers them
/// (group commit of the lines waiting), another thread drains the answers.
func pipeThroughStdinWorker(_ worker: Worker, _ lines: [String]) {
    var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
    precondition(pipe(&input) == 0 && pipe(&output) == 0)
    let payload = Array(lines.map { $0 + "\n" }.joined().utf8)
    let writeEnd = input[1], readEnd = output[0]
    let writer = Thread {
        payload.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(writeEnd, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        close(writeEnd)
    }
    let drained = DispatchSemaphore(value: 0)
    let reader = Thread {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while buffer.withUnsafeMutableBytes({ read(readEnd, $0.baseAddress, $0.count) }) > 0 {}
        close(readEnd)
        drained.signal()
    }
    writer.start()
    reader.start()
    let end = worker.serve(input: input[0], output: output[1])
    close(input[0])
    close(output[1])
    drained.wait()
    guard case .inputClosed(let served) = end, served == lines.count else { fatalError("stdin worker: \(end)") }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(10), maxIterations: 200)
    let size = "\(population / 1_000)k"

    Benchmark("MLLP A28, \(connections) connections × \(messagesPerIteration / connections) (RI \(size))", configuration: configuration) { benchmark in
        let state = MLLPBenchState.shared
        let port = state.server.port
        // Connections opened once, outside the measurement (an EAI keeps its connection open).
        let clients = MLLPBenchState.wait {
            var opened: [Connection] = []
            for _ in 0..<connections { opened.append(Connection(try await MLLPClient.connect(host: "127.0.0.1", port: port))) }
            return opened
        }
        let sent = Counter()
        for _ in benchmark.scaledIterations {
            let messages = state.nextMessages(messagesPerIteration)
            benchmark.startMeasurement()
            MLLPBenchState.wait {
                await withTaskGroup(of: Void.self) { group in
                    for (c, client) in clients.enumerated() {
                        let mine = stride(from: c, to: messages.count, by: connections).map { Array(messages[$0].utf8) }
                        group.addTask {
                            for message in mine {
                                let answer = try! await client.client.send(message)
                                // MSA|AA: anything else is a failure of the benchmark, not a slower result.
                                precondition(answer.starts(with: Array("MSH".utf8)) && String(decoding: answer, as: UTF8.self).contains("\rMSA|AA|"))
                                sent.add()
                            }
                        }
                    }
                }
            }
            benchmark.stopMeasurement()
        }
        MLLPBenchState.wait { for connection in clients { await connection.client.close() } }
        blackHole(sent.value)
    }

    Benchmark("Reference: stdin worker A28 × \(messagesPerIteration) (RI \(size))", configuration: configuration) { benchmark in
        let state = MLLPBenchState.shared
        for _ in benchmark.scaledIterations {
            let messages = state.nextMessages(messagesPerIteration)
            benchmark.startMeasurement()
            pipeThroughStdinWorker(state.worker, messages)
            benchmark.stopMeasurement()
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// One MLLP connection, used by one task at a time (the client is not Sendable: it owns its channel's iterator).
final class Connection: @unchecked Sendable {
    let client: MLLPClient
    init(_ client: MLLPClient) { self.client = client }
}
