import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionIndicatorsTests {
    @Test func theJournalIsReplayedDayByDay() throws {
        let fixture = try TemporaryStore()
        let day = 86_400.0
        // Day 0: two identities, one review opened. Day 1: nothing. Day 2: a collision opened, the first item
        // resolved, one identity qualified, then merged away.
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change(second: 0))
        let b = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [], change: change(second: 10))
        let item = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [a.id, b.id], score: 3, explanation: "x"), change: change(second: 20))
        _ = try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialCollision, identityIDs: [a.id], score: -3, explanation: "y"), change: change(second: 2 * day))
        _ = try fixture.store.resolveReview(id: item.id, as: .notDuplicate, change: change(second: 2 * day + 1))
        var qualified = try Samples.adrunZoe(qualified: true)
        qualified.status = .qualified
        _ = try fixture.store.update(id: b.id, to: qualified, change: change(second: 2 * day + 2))
        try fixture.store.writeTransaction { t throws(StoreError) in
            try t.journalINSiCall(of: a.id, outcome: "not-found", change: change(second: 2 * day + 3))
        }
        _ = try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change(second: 2 * day + 4))
        let days = try fixture.store.readTransaction { t throws(StoreError) in
            try t.dailyIndicators(now: Date(timeIntervalSince1970: 1_764_000_000 + 2 * day + 10))
        }
        let start = (1_764_000_000 / day).rounded(.down) * day
        #expect(days.first?.day == Date(timeIntervalSince1970: start))
        #expect(days.count == 3)
        #expect(days[0].activeIdentities == 2 && days[0].reviewsOpened == 1 && days[0].backlog == 1)
        #expect(days[0].identitiesByStatus == ["PROV": 2])
        #expect(days[1].reviewsOpened == 0 && days[1].backlog == 1)
        #expect((days[1].backlogMeanAgeDays ?? 0) > days[0].backlogMeanAgeDays ?? 0)
        #expect(days[2].collisionsOpened == 1 && days[2].reviewsResolved == 1 && days[2].backlog == 1)
        #expect(days[2].insiRetrieved == 1 && days[2].insiCallsWithoutINS == 1)
        #expect(days[2].activeIdentities == 1 && days[2].identitiesByStatus == ["PROV": 1])
    }
}
