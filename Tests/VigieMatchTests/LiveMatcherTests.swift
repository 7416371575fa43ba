import Testing
import VigieIdentity
@testable import VigieMatch

@Suite struct LiveMatcherTests {
    @Test func upsertCandidatesRemove() throws {
        let live = LiveMatcher(model: .builtIn)
        live.upsert(try record("V1", "LEROUX", "SOLENE", "F", "1987-03-14", place: "35238"))
        live.upsert(try record("V2", "BERTHIER", "MARC", "M", "1954-11-02", place: "13055"))
        live.upsert(try record("V3", "LEROUX", "LUCAS", "M", "2001-06-02", place: "35238"))
        #expect(live.count == 3)

        let query = try record("Q", "LE ROUX", "SOLENE", "F", "1987-03-14", place: "35238")
        let found = live.candidates(for: query, limit: 5)
        #expect(found.first?.id == "V1")
        #expect(found.allSatisfy { $0.score.decision != .nonMatch })
        #expect(!found.contains { $0.id == "V2" })

        // A record never finds itself.
        #expect(!live.candidates(for: try record("V1", "LEROUX", "SOLENE", "F", "1987-03-14", place: "35238")).contains { $0.id == "V1" })

        live.remove(id: "V1")
        #expect(live.count == 2)
        #expect(!live.candidates(for: query).contains { $0.id == "V1" })
    }

    @Test func upsertReplacesTheRecordWithTheSameID() throws {
        let live = LiveMatcher(model: .builtIn)
        live.upsert(try record("V1", "LEROUX", "SOLENE", "F", "1987-03-14"))
        live.upsert(try record("V1", "BERTHIER", "MARC", "M", "1954-11-02"))
        #expect(live.count == 1)
        #expect(live.candidates(for: try record("Q", "LEROUX", "SOLENE", "F", "1987-03-14")).isEmpty)
        #expect(live.candidates(for: try record("Q", "BERTHIER", "MARC", "M", "1954-11-02")).first?.id == "V1")
    }
}

/// The loader adds each prepared chunk on a queue of its own while the next chunk is prepared: the index must be
/// the one that adding the records one after the other builds, replacements and refusals included.
@Suite struct LiveMatcherLoaderTests {
    @Test func chunksLoadedWhileTheNextIsPreparedGiveTheSerialIndex() throws {
        var raws = GeneratedCorpus.small.records.map(\.record)
        // Ids seen again in a later chunk replace the earlier record; a record the matcher refuses is counted.
        var again = raws[3]
        again.firstNames = "AUTRE"
        raws.append(again)
        raws.append(raws[10])
        raws.append(RawRecord(id: "bad", birthName: "MARTIN", firstNames: "ANNE", sex: "F", birthDate: "1979-13-40", line: 0))

        let serial = LiveMatcher(model: .builtIn)
        for raw in raws { if let record = try? PreparedRecord(raw) { serial.upsert(record) } }

        let loaded = LiveMatcher(model: .builtIn)
        let loader = LiveMatcher.Loader(into: loaded, threads: 2)
        for start in stride(from: 0, to: raws.count, by: 37) { loader.add(Array(raws[start..<min(raws.count, start + 37)])) }
        loader.finish()

        #expect(loader.refused.map(\.id) == ["bad"])
        #expect(loaded.count == serial.count)
        var compared = 0
        for raw in raws.prefix(300) {
            guard let query = try? PreparedRecord(raw) else { continue }
            let a = loaded.candidates(for: query, limit: 10).map { "\($0.id) \($0.score.score)" }
            let b = serial.candidates(for: query, limit: 10).map { "\($0.id) \($0.score.score)" }
            #expect(a == b, "\(raw.id)")
            if !a.isEmpty { compared += 1 }
        }
        #expect(compared > 50)  // the queries found candidates, so the indexes were really compared
    }
}
