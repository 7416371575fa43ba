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
