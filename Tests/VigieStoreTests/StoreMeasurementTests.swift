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
        let clock = ContinuousClock()
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
        let single = 200
        let committed = try clock.measure {
            for n in 0..<single {
                _ = try store.create(
                    templates[n % templates.count], localIDs: [LocalIdentifier(value: "single-\(n)", domain: "CHU-X")],
                    change: ChangeContext(actor: "measure", reason: "one transaction each"))
            }
        }
        #expect(records == Self.count && identities == Self.count)
        #expect(try store.stats().activeIdentities == Self.count + single)
        print("""
            store measure: \(Self.count) identities
              bulk load (\(batch) per transaction): \(load)
              forEachMatchingRecord: \(matching)
              forEachIdentity: \(full)
              \(single) creates, one committed transaction each: \(committed)
            """)
    }
}
