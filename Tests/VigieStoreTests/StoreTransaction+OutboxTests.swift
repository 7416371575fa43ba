import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionOutboxTests {
    private func snapshot(_ stored: StoredIdentity) -> ListedIdentity {
        ListedIdentity(id: stored.id, identity: stored.identity, localIDs: stored.localIDs)
    }

    @Test func aChangeIsInTheOutboxExactlyWhenItsTransactionCommits() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let zoe = try store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            _ = try store.perform { transaction -> String in
                try transaction.appendOutbox(.created(snapshot(zoe)), change: change())
                throw Refused()
            }
        }
        #expect(try store.outboxHead() == 0)
        let sequence = try store.writeTransaction { transaction throws(StoreError) in
            try transaction.appendOutbox(.created(snapshot(zoe)), change: change("ADT^A28", actor: "GAM@CHU-X", messageID: "m1"))
        }
        #expect(try store.outboxHead() == sequence)
        try store.subscribeFeed("dpi")
        let entries = try store.pendingOutbox(subscriber: "dpi")
        #expect(entries == [
            OutboxEntry(sequence: sequence, change: .created(snapshot(zoe)), actor: "GAM@CHU-X", time: change().time, messageID: "m1")
        ])
    }

    @Test func subscribersKeepTheirOwnPositionInCommitOrder() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let zoe = try store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        let nathalie = try store.create(try Samples.nessiNathalie(), localIDs: [ipp("2")], change: change())
        var sequences: [Int64] = []
        for (index, stored) in [zoe, nathalie, zoe].enumerated() {
            sequences.append(try store.writeTransaction { transaction throws(StoreError) in
                try transaction.appendOutbox(.updated(snapshot(stored)), change: change(second: Double(index * 10)))
            })
        }
        #expect(sequences == sequences.sorted() && Set(sequences).count == 3)
        try store.subscribeFeed("dpi")
        try store.subscribeFeed("labo")
        try store.acknowledgeFeed("dpi", through: sequences[1])
        #expect(try store.pendingOutbox(subscriber: "dpi").map(\.sequence) == [sequences[2]])
        #expect(try store.pendingOutbox(subscriber: "labo").map(\.change.subject.id) == ["V1", "V2", "V1"])
        // Never back: a late acknowledgement changes nothing.
        try store.acknowledgeFeed("dpi", through: sequences[0])
        #expect(try store.feedPosition("dpi") == sequences[1])
        // Registering again keeps the position.
        #expect(try store.subscribeFeed("dpi") == sequences[1])

        let now = change().time.addingTimeInterval(100)
        #expect(try store.feedLags(now: now) == [
            FeedLag(subscriber: "dpi", position: sequences[1], pending: 1, oldestPendingAge: 80),
            FeedLag(subscriber: "labo", position: 0, pending: 3, oldestPendingAge: 100),
        ])
        try store.acknowledgeFeed("dpi", through: sequences[2])
        #expect(try store.feedLags(now: now).first == FeedLag(subscriber: "dpi", position: sequences[2], pending: 0, oldestPendingAge: 0))
    }

    @Test func subscriberNamesAreCheckedAndUnknownOnesRefused() throws {
        let fixture = try TemporaryStore()
        #expect(throws: StoreError.subscriberNotFound(name: "nobody")) { try fixture.store.pendingOutbox(subscriber: "nobody") }
        #expect(throws: StoreError.invalidSubscriber(reason: "name is empty")) { try fixture.store.subscribeFeed("") }
        #expect(throws: StoreError.invalidSubscriber(reason: "name contains a control character at character 4")) {
            try fixture.store.subscribeFeed("dpi\u{0}x")
        }
    }
}
