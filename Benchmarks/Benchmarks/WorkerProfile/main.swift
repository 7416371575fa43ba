// The worker outside the benchmark harness, for valgrind's callgrind and for 1 000 000-identity runs:
//   WorkerProfile <population> <mode> <count> [batch]
// mode: build (the live index from the store, timed, with RSS), query (<count> Q22 queries), a28 (<count> A28
// creations, <batch> lines per `handle(lines:)`, i.e. per commit). Prints p50/p99/mean per message (and, for queries,
// the thread's CPU time per message: wall time on a shared machine includes the waits for a core).
// VIGIE_PROFILE_STORE=path reuses (or first writes) the RI there, so that a 1 000 000-identity store is written once.
// VIGIE_PROFILE_ANSWERS=path writes the first 3 000 query answers there, one a line (answers hold no LF), to compare
// two builds' answers byte for byte (MSH-7 and MSH-10 differ by run: mask them when comparing).
import Foundation
import Logging
import VigieEngine
import WorkerBenchSupport

func residentMegabytes() -> (current: Int, peak: Int) {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func value(_ key: String) -> Int {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first { !$0.isEmpty }.map(String.init) ?? "") ?? 0) / 1024
    }
    return (value("VmRSS:"), value("VmHWM:"))
}

func report(_ label: String, _ nanos: [UInt64], perItem: Int = 1) {
    let sorted = nanos.sorted()
    guard !sorted.isEmpty else { return }
    let total = Double(sorted.reduce(0, +))
    let mean = total / Double(sorted.count * perItem) / 1000
    func pct(_ p: Double) -> Double { Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000 }
    print(String(format: "%@: n=%d p50=%.1f µs p99=%.1f µs max=%.1f µs mean/message=%.1f µs → %.0f messages/s",
                 label, sorted.count, pct(0.5), pct(0.99), pct(1.0) - 0.0001, mean, 1e6 / mean))
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let population = Int(arguments[1]), let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: WorkerProfile <population> build|query|a28 <count> [batch]\n".utf8))
    exit(2)
}
let mode = arguments[2]
let batch = arguments.count > 4 ? Int(arguments[4]) ?? 1 : 1
let ri = try BenchRI(population: population, reusing: ProcessInfo.processInfo.environment["VIGIE_PROFILE_STORE"])
print("RI of \(ri.records.count) identities ready in \(String(format: "%.1f", ri.setupSeconds)) s; RSS \(residentMegabytes().current) MB")
let started = DispatchTime.now()
// The CLI's default level: per-message lines are `info`, so a production worker does not write them.
var logger = Logger(label: "vigie.worker")
logger.logLevel = .notice
let worker = try Worker(store: ri.store, logger: logger)
let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
let rss = residentMegabytes()
print(String(format: "index build: %.2f s for %d identities; RSS %d MB (peak %d MB)", buildSeconds, worker.indexedIdentities, rss.current, rss.peak))

switch mode {
case "build":
    break
case "query":
    let queries = ri.queries().map { Array($0.utf8) }
    var nanos: [UInt64] = []
    nanos.reserveCapacity(count)
    var checksum = 0
    // The thread's CPU time as well as wall time: on this shared machine the wall clock counts the time the
    // thread waited for a core; CPU time per message is what one core of its own would take.
    func threadCPUNanos() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
    let dumpPath = ProcessInfo.processInfo.environment["VIGIE_PROFILE_ANSWERS"]
    var dumped: [UInt8] = []
    let cpu0 = threadCPUNanos()
    for q in 0..<count {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let answer = worker.handle(line: queries[q % queries.count])
        nanos.append(DispatchTime.now().uptimeNanoseconds - t0)
        checksum &+= answer.utf8.count
        if dumpPath != nil, q < 3_000 {
            dumped += answer.utf8
            dumped.append(0x0A)
        }
    }
    let cpuMean = Double(threadCPUNanos() - cpu0) / Double(max(count, 1)) / 1000
    if let dumpPath { FileManager.default.createFile(atPath: dumpPath, contents: Data(dumped)) }
    report("Q22 query (RI \(ri.records.count))", nanos)
    print(String(format: "Q22 CPU time per message: %.1f µs → %.0f messages/s on one core", cpuMean, 1e6 / cpuMean))
    print("checksum \(checksum)")
case "a28":
    var nanos: [UInt64] = []
    var done = 0
    while done < count {
        let lines = (0..<batch).map { _ in Array(ri.nextA28().utf8) }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let answers = worker.handle(lines: lines)
        nanos.append(DispatchTime.now().uptimeNanoseconds - t0)
        precondition(answers.allSatisfy { $0.contains("MSA|AA|") }, "an A28 was refused")
        done += batch
    }
    report("A28 create, \(batch) per commit (RI \(ri.records.count)) [per batch]", nanos)
    report("A28 create, \(batch) per commit (RI \(ri.records.count)) [per message]", nanos, perItem: batch)
default:
    FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
    exit(2)
}
if ProcessInfo.processInfo.environment["VIGIE_PROFILE_STORE"] == nil { ri.remove() }
