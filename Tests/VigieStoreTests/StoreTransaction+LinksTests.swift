import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionLinksTests {
    @Test func linkAndUnlinkAreJournaledOnce() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        let b = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [], change: change())
        #expect(try fixture.store.link(b.id, a.id, change: change("A24")))
        #expect(try fixture.store.link(a.id, b.id, change: change("A24")) == false)  // already linked
        #expect(try fixture.store.identity(id: a.id)?.linkedIDs == [b.id])
        #expect(try fixture.store.identity(id: b.id)?.linkedIDs == [a.id])
        #expect(try fixture.store.identity(id: a.id)?.version == 2)

        #expect(try fixture.store.unlink(a.id, b.id, change: change("A37")))
        #expect(try fixture.store.unlink(a.id, b.id, change: change("A37")) == false)
        #expect(try fixture.store.identity(id: a.id)?.linkedIDs == [])
        let actions = try fixture.store.history(id: b.id).map(\.action)
        #expect(actions == [.created, .linked, .unlinked])
    }

    @Test func badLinksAreRefused() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change())
        #expect(throws: StoreError.selfLink(id: a.id)) { try fixture.store.link(a.id, a.id, change: change()) }
        #expect(throws: StoreError.notFound(id: "V7")) { try fixture.store.link(a.id, "V7", change: change()) }
        #expect(try fixture.store.stats().links == 0)
    }
}
