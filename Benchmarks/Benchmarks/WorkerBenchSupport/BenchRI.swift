import Foundation
import VigieEngine

/// A generated RI for the worker's benchmarks and its profiling tool: identities drawn (seeded) from the
/// INSEE-based name lists in corpus/names, written to a fresh store, with the messages the benchmarks send.
public final class BenchRI: @unchecked Sendable {
    public let directory: URL
    public let store: IdentityStore
    public let records: [RawRecord]
    public let surnames: [String]
    public let firstNames: [String]
    public let setupSeconds: Double
    private var next = 0

    /// Creates a store of `population` identities under a new temporary directory (one transaction for all:
    /// the setup is a bulk load, not what is measured). With `reusing`, a store this type wrote earlier at that
    /// path is opened instead when it exists (its records read back), else written there.
    public init(population: Int, reusing path: String? = nil) throws {
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
        let started = Date()
        if let path, FileManager.default.fileExists(atPath: path) {
            directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            store = try IdentityStore(path: path)
            var records: [RawRecord] = []
            try store.forEachMatchingRecord { records.append($0) }
            self.records = records
            setupSeconds = Date().timeIntervalSince(started)
            return
        }
        if let path {
            directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            store = try IdentityStore(path: path)
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try IdentityStore(path: directory.appendingPathComponent("ri.sqlite").path)
        }
        var generator = BenchGenerator(seed: 2026)
        var records: [RawRecord] = []
        records.reserveCapacity(population)
        let surnames = surnames, firstNames = firstNames
        let change = ChangeContext(actor: "bench", reason: "setup")
        _ = try store.perform { transaction -> Int in
            for i in 0..<population {
                let identity = Self.identity(&generator, surnames: surnames, firstNames: firstNames)
                let stored = try transaction.create(identity, localIDs: [LocalIdentifier(value: "B\(i)", domain: "BENCH")], change: change)
                let t = identity.traits
                records.append(RawRecord(
                    id: stored.id, birthName: t.birthName, firstNames: t.firstNamesList, sex: t.sex.rawValue,
                    birthDate: t.birthDate.iso, birthPlace: t.birthPlace?.code ?? ""))
            }
            return population
        }
        self.records = records
        setupSeconds = Date().timeIntervalSince(started)
    }

    /// Removes the store's directory.
    public func remove() {
        store.close()
        try? FileManager.default.removeItem(at: directory)
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

    /// PDQ queries: existing identities with one letter of the birth name dropped (a typo), up to 10 candidates.
    public func queries(_ count: Int = 1_000) -> [String] {
        (0..<count).map { q in
            let record = records[(q * 7919) % records.count]
            var name = record.birthName
            if name.count > 4 { name.remove(at: name.index(name.startIndex, offsetBy: 2)) }
            let date = record.birthDate.replacingOccurrences(of: "-", with: "")
            let first = record.firstNames.split(separator: " ").first.map(String.init) ?? ""
            return "MSH|^~\\&|DPI|CHU|VIGIE|CHU|20260101120000||QBP^Q22^QBP_Q21|Q\(q)|P|2.5\rQPD|IHE PDQ Query|T\(q)|@PID.5.1.1^\(name)~@PID.5.2^\(first)~@PID.7.1^\(date)~@PID.8^\(record.sex)\rRCP|I|10^RD"
        }
    }

    /// A new patient's A28 (a fresh IPP each call; the traits drawn like the RI's).
    public func nextA28() -> String {
        let t = nextIdentity().traits
        let date = t.birthDate.iso.replacingOccurrences(of: "-", with: "")
        return "MSH|^~\\&|GAM|CHU|VIGIE|CHU|20260101120000||ADT^A28^ADT_A05|A\(next)|P|2.5^FRA^2.11\rEVN||20260101120000\rPID|1||N\(next)^^^CHU&000897406&N^PI||\(t.birthName)^\(t.firstNames[0])^\(t.firstNames[0])^^^^L||\(date)|\(t.sex.rawValue)|||^^^^^^BDL^^\(t.birthPlace!.code)"
    }

    /// A new identity drawn like the RI's, and a counter for its local identifier.
    public func nextIdentity() -> Identity {
        next += 1
        var generator = BenchGenerator(seed: UInt64(next) &* 0x9E37)
        return Self.identity(&generator, surnames: surnames, firstNames: firstNames)
    }

    /// The counter of the last `nextA28` / `nextIdentity`.
    public var counter: Int { next }
}

/// SplitMix64.
public struct BenchGenerator: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
