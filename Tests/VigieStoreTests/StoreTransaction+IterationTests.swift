import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionIterationTests {
    @Test func matchingRecordsCarryTheMatchingFieldsOfActiveIdentities() throws {
        let fixture = try TemporaryStore()
        var catarina = try Samples.tchitchiCatarina(qualified: true)
        catarina.usedName = "OLA"
        let a = try fixture.store.create(catarina, localIDs: [ipp("1")], change: change())
        let b = try fixture.store.create(try Samples.ecetinsiPierreAlain(), localIDs: [], change: change())
        let c = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        var partial = try Samples.identity("NESSI", ["NATHALIE"], .female, "1977-00-00", nil, ins: nil, authority: .nir)
        partial.traits.sex = .unknown
        let d = try fixture.store.create(partial, localIDs: [], change: change())
        try fixture.store.merge(survivor: c.id, mergedAway: b.id, change: change())

        var records: [RawRecord] = []
        try fixture.store.forEachMatchingRecord { records.append($0) }
        #expect(records == [
            RawRecord(
                id: a.id, birthName: "TCHITCHI", firstNames: "CATARINA BELLA", sex: "F", birthDate: "1936-06-21",
                birthPlace: "63220", usedName: "OLA", ins: "236066322083656"),
            RawRecord(id: c.id, birthName: "ADRUN", firstNames: "ZOE", sex: "F", birthDate: "1975-12-31", birthPlace: "63220"),
            RawRecord(id: d.id, birthName: "NESSI", firstNames: "NATHALIE", sex: "U", birthDate: "1977-00-00"),
        ])
    }

    @Test func everyIdentityIsTheOneAGetReturns() throws {
        let fixture = try TemporaryStore()
        var ids: [String] = []
        for (n, identity) in try [
            Samples.adrunZoe(), Samples.nessiNathalie(qualified: true), Samples.ecetinsiPierreAlain(),
            Samples.tchitchiCatarina(), Samples.patTroisDominique(qualified: true), Samples.adrunZoe(),
        ].enumerated() {
            let locals = n % 2 == 0 ? [ipp("\(n)"), ipp("\(n)", "CHU-Y")] : []
            ids.append(try fixture.store.create(identity, localIDs: locals, change: change()).id)
        }
        try fixture.store.merge(survivor: ids[0], mergedAway: ids[5], change: change())
        try fixture.store.merge(survivor: ids[0], mergedAway: ids[4], change: change())
        try fixture.store.link(ids[1], ids[2], change: change())
        try fixture.store.link(ids[1], ids[3], change: change())

        var seen: [StoredIdentity] = []
        try fixture.store.forEachIdentity { seen.append($0) }
        #expect(seen.map(\.id) == [ids[0], ids[1], ids[2], ids[3]])
        for stored in seen {
            #expect(try fixture.store.identity(id: stored.id) == stored)
        }
        #expect(seen[0].formerLocalIDs == [ipp("4"), ipp("4", "CHU-Y")])
        #expect(seen[0].mergedIDs == [ids[4], ids[5]])
        #expect(seen[1].linkedIDs == [ids[2], ids[3]])
    }

    @Test func aBodyThatThrowsStopsTheScanAndLeavesTheStoreUsable() throws {
        struct Stop: Error {}
        let fixture = try TemporaryStore()
        for n in 0..<3 { _ = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("\(n)")], change: change()) }
        var seen = 0
        #expect(throws: Stop.self) {
            try fixture.store.forEachMatchingRecord { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
        // The read snapshot was released: a later write is visible to the next read.
        let created = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [], change: change())
        var ids: [String] = []
        try fixture.store.forEachMatchingRecord { ids.append($0.id) }
        #expect(ids.last == created.id && ids.count == 4)
    }
}
