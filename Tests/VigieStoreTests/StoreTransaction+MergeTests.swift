import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionMergeTests {
    @Test func aMergedAwayIdentityAndItsIdentifiersResolveToTheSurvivor() throws {
        let fixture = try TemporaryStore()
        let survivor = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        let away = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("2")], change: change())
        let merged = try fixture.store.merge(survivor: survivor.id, mergedAway: away.id, change: change("A40"))
        #expect(merged.id == survivor.id)
        #expect(merged.mergedIDs == [away.id])
        #expect(merged.localIDs == [ipp("1")])
        #expect(merged.formerLocalIDs == [ipp("2")])
        #expect(merged.version == survivor.version + 1)
        #expect(try fixture.store.identity(id: away.id)?.id == survivor.id)
        #expect(try fixture.store.identity(localID: ipp("2"))?.id == survivor.id)
        #expect(try fixture.store.stats().activeIdentities == 1)
        // The merged-away row is kept as it was, for history.
        let history = try fixture.store.history(id: survivor.id)
        #expect(history.map(\.action).contains(.merged))
        #expect(history.filter { $0.identityID == away.id }.map(\.action) == [.created, .localIdentifierAdded])
    }

    @Test func chainsOfMergesResolveToTheLastSurvivor() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("A")], change: change())
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("B")], change: change())
        let c = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("C")], change: change())
        let d = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("D")], change: change())
        try fixture.store.merge(survivor: c.id, mergedAway: d.id, change: change())  // D -> C
        try fixture.store.merge(survivor: b.id, mergedAway: c.id, change: change())  // C -> B (D follows)
        let final = try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change())  // B -> A
        #expect(final.mergedIDs == [b.id, c.id, d.id])
        #expect(final.formerLocalIDs == [ipp("B"), ipp("C"), ipp("D")])
        for id in [b.id, c.id, d.id] {
            #expect(try fixture.store.identity(id: id)?.id == a.id)
        }
        for local in ["B", "C", "D"] {
            #expect(try fixture.store.identity(localID: ipp(local))?.id == a.id)
        }
        // Resolution is one hop: every merged row points at the last survivor.
        let raw = try SQLiteConnection(path: fixture.path, readOnly: true)
        defer { raw.close() }
        let query = try raw.statement("SELECT count(*) FROM identities WHERE merged_into = 1", operation: "test")
        #expect(try query.step() && query.int(0) == 3)
        query.reset()
        // The history of the first survivor holds the whole chain, in order.
        let merges = try fixture.store.history(id: d.id).filter { $0.action == .merged }
        #expect(merges.map(\.identityID) == [c.id, b.id, a.id])
        #expect(merges.map(\.relatedID) == [d.id, c.id, b.id])
    }

    @Test func refusedMergesChangeNothing() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(qualified: true), localIDs: [ipp("1")], change: change())
        let b = try fixture.store.create(try Samples.nessiNathalie(qualified: true), localIDs: [ipp("2")], change: change())
        let c = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("3")], change: change())
        let d = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("4")], change: change())
        try fixture.store.merge(survivor: a.id, mergedAway: c.id, change: change())
        let before = try fixture.store.stats()

        #expect(throws: StoreError.selfMerge(id: a.id)) {
            try fixture.store.merge(survivor: a.id, mergedAway: a.id, change: change())
        }
        #expect(throws: StoreError.mergedAway(id: c.id, survivor: a.id)) {  // A40 replayed under a new id
            try fixture.store.merge(survivor: a.id, mergedAway: c.id, change: change())
        }
        #expect(throws: StoreError.mergedAway(id: c.id, survivor: a.id)) {  // into a merged-away identity
            try fixture.store.merge(survivor: c.id, mergedAway: d.id, change: change())
        }
        #expect(throws: StoreError.notFound(id: "V99")) {
            try fixture.store.merge(survivor: a.id, mergedAway: "V99", change: change())
        }
        // Two different INS are two patients: a collision, never a merge.
        #expect(throws: StoreError.conflictingINS(survivor: a.id, mergedAway: b.id)) {
            try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change())
        }
        #expect(try fixture.store.stats() == before)
    }

    @Test func writesToAMergedAwayIdentityNameTheSurvivor() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change())
        #expect(throws: StoreError.mergedAway(id: b.id, survivor: a.id)) {
            try fixture.store.update(id: b.id, to: try Samples.nessiNathalie(), change: change())
        }
        #expect(throws: StoreError.mergedAway(id: b.id, survivor: a.id)) {
            try fixture.store.addLocalIdentifier(ipp("9"), to: b.id, change: change())
        }
    }

    @Test func linksFollowTheSurvivorAndOpenDuplicatesOfThePairAreResolved() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let c = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [], change: change())
        try fixture.store.link(b.id, c.id, change: change())
        try fixture.store.link(a.id, b.id, change: change())
        let pair = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [b.id, a.id], score: 14, explanation: "all equal"),
            change: change())
        let other = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [b.id, c.id], score: 3, explanation: "birth place"),
            change: change())

        let merged = try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change(actor: "cell"))
        #expect(merged.linkedIDs == [c.id])
        #expect(try fixture.store.identity(id: c.id)?.linkedIDs == [a.id])
        let resolved = try fixture.store.reviewItem(pair.id)
        #expect(resolved.status == .resolved && resolved.resolution == .merged && resolved.resolvedBy == "cell")
        #expect(try fixture.store.reviewQueue().map(\.id) == [other.id])
    }

    @Test func openReviewsOfTheMergedAwayIdentityNowNameTheSurvivor() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let c = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [], change: change())
        let d = try fixture.store.create(try Samples.tchitchiCatarina(), localIDs: [], change: change())
        func enqueue(_ kind: ReviewItem.Kind, _ ids: [String]) throws -> ReviewItem {
            try fixture.store.enqueueReview(ReviewItem(kind: kind, identityIDs: ids, score: 1, explanation: "e"), change: change())
        }
        let cb = try enqueue(.potentialDuplicate, [c.id, b.id])
        let collision = try enqueue(.potentialCollision, [b.id])
        let ad = try enqueue(.potentialDuplicate, [a.id, d.id])
        let bd = try enqueue(.potentialDuplicate, [b.id, d.id])  // would repeat A–D: keeps its ids

        try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change())
        #expect(try fixture.store.reviewItem(cb.id).identityIDs == [a.id, c.id])
        #expect(try fixture.store.reviewItem(collision.id).identityIDs == [a.id])
        #expect(try fixture.store.reviewItem(ad.id).identityIDs == [a.id, d.id])
        #expect(try fixture.store.reviewItem(bd.id).identityIDs == [b.id, d.id])
        let merge = try #require(try fixture.store.history(id: a.id).last { $0.action == .merged })
        let record = try JSONDecoder().decode(MergeRecord.self, from: Data(try #require(merge.after).utf8))
        #expect(record.movedReviews == [cb.id, collision.id])
    }
}
