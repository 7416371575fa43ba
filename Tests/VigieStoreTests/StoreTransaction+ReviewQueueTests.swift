import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionReviewQueueTests {
    /// Four identities and five items: two collisions, three duplicates with different weights, ages and reasons.
    func seeded() throws -> (TemporaryStore, [ReviewItem]) {
        let fixture = try TemporaryStore()
        var ids: [String] = []
        for _ in 0..<6 { ids.append(try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change()).id) }
        let specs: [(ReviewItem.Kind, Int, Int, Double, String, Double)] = [
            (.potentialDuplicate, 0, 1, 3, "birth_name=exact(+9.7) alerts=first-names-differ", 0),
            (.potentialDuplicate, 0, 2, 9, "birth_name=exact(+9.7) alerts=later-first-names-differ", 86_400 * 10),
            (.potentialCollision, 3, 4, -6, "same-ins; birth_name=exact(+9.7) alerts=ins-collision+first-names-differ", 86_400 * 2),
            (.potentialDuplicate, 1, 5, 7, "birth_name=exact(+9.7)", 86_400 * 5),
            (.potentialCollision, 2, 5, -1, "same-ins; birth_name=exact(+9.7)", 86_400 * 20),
        ]
        var items: [ReviewItem] = []
        for (kind, a, b, score, explanation, age) in specs {
            items.append(try fixture.store.enqueueReview(
                ReviewItem(kind: kind, identityIDs: [ids[a], ids[b]], score: score, explanation: explanation), change: change(second: 86_400 * 30 - age)))
        }
        return (fixture, items)
    }

    @Test func pagesListCollisionsFirstThenByWeight() throws {
        let (fixture, items) = try seeded()
        let page = try fixture.store.readTransaction { t throws(StoreError) in try t.reviewPage(ReviewQuery(limit: 3)) }
        #expect(page.items.map(\.id) == [items[4].id, items[2].id, items[1].id])
        #expect(page.matching == 5)
        #expect(page.openByKind == [.potentialCollision: 2, .potentialDuplicate: 3])
        #expect(page.oldestOpenedAt == Date(timeIntervalSince1970: 1_764_000_000 + 86_400 * 10))
        let second = try fixture.store.readTransaction { t throws(StoreError) in try t.reviewPage(ReviewQuery(offset: 3, limit: 3)) }
        #expect(second.items.map(\.id) == [items[3].id, items[0].id])
    }

    @Test func filtersMatchWholeReasonWordsKindsAndAges() throws {
        let (fixture, items) = try seeded()
        func ids(_ query: ReviewQuery) throws -> [Int64] {
            try fixture.store.readTransaction { t throws(StoreError) in try t.reviewPage(query) }.items.map(\.id)
        }
        // `first-names-differ` is not matched inside `later-first-names-differ`.
        #expect(try ids(ReviewQuery(reason: .firstNamesDiffer)) == [items[2].id, items[0].id])
        #expect(try ids(ReviewQuery(reason: .sameINS)) == [items[4].id, items[2].id])
        #expect(try ids(ReviewQuery(kind: .potentialDuplicate)) == [items[1].id, items[3].id, items[0].id])
        let now = Date(timeIntervalSince1970: 1_764_000_000 + 86_400 * 30)
        #expect(try ids(ReviewQuery(openedBefore: now.addingTimeInterval(-86_400 * 5))) == [items[4].id, items[1].id, items[3].id])
        #expect(try ids(ReviewQuery(openedAfter: now.addingTimeInterval(-86_400 * 3))) == [items[2].id, items[0].id])
        #expect(throws: StoreError.invalidReview(reason: "limit must be 1-500")) { _ = try ids(ReviewQuery(limit: 0)) }
    }

    @Test func deferringKeepsTheItemOpenAndJournalsWho() throws {
        let (fixture, items) = try seeded()
        let deferred = try fixture.store.writeTransaction { t throws(StoreError) in
            try t.deferReview(id: items[0].id, change: change("waiting for the ID card", actor: "cellule.martin", second: 99))
        }
        #expect(deferred.status == .open && deferred.deferredAt != nil)
        let entry = try #require(try fixture.store.history(id: items[0].identityIDs[0]).last)
        #expect(entry.action == .reviewDeferred && entry.actor == "cellule.martin" && entry.reason == "waiting for the ID card")
        _ = try fixture.store.resolveReview(id: items[0].id, as: .notDuplicate, change: change())
        #expect(throws: StoreError.invalidReview(reason: "item \(items[0].id) is already resolved")) {
            _ = try fixture.store.writeTransaction { t throws(StoreError) in try t.deferReview(id: items[0].id, change: change()) }
        }
    }

    @Test func viewsAreJournaledWithTheOperator() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        try fixture.store.writeTransaction { t throws(StoreError) in try t.journalView(id: a.id, change: change("page identité", actor: "consult.durand")) }
        let last = try #require(try fixture.store.history(id: a.id).last)
        #expect(last.action == .viewed && last.actor == "consult.durand" && last.identityID == a.id)
        #expect(throws: StoreError.notFound(id: "V99")) {
            try fixture.store.writeTransaction { t throws(StoreError) in try t.journalView(id: "V99", change: change()) }
        }
    }
}
