import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

/// The numbers in docs/store.md. Off by default (a million rows is no unit test); run in release with
/// `VIGIE_STORE_MEASURE=1000000 swift test -c release --filter StoreMeasurementTests`. Checks counts only:
/// timings are printed, never asserted.
@Suite struct StoreMeasurementTests {
    static let count = Int(ProcessInfo.processInfo.environment["VIGIE_STORE_MEASURE"] ?? "") ?? 0

    @Test(.enabled(if: count > 0)) func bulkLoadAndFullScans() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        // Variations of the CNDA test persons (Samples.swift): realistic field lengths, distinct identifiers.
        let templates = try [
            Samples.adrunZoe(qualified: true), Samples.nessiNathalie(), Samples.tchitchiCatarina(),
            Samples.patTroisDominique(), Samples.ecetinsiPierreAlain(),
        ]
        let clock = CPUAndWallClock()
        let batch = 10_000
        var loaded = 0
        let load = try clock.measure {
            while loaded < Self.count {
                let end = min(loaded + batch, Self.count)
                _ = try store.perform { transaction in
                    for n in loaded..<end {
                        var identity = templates[n % templates.count]
                        identity.traits.birthName += "-\(n / templates.count)"
                        try transaction.create(
                            identity, localIDs: [LocalIdentifier(value: String(n), domain: "CHU-X")],
                            change: ChangeContext(actor: "measure", reason: "bulk load")).id.count
                    }
                    return 0
                }
                loaded = end
            }
        }
        var records = 0
        var bytes = 0
        let matching = try clock.measure {
            try store.forEachMatchingRecord { record in
                records += 1
                bytes += record.birthName.utf8.count
            }
        }
        var identities = 0
        let full = try clock.measure {
            try store.forEachIdentity { stored in identities += stored.localIDs.count }
        }
        let single = 200  // fsync-bound: wall time is what matters here
        let committed = try clock.measure {
            for n in 0..<single {
                _ = try store.create(
                    templates[n % templates.count], localIDs: [LocalIdentifier(value: "single-\(n)", domain: "CHU-X")],
                    change: ChangeContext(actor: "measure", reason: "one transaction each"))
            }
        }
        // Group commit: the same one-message-one-answer work, 100 messages per transaction.
        let grouped = 10_000
        var answered = 0
        let batched = try clock.measure {
            for start in stride(from: 0, to: grouped, by: 100) {
                let keys = (start..<start + 100).map { MessageKey(id: "batch-\($0)") }
                let results = try store.performBatch(keys) { index, transaction in
                    try transaction.create(
                        templates[index % templates.count],
                        localIDs: [LocalIdentifier(value: "batch-\(start + index)", domain: "CHU-X")],
                        change: ChangeContext(actor: "measure", reason: "group commit")).id
                }
                answered += results.filter { (try? $0.get()) != nil }.count
            }
        }
        #expect(records == Self.count && identities == Self.count)
        #expect(answered == grouped)
        #expect(try store.stats().activeIdentities == Self.count + single + grouped)
        print("""
            store measure: \(Self.count) identities
              bulk load (\(batch) per transaction): \(load)
              forEachMatchingRecord: \(matching)
              forEachIdentity: \(full)
              \(single) creates, one committed transaction each: \(committed)
              \(grouped) create messages, 100 per performBatch: \(batched)
            """)
    }
}

/// Wall time and the process's CPU time (user + system): on a machine shared with other jobs the CPU time is
/// the steadier figure.
struct CPUAndWallClock {
    struct Reading: CustomStringConvertible {
        var wall: Duration
        var cpu: Duration
        var description: String { "\(wall) wall, \(cpu) CPU" }
    }

    func measure(_ body: () throws -> Void) rethrows -> Reading {
        let cpuStart = Self.cpu()
        let wall = try ContinuousClock().measure(body)
        return Reading(wall: wall, cpu: Self.cpu() - cpuStart)
    }

    static func cpu() -> Duration {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }
}
