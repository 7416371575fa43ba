import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionJournalTests {
    @Test func theHistoryShowsEveryChangeInOrderWithWhoWhenAndWhy() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(
            try Samples.adrunZoe(), localIDs: [ipp("1")], change: change("A28", actor: "GAM@CHU-X", messageID: "m1", second: 1))
        _ = try fixture.store.update(
            id: a.id, to: try Samples.adrunZoe(qualified: true),
            change: change("INSi qualification", actor: "insi", second: 2))
        let b = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("2")], change: change(second: 3))
        try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change("A40", actor: "cell", second: 4))
        try fixture.store.addLocalIdentifier(ipp("3"), to: a.id, change: change("A31", second: 5))

        let history = try fixture.store.history(id: a.id)
        #expect(history.map(\.action) == [
            .created, .localIdentifierAdded, .updated, .created, .localIdentifierAdded, .merged, .localIdentifierAdded,
        ])
        #expect(history.map(\.identityID) == [a.id, a.id, a.id, b.id, b.id, a.id, a.id])
        #expect(history.map(\.sequence) == history.map(\.sequence).sorted())
        #expect(history.map { $0.time.timeIntervalSince1970 - 1_764_000_000 } == [1, 1, 2, 3, 3, 4, 5])
        #expect(history[0].actor == "GAM@CHU-X" && history[0].reason == "A28" && history[0].messageID == "m1")
        #expect(history[0].before == nil)
        #expect(try JSONDecoder().decode(Identity.self, from: Data(try #require(history[0].after).utf8)) == (try Samples.adrunZoe()))
        #expect(history[2].actor == "insi")
        let merge = try JSONDecoder().decode(MergeRecord.self, from: Data(try #require(history[5].after).utf8))
        #expect(merge.survivor == a.id && merge.mergedAway == b.id)
        // The merged-away id shows the survivor's history, which contains its own.
        #expect(try fixture.store.history(id: b.id) == history)
        #expect(throws: StoreError.notFound(id: "V5")) { try fixture.store.history(id: "V5") }
    }

    @Test func theJournalCannotBeRewritten() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let raw = try SQLiteConnection(path: fixture.path, readOnly: false)
        defer { raw.close() }
        #expect(throws: StoreError.sqlite(code: 1811, operation: "test", message: "the journal is append-only")) {
            try raw.execute("UPDATE journal SET actor = 'someone else'", operation: "test")
        }
        #expect(throws: StoreError.sqlite(code: 1811, operation: "test", message: "the journal is append-only")) {
            try raw.execute("DELETE FROM journal", operation: "test")
        }
        #expect(try fixture.store.history(id: "V1").map(\.actor) == ["tester"])
    }
}
