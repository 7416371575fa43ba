import Foundation
import Testing
import VigieIdentity
import VigieStore
@testable import VigieRI

/// Issue #13 §2 "Unmerge (JSON `unmerge`) restores the merged-away identity, its identifiers and reviews from the
/// journal": links, chained merges and open reviews.
@Suite("VigieRI unmerge")
struct RIUnmergeTests {
    static func traits(_ name: String, _ first: String, _ birth: String) throws -> StrictTraits {
        StrictTraits(birthName: name, firstNames: [first], sex: .female, birthDate: try BirthDate(birth), birthPlace: try BirthPlace("63220"))
    }

    static func create(_ h: RIHarness, _ ipp: String, _ traits: StrictTraits) throws -> String {
        try h.ri.execute(.upsert(RIHarness.record(ipp, traits: traits)), by: RIHarness.cell).identityID
    }

    /// `count` distinct patients (IPP 1, 2, …), none a candidate of another; their RI ids.
    static func patients(_ h: RIHarness, _ count: Int) throws -> [String] {
        let people = [
            ("MARTIN", "ALICE", "1980-01-02"), ("DURAND", "BRUNO", "1970-05-06"), ("PETIT", "CLAIRE", "1990-07-08"),
            ("ROUX", "DENISE", "1960-09-10"),
        ]
        return try people.prefix(count).enumerated().map { i, p in try create(h, String(i + 1), try traits(p.0, p.1, p.2)) }
    }

    static func links(_ h: RIHarness, _ id: String) throws -> Set<String> {
        Set(try #require(try h.store.identity(id: id)).linkedIDs)
    }

    /// Links of the merged-away identity come back to it; the links the merge gave the survivor leave it; a link
    /// the survivor had already keeps; a link between the two, dropped by the merge, is restored.
    @Test("Issue #13: unmerge restores the links of the merged-away identity and takes back those the survivor gained")
    func unmergeRestoresLinks() throws {
        let h = try RIHarness()
        let ids = try Self.patients(h, 4)
        let (a, b, c, d) = (ids[0], ids[1], ids[2], ids[3])
        for (x, y) in [(a, c), (a, d), (b, d), (a, b)] { _ = try h.ri.execute(.link(.id(x), .id(y)), by: RIHarness.cell) }
        _ = try h.ri.execute(.merge(survivor: .id(b), mergedAway: .id(a), record: nil), by: RIHarness.cell)
        #expect(try Self.links(h, b) == [c, d])
        let outcome = try h.ri.execute(.unmerge(mergedAway: a), by: RIHarness.cell)
        #expect(outcome.action == .unmerged && outcome.identityID == a)
        #expect(try Self.links(h, a) == [b, c, d])
        #expect(try Self.links(h, b) == [a, d], "B keeps its own link to D and loses the link to C it got from A")
    }

    /// A merged into B, then B into C: every id resolves to C. Unmerging A first is refused (B was merged since);
    /// unmerging B gives B back with A under it; unmerging A then gives A back.
    @Test("Issue #13: chained merges (A into B into C) are undone from the last, each id resolving as before")
    func chainedMergesUndoneInOrder() throws {
        let h = try RIHarness()
        let ids = try Self.patients(h, 3)
        let (a, b, c) = (ids[0], ids[1], ids[2])
        _ = try h.ri.execute(.merge(survivor: .id(b), mergedAway: .id(a), record: nil), by: RIHarness.cell)
        _ = try h.ri.execute(.merge(survivor: .id(c), mergedAway: .id(b), record: nil), by: RIHarness.cell)
        #expect(try h.store.identity(localID: LocalIdentifier(value: "1", domain: "CHU"))?.id == c)
        #expect(try h.store.identity(localID: LocalIdentifier(value: "2", domain: "CHU"))?.id == c)
        // Out of order: refused, naming what to undo first; nothing changes.
        let refused = #expect(throws: RIError.self) { try h.ri.execute(.unmerge(mergedAway: a), by: RIHarness.cell) }
        #expect(refused?.code == .conflict && refused?.field == .mergedAway)
        #expect(try h.store.identity(localID: LocalIdentifier(value: "1", domain: "CHU"))?.id == c)
        // B first: B is back, and A resolves to B again (not to C).
        _ = try h.ri.execute(.unmerge(mergedAway: b), by: RIHarness.cell)
        #expect(try h.store.identity(localID: LocalIdentifier(value: "2", domain: "CHU"))?.id == b)
        #expect(try h.store.identity(localID: LocalIdentifier(value: "1", domain: "CHU"))?.id == b)
        #expect(try h.store.identity(id: c)?.mergedIDs.contains(a) == false)
        // Then A.
        _ = try h.ri.execute(.unmerge(mergedAway: a), by: RIHarness.cell)
        for (ipp, id) in [("1", a), ("2", b), ("3", c)] {
            #expect(try h.store.identity(localID: LocalIdentifier(value: ipp, domain: "CHU"))?.id == id)
        }
        // The live index finds each again.
        #expect(try h.ri.search(RISearchQuery(birthName: "MARTIN", firstNames: "ALICE", birthDate: "1980-01-02")).first?.identityID == a)
        #expect(try h.ri.search(RISearchQuery(birthName: "DURAND", firstNames: "BRUNO", birthDate: "1970-05-06")).first?.identityID == b)
        // Journaled: each unmerge on the restored identity, with the operator.
        for id in [a, b] {
            #expect(try h.store.history(id: id).contains { $0.action == .unmerged && $0.actor == "cell1" })
        }
    }

    /// Open review items the merge moved from the merged-away identity to the survivor name it again, in the
    /// store's order (smaller id first) so that a later decision on the pair finds them; the pair's own item, which
    /// the merge resolved, is open again.
    @Test("Issue #13: unmerge gives back the open reviews moved by the merge and reopens the pair's own review")
    func openReviewsRestoredFromTheJournal() throws {
        let h = try RIHarness()
        let ids = try Self.patients(h, 3)
        let (v1, v2, v3) = (ids[0], ids[1], ids[2])
        #expect(try h.ri.reviewQueue().isEmpty)
        let change = ChangeContext(actor: "test", reason: "fixture", time: Date(timeIntervalSince1970: 1_767_225_600))
        let other = try h.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [v1, v2], score: 5, explanation: "fixture"), change: change)
        let own = try h.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [v1, v3], score: 5, explanation: "fixture"), change: change)
        // V1 merged into V3: its item with V2 now names (V2, V3); the pair's own item is resolved as merged.
        _ = try h.ri.execute(.merge(survivor: .id(v3), mergedAway: .id(v1), record: nil), by: RIHarness.cell)
        #expect(try h.store.reviewItem(other.id).identityIDs == [v2, v3])
        #expect(try h.store.reviewItem(own.id).resolution == .merged)
        _ = try h.ri.execute(.unmerge(mergedAway: v1), by: RIHarness.cell)
        let back = try h.store.reviewItem(other.id)
        #expect(back.identityIDs == [v1, v2], "smaller id first, as the store keeps pairs")
        #expect(back.status == .open)
        let reopened = try h.store.reviewItem(own.id)
        #expect(reopened.status == .open && reopened.resolution == nil)
        // A decision on the restored pair finds its item and is remembered for that pair.
        _ = try h.ri.execute(.resolveReview(item: back.id, decision: .notDuplicate), by: RIHarness.cell)
        #expect(h.ri.index.isNotDuplicate(v1, v2))
        #expect(try h.ri.reviewQueue().map(\.id) == [own.id])
    }
}
