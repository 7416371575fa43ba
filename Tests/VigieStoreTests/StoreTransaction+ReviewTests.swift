import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionReviewTests {
    @Test func theQueueHoldsOneItemPerPairHighestScoreFirst() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let c = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [], change: change())
        let low = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [c.id, a.id], score: 2.5, explanation: "sex, birth place"),
            change: change(second: 1))
        #expect(low.identityIDs == [a.id, c.id])  // kept in id order
        #expect(low.status == .open && low.id > 0)
        let high = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [a.id, b.id], score: 11, explanation: "all traits"),
            change: change(second: 2))
        #expect(try fixture.store.reviewQueue().map(\.id) == [high.id, low.id])

        // The same pair again refreshes the open item.
        let refreshed = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [a.id, c.id], score: 4, explanation: "rescored"),
            change: change(second: 3))
        #expect(refreshed.id == low.id && refreshed.score == 4 && refreshed.explanation == "rescored")
        #expect(try fixture.store.reviewQueue().count == 2)
        // A collision on one identity is another item.
        let collision = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialCollision, identityIDs: [b.id], score: -8, explanation: "A31 traits disagree"),
            change: change())
        #expect(collision.identityIDs == [b.id])
        #expect(try fixture.store.reviewQueue().count == 3)
    }

    @Test func aPairJudgedDifferentIsNotQueuedAgain() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let item = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [a.id, b.id], score: 8, explanation: "x"), change: change())
        let resolved = try fixture.store.resolveReview(id: item.id, as: .notDuplicate, change: change(actor: "cell"))
        #expect(resolved.status == .resolved && resolved.resolution == .notDuplicate && resolved.resolvedBy == "cell")
        let again = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [b.id, a.id], score: 9, explanation: "y"), change: change())
        #expect(again == resolved)
        #expect(try fixture.store.reviewQueue().isEmpty)
        #expect(try fixture.store.reviewQueue(status: nil).count == 1)
        #expect(throws: StoreError.invalidReview(reason: "item \(item.id) is already resolved")) {
            try fixture.store.resolveReview(id: item.id, as: .confirmedDuplicate, change: change())
        }
        let actions = try fixture.store.history(id: b.id).map(\.action)
        #expect(actions == [.created, .reviewOpened, .reviewResolved])
    }

    @Test func malformedItemsAreRefused() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change())
        #expect(throws: StoreError.invalidReview(reason: "a duplicate item needs 2 identity ids, got 1")) {
            try fixture.store.enqueueReview(
                ReviewItem(kind: .potentialDuplicate, identityIDs: [a.id], score: 1, explanation: ""), change: change())
        }
        #expect(throws: StoreError.invalidReview(reason: "identities V1, V2 are the same identity")) {
            try fixture.store.enqueueReview(
                ReviewItem(kind: .potentialDuplicate, identityIDs: [a.id, b.id], score: 1, explanation: ""), change: change())
        }
        #expect(throws: StoreError.invalidReview(reason: "score is not finite")) {
            try fixture.store.enqueueReview(
                ReviewItem(kind: .potentialCollision, identityIDs: [a.id], score: .nan, explanation: ""), change: change())
        }
        #expect(throws: StoreError.notFound(id: "V9")) {
            try fixture.store.enqueueReview(
                ReviewItem(kind: .potentialCollision, identityIDs: ["V9"], score: 1, explanation: ""), change: change())
        }
        let collision = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialCollision, identityIDs: [a.id], score: 1, explanation: ""), change: change())
        #expect(throws: StoreError.invalidReview(reason: "not-duplicate does not resolve a collision item")) {
            try fixture.store.resolveReview(id: collision.id, as: .notDuplicate, change: change())
        }
        #expect(throws: StoreError.reviewNotFound(id: 77)) {
            try fixture.store.resolveReview(id: 77, as: .notDuplicate, change: change())
        }
    }
}
