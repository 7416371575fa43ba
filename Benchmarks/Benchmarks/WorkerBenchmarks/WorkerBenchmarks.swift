import Benchmark
import Foundation
import VigieEngine

// The worker against an RI of 100 000 identities (names drawn from the INSEE-based lists in corpus/names, seeded):
// - "A28 create" (one HL7 message → one committed identity, matched against its candidates, acknowledged) vs the
//   reference "store create alone" (the same identity written by the store, one committed transaction, no HL7,
//   no matching), measured in the same run;
// - "Q22 query" (PDQ demographics query with a typo → RSP^K22 with scored candidates) vs the reference "naive
//   scan" (the same query scored against every identity with the same model, no blocking).
// Each iteration is one message: wall-clock percentiles are per-message latencies.

let population = Int(ProcessInfo.processInfo.environment["VIGIE_BENCH_RI"] ?? "") ?? 100_000

final class WorkerBenchState: @unchecked Sendable {
    static let shared = WorkerBenchState()

    let directory: URL
    let store: IdentityStore
    let worker: Worker
    let prepared: [PreparedRecord]
    let queries: [String]
    let model = MatchModel.builtIn
    let surnames: [String]
    let firstNames: [String]
    var next = 0
    let buildSeconds: Double

    private init() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        func names(_ file: String) -> [String] {
            let text = (try? String(contentsOf: root.appendingPathComponent("corpus/names/\(file)"), encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first { $0.contains(",") } ?? ""
            return line.split(separator: ",").map { $0.uppercased().folding(options: .diacriticInsensitive, locale: nil) }
                .filter { $0.allSatisfy { $0.isLetter || $0 == "-" || $0 == " " || $0 == "'" } }
        }
        surnames = Array(names("surnames.all.txt").prefix(20_000))
        firstNames = Array(names("firstnames.f.all.txt").prefix(2_000)) + Array(names("firstnames.m.all.txt").prefix(2_000))
        precondition(!surnames.isEmpty && !firstNames.isEmpty, "corpus/names not found")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-bench-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try! IdentityStore(path: directory.appendingPathComponent("ri.sqlite").path)
        var generator = BenchGenerator(seed: 2026)
        var records: [RawRecord] = []
        records.reserveCapacity(population)
        let surnames = surnames, firstNames = firstNames
        _ = try! store.perform { transaction -> Int in
            for i in 0..<population {
                let identity = Self.identity(&generator, surnames: surnames, firstNames: firstNames)
                let stored = try transaction.create(identity, localIDs: [LocalIdentifier(value: "B\(i)", domain: "BENCH")],
                                                    change: ChangeContext(actor: "bench", reason: "setup"))
                records.append(RawRecord(
                    id: stored.id, birthName: identity.traits.birthName, firstNames: identity.traits.firstNamesList,
                    sex: identity.traits.sex.rawValue, birthDate: identity.traits.birthDate.iso, birthPlace: identity.traits.birthPlace?.code ?? ""))
            }
            return population
        }
        let started = Date()
        worker = try! Worker(store: store, model: model)
        buildSeconds = Date().timeIntervalSince(started)
        prepared = records.compactMap { try? PreparedRecord($0) }
        // Queries: existing identities with one letter of the birth name dropped.
        queries = (0..<1_000).map { q in
            let record = records[(q * 7919) % records.count]
            var name = record.birthName
            if name.count > 4 { name.remove(at: name.index(name.startIndex, offsetBy: 2)) }
            let date = record.birthDate.replacingOccurrences(of: "-", with: "")
            let first = record.firstNames.split(separator: " ").first.map(String.init) ?? ""
            return "MSH|^~\\&|DPI|CHU|VIGIE|CHU|20260101120000||QBP^Q22^QBP_Q21|Q\(q)|P|2.5\rQPD|IHE PDQ Query|T\(q)|@PID.5.1.1^\(name)~@PID.5.2^\(first)~@PID.7.1^\(date)~@PID.8^\(record.sex)\rRCP|I|10^RD"
        }
        FileHandle.standardError.write(Data("RI of \(population) identities; live index built from the store in \(String(format: "%.2f", buildSeconds)) s\n".utf8))
    }

    static func identity(_ generator: inout BenchGenerator, surnames: [String], firstNames: [String]) -> Identity {
        let surname = surnames[Int(generator.next() % UInt64(surnames.count))]
        let first = firstNames[Int(generator.next() % UInt64(firstNames.count))]
        let year = 1930 + Int(generator.next() % 90), month = 1 + Int(generator.next() % 12), day = 1 + Int(generator.next() % 28)
        let places = ["75056", "69123", "13055", "31555", "59350", "33063", "44109", "67482", "63113", "35238"]
        return Identity(traits: StrictTraits(
            birthName: surname, firstNames: [first], sex: generator.next() % 2 == 0 ? .female : .male,
            birthDate: try! BirthDate(year: year, month: month, day: day),
            birthPlace: try! BirthPlace(places[Int(generator.next() % UInt64(places.count))])))
    }

    func nextA28() -> String {
        next += 1
        var generator = BenchGenerator(seed: UInt64(next) &* 0x9E37)
        let identity = Self.identity(&generator, surnames: surnames, firstNames: firstNames)
        let t = identity.traits
        let date = t.birthDate.iso.replacingOccurrences(of: "-", with: "")
        return "MSH|^~\\&|GAM|CHU|VIGIE|CHU|20260101120000||ADT^A28^ADT_A05|A\(next)|P|2.5^FRA^2.11\rEVN||20260101120000\rPID|1||N\(next)^^^CHU&000897406&N^PI||\(t.birthName)^\(t.firstNames[0])^\(t.firstNames[0])^^^^L||\(date)|\(t.sex.rawValue)|||^^^^^^BDL^^\(t.birthPlace!.code)"
    }

    func nextStoreIdentity() -> Identity {
        next += 1
        var generator = BenchGenerator(seed: UInt64(next) &* 0x9E37)
        return Self.identity(&generator, surnames: surnames, firstNames: firstNames)
    }
}

struct BenchGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, warmupIterations: 10,
        maxDuration: .seconds(10), maxIterations: 5_000)

    Benchmark("Q22 query (RI 100k)", configuration: configuration) { benchmark in
        let state = WorkerBenchState.shared
        var q = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            q += 1
            blackHole(state.worker.handle(line: Array(state.queries[q % state.queries.count].utf8)))
        }
    }

    Benchmark(
        "Reference: naive scan query (RI 100k)",
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

    Benchmark("A28 create (RI 100k)", configuration: configuration) { benchmark in
        let state = WorkerBenchState.shared
        for _ in benchmark.scaledIterations {
            let line = Array(state.nextA28().utf8)
            benchmark.startMeasurement()
            blackHole(state.worker.handle(line: line))
            benchmark.stopMeasurement()
        }
    }

    Benchmark("Reference: store create alone (RI 100k)", configuration: configuration) { benchmark in
        let state = WorkerBenchState.shared
        for _ in benchmark.scaledIterations {
            let identity = state.nextStoreIdentity()
            let n = state.next
            benchmark.startMeasurement()
            blackHole(try! state.store.create(identity, localIDs: [LocalIdentifier(value: "S\(n)", domain: "BENCH")],
                                              change: ChangeContext(actor: "bench", reason: "reference")))
            benchmark.stopMeasurement()
        }
    }
}
