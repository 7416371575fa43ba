import Foundation
import Testing
import VigieIdentity
import VigieMatch
@testable import VigieRI

@Suite struct LiveIndexTests {
    /// The live index's undo: what `apply` returns puts the index back as it was (used when a commit fails).
    @Test func indexChangesAreReverted() throws {
        let h = try RIHarness()
        for (ipp, name, first, birth) in [("100", "LEFEBVRE", "CATHERINE", "1965-04-12"), ("200", "GIRARD", "ANNE", "1970-03-03")] {
            let traits = StrictTraits(birthName: name, firstNames: [first], sex: .female, birthDate: try BirthDate(birth), birthPlace: nil)
            _ = try h.ri.execute(.upsert(RIHarness.record(ipp, traits: traits)), by: RIHarness.cell)
        }
        let index = h.ri.index
        let query = try PreparedRecord(RawRecord(id: "Q", birthName: "LEFEBVRE", firstNames: "CATHERINE", sex: "F", birthDate: "1965-04-12"))
        let replacement = try PreparedRecord(RawRecord(id: "V1", birthName: "ROUSSEAU", firstNames: "JEANNE", sex: "F", birthDate: "1944-01-09"))
        let newcomer = try PreparedRecord(RawRecord(id: "V9", birthName: "LEFEBVRE", firstNames: "CATHERINE", sex: "F", birthDate: "1965-04-12"))
        let before = index.candidates(for: query, limit: 10).map(\.id)
        #expect(before == ["V1"])
        var undo = index.apply([.upsert(replacement), .upsert(newcomer)])
        undo += index.apply([.remove("V2"), .remove("V404")])
        #expect(index.candidates(for: query, limit: 10).map(\.id) == ["V9"])
        #expect(index.count == 2)
        index.revert(undo)
        #expect(index.count == 2)
        #expect(index.candidates(for: query, limit: 10).map(\.id) == before)
        #expect(index.candidates(for: try PreparedRecord(RawRecord(id: "Q", birthName: "GIRARD", firstNames: "ANNE", sex: "F", birthDate: "1970-03-03")), limit: 10).map(\.id) == ["V2"])
    }
}
