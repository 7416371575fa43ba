import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct MigratorTests {
    /// Builds a store as version 1 wrote it, from `Fixtures/store-v1.sql` (the released v1 schema, with data
    /// encoded by that version: see the script's header).
    private func versionOneStore() throws -> TemporaryStore {
        let fixture = try TemporaryStore()
        fixture.store.close()
        try FileManager.default.removeItem(atPath: fixture.path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.path + suffix) }
        let script = try String(
            contentsOfFile: try #require(Bundle.module.path(forResource: "store-v1", ofType: "sql", inDirectory: "Fixtures")),
            encoding: .utf8)
        let raw = try SQLiteConnection(path: fixture.path, readOnly: false)
        try raw.execute(script, operation: "build v1 fixture")
        #expect(try raw.integerPragma("user_version") == 1)
        raw.close()
        return fixture
    }

    @Test func aVersionOneStoreOpensMigratedWithNothingLost() throws {
        let fixture = try versionOneStore()
        try fixture.reopen()
        let store = fixture.store
        #expect(try store.schemaVersion == IdentityStore.currentSchemaVersion)

        let zoe = try #require(try store.identity(id: "V1"))
        #expect(zoe.identity == (try Samples.adrunZoe(qualified: true)))
        #expect(zoe.localIDs == [ipp("000001"), ipp("A1", "CHU-Y")])
        #expect(zoe.formerLocalIDs == [ipp("000003")])
        #expect(zoe.mergedIDs == ["V3"])
        #expect(zoe.linkedIDs == ["V2"])
        #expect(zoe.version == 4)
        #expect(zoe.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try store.identity(id: "V2")?.identity == (try Samples.nessiNathalie()))
        #expect(try store.identity(id: "V3")?.id == "V1")
        #expect(try store.identity(localID: ipp("000003"))?.id == "V1")

        // Step 2 filled the matching columns from the JSON.
        var records: [RawRecord] = []
        try store.forEachMatchingRecord { records.append($0) }
        #expect(records == [
            RawRecord(
                id: "V1", birthName: "ADRUN", firstNames: "ZOE", sex: "F", birthDate: "1975-12-31", birthPlace: "63220",
                ins: "275126322074974"),
            RawRecord(id: "V2", birthName: "NESSI", firstNames: "NATHALIE", sex: "F", birthDate: "1977-07-14", birthPlace: "63220"),
        ])
        #expect(try store.identities(insMatricule: "275126322074974").map(\.id) == ["V1"])

        let history = try store.history(id: "V1")
        #expect(history.map(\.action) == [
            .created, .localIdentifierAdded, .localIdentifierAdded,  // V1
            .created, .localIdentifierAdded,  // V3, merged into V1 later
            .updated, .linked, .merged, .reviewOpened,
        ])
        #expect(history.map(\.identityID) == ["V1", "V1", "V1", "V3", "V3", "V1", "V1", "V1", "V1"])
        #expect(history.first?.actor == "GAM@CHU-X")
        #expect(try store.reviewQueue().map(\.identityIDs) == [["V1", "V2"]])

        // A message processed by version 1 is still answered from the store.
        let replay = try store.perform(messageID: "GAM|CHU-X|3975", request: Array("anything".utf8)) { _ in "rerun" }
        #expect(replay.isReplay && replay.answer == "V1")

        // And the migrated store takes new writes.
        let created = try store.create(try Samples.tchitchiCatarina(), localIDs: [ipp("000004")], change: change())
        #expect(created.id == "V4")
        #expect(try store.stats() == StoreStats(
            schemaVersion: Schema.currentVersion, activeIdentities: 3, mergedIdentities: 1, identitiesByStatus: ["QUAL": 1, "PROV": 2],
            localIdentifiers: 5, links: 1, openReviews: 1, journalEntries: 13, processedMessages: 1))
    }

    @Test func migratingTwiceIsHarmlessAndTheJournalStaysAppendOnly() throws {
        let fixture = try versionOneStore()
        try fixture.reopen()
        try fixture.reopen()
        #expect(try fixture.store.schemaVersion == Schema.currentVersion)
        let raw = try SQLiteConnection(path: fixture.path, readOnly: false)
        defer { raw.close() }
        #expect(throws: StoreError.sqlite(code: 1811, operation: "test", message: "the journal is append-only")) {
            try raw.execute("DELETE FROM journal", operation: "test")
        }
    }

    @Test func aNewStoreRunsEveryStep() throws {
        let fixture = try TemporaryStore()
        let raw = try SQLiteConnection(path: fixture.path, readOnly: true)
        defer { raw.close() }
        #expect(try raw.integerPragma("user_version") == Schema.currentVersion)
        #expect(try raw.integerPragma("application_id") == Int(Schema.applicationID))
    }

    /// Step 4 (the outbound feed): a migrated store has an empty outbox and no subscriber, so that a subscriber
    /// registered after the migration receives only changes committed after it; the outbox is append-only.
    @Test func versionFourAddsAnEmptyAppendOnlyOutbox() throws {
        let fixture = try versionOneStore()
        try fixture.reopen()
        let store = fixture.store
        #expect(try store.schemaVersion >= 4)
        #expect(try store.outboxHead() == 0)
        #expect(try store.feedLags().isEmpty)
        try store.subscribeFeed("dpi")
        #expect(try store.pendingOutbox(subscriber: "dpi").isEmpty)
        let zoe = try #require(try store.identity(id: "V1"))
        try store.writeTransaction { transaction throws(StoreError) in
            try transaction.appendOutbox(.updated(ListedIdentity(id: zoe.id, identity: zoe.identity, localIDs: zoe.localIDs)), change: change())
        }
        let raw = try SQLiteConnection(path: fixture.path, readOnly: false)
        defer { raw.close() }
        #expect(throws: StoreError.sqlite(code: 1811, operation: "test", message: "the outbox is append-only")) {
            try raw.execute("UPDATE outbox SET kind = 'created'", operation: "test")
        }
    }

    /// Step 5: `listed` is filled for the rows already there, with what `json_extract` gives from their JSON,
    /// and kept up to date by every create and update; the listed identities read from it are those a full read
    /// gives.
    @Test func versionFiveKeepsTheListedValuesOfEveryRow() throws {
        let fixture = try versionOneStore()
        try fixture.reopen()
        let store = fixture.store
        #expect(try store.schemaVersion == 5)
        var zoe = try #require(try store.identity(id: "V1"))
        zoe.identity.usedName = "DUPONT"
        _ = try store.update(id: zoe.id, to: zoe.identity, change: change())
        _ = try store.create(try Samples.nessiNathalie(qualified: true), localIDs: [], change: change())

        let raw = try SQLiteConnection(path: fixture.path, readOnly: true)
        defer { raw.close() }
        let rows = try raw.statement(
            "SELECT id, listed IS NULL, listed IS \(StoreTransaction.listedExtract("identity")) FROM identities",
            operation: "test")
        var checked = 0
        while try rows.step() {
            #expect(rows.int(1) == 0, "row \(rows.int(0)) has no listed values")
            #expect(rows.int(2) == 1, "row \(rows.int(0)): listed differs from its JSON")
            checked += 1
        }
        rows.reset()
        #expect(checked >= 3)
        let listed = try store.listedIdentities(ids: ["V1"])
        #expect(listed.first?.identity.usedName == "DUPONT")
        #expect(listed.first?.identity.traits == zoe.identity.traits)
    }
}
