import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct IdentityStoreTests {
    @Test func createdIdentityIsFoundByIDAndByLocalIdentifier() throws {
        let fixture = try TemporaryStore()
        let zoe = try Samples.adrunZoe()
        let created = try fixture.store.create(zoe, localIDs: [ipp("000001"), ipp("77", "CHU-Y")], change: change("A28"))
        #expect(created.identity == zoe)
        #expect(created.version == 1)
        #expect(created.localIDs == [ipp("000001"), ipp("77", "CHU-Y")])
        #expect(IdentityID.row(created.id) != nil)

        #expect(try fixture.store.identity(id: created.id) == created)
        #expect(try fixture.store.identity(localID: ipp("77", "CHU-Y")) == created)
        #expect(try fixture.store.identity(localID: ipp("77", "CHU-X")) == nil)  // unique per domain, not globally
        #expect(try fixture.store.identity(id: "V999") == nil)
        #expect(try fixture.store.identity(id: "not-an-id") == nil)

        let second = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [], change: change())
        #expect(second.id != created.id)
    }

    @Test func updateReplacesTheIdentityAndJournalsBeforeAndAfter() throws {
        let fixture = try TemporaryStore()
        let provisional = try Samples.adrunZoe()
        let created = try fixture.store.create(provisional, localIDs: [ipp("1")], change: change("A28"))
        let qualified = try Samples.adrunZoe(qualified: true)
        let updated = try fixture.store.update(id: created.id, to: qualified, change: change("A31", second: 10))
        #expect(updated.identity == qualified)
        #expect(updated.version == 2)
        #expect(updated.createdAt == created.createdAt)
        #expect(updated.updatedAt == Date(timeIntervalSince1970: 1_764_000_010))
        #expect(try fixture.store.identity(id: created.id)?.identity.status == .qualified)

        let entry = try #require(try fixture.store.history(id: created.id).last)
        #expect(entry.action == .updated)
        #expect(entry.reason == "A31")
        let before = try JSONDecoder().decode(Identity.self, from: Data(try #require(entry.before).utf8))
        let after = try JSONDecoder().decode(Identity.self, from: Data(try #require(entry.after).utf8))
        #expect(before == provisional)
        #expect(after == qualified)

        // The same identity again is not a change.
        let again = try fixture.store.update(id: created.id, to: qualified, change: change("A31", second: 20))
        #expect(again.version == 2)
        #expect(try fixture.store.history(id: created.id).count == 3)  // created, identifier added, updated
    }

    @Test func updateOfAnUnknownIdentityFails() throws {
        let fixture = try TemporaryStore()
        #expect(throws: StoreError.notFound(id: "V42")) {
            try fixture.store.update(id: "V42", to: try Samples.adrunZoe(), change: change())
        }
    }

    @Test func reopeningTheStoreSeesEverything() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(qualified: true), localIDs: [ipp("1")], change: change())
        let b = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [ipp("2")], change: change())
        let c = try fixture.store.create(try Samples.tchitchiCatarina(), localIDs: [ipp("3")], change: change())
        try fixture.store.link(a.id, b.id, change: change())
        try fixture.store.merge(survivor: a.id, mergedAway: c.id, change: change())
        try fixture.store.enqueueReview(
            ReviewItem(kind: .potentialDuplicate, identityIDs: [a.id, b.id], score: 9, explanation: "birth date equal"),
            change: change())
        _ = try fixture.store.perform(messageID: "MSG-1") { _ in "answer" }
        let stats = try fixture.store.stats()
        let identities = try [a.id, b.id, c.id].map { try fixture.store.identity(id: $0) }
        let histories = try [a.id, b.id].map { try fixture.store.history(id: $0) }

        try fixture.reopen()
        #expect(try fixture.store.stats() == stats)
        #expect(try [a.id, b.id, c.id].map { try fixture.store.identity(id: $0) } == identities)
        #expect(try [a.id, b.id].map { try fixture.store.history(id: $0) } == histories)
        #expect(try fixture.store.identity(localID: ipp("3"))?.id == a.id)
        #expect(try fixture.store.processedAnswer(messageID: "MSG-1", as: String.self) == "answer")
        #expect(stats.activeIdentities == 2 && stats.mergedIdentities == 1 && stats.openReviews == 1)
    }

    @Test func aFailedWriteChangesNothing() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        let before = try fixture.store.stats()
        // The second identifier is taken: neither the identity nor the first identifier may be written.
        #expect(throws: StoreError.localIdentifierTaken(ipp("1"), owner: "V1")) {
            try fixture.store.create(try Samples.nessiNathalie(), localIDs: [ipp("2"), ipp("1")], change: change())
        }
        #expect(try fixture.store.stats() == before)
        #expect(try fixture.store.identity(localID: ipp("2")) == nil)
    }

    @Test func aThrowingMessageBodyRollsBackEveryWriteOfTheMessage() throws {
        struct Rejected: Error {}
        let fixture = try TemporaryStore()
        let before = try fixture.store.stats()
        #expect(throws: Rejected.self) {
            try fixture.store.perform(messageID: "MSG-9") { transaction -> String in
                let created = try transaction.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
                // Reads inside the transaction see its own writes.
                #expect(try transaction.identity(localID: ipp("1"))?.id == created.id)
                throw Rejected()
            }
        }
        #expect(try fixture.store.stats() == before)
        #expect(try fixture.store.identity(localID: ipp("1")) == nil)
        // Not remembered: the same message id runs again.
        let outcome = try fixture.store.perform(messageID: "MSG-9") { _ in "second try" }
        #expect(outcome.isReplay == false && outcome.answer == "second try")
    }

    @Test func aFailedOperationInsideAMessageLeavesTheOthers() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        let outcome = try fixture.store.perform(messageID: "MSG-2") { transaction -> String in
            let created = try transaction.create(try Samples.nessiNathalie(), localIDs: [ipp("2")], change: change())
            do {
                _ = try transaction.addLocalIdentifier(ipp("1"), to: created.id, change: change())
                return "unexpected"
            } catch let error as StoreError {
                return "\(created.id) \(error)"
            }
        }
        #expect(outcome.answer == "V2 local identifier 1^^^CHU-X is already bound to identity V1")
        let stored = try #require(try fixture.store.identity(id: "V2"))
        #expect(stored.localIDs == [ipp("2")])
        #expect(stored.version == 1)
    }

    @Test func aResentMessageGetsTheStoredAnswerAndHasNoSecondEffect() throws {
        let fixture = try TemporaryStore()
        let request = Array("MSH|^~\\&|GAM|CHU-X|...|3975".utf8)
        var runs = 0
        func send() throws -> MessageOutcome<String> {
            try fixture.store.perform(messageID: "GAM|CHU-X|3975", request: request) { transaction in
                runs += 1
                return try transaction.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change()).id
            }
        }
        let first = try send()
        let second = try send()
        #expect(first.isReplay == false)
        #expect(second.isReplay == true)
        #expect(second.answer == first.answer)
        #expect(runs == 1)
        #expect(try fixture.store.stats().activeIdentities == 1)
        #expect(try fixture.store.stats().processedMessages == 1)

        // Same id, another message: the sender reused its control id.
        #expect(throws: StoreError.messageIDReused(messageID: "GAM|CHU-X|3975")) {
            try fixture.store.perform(messageID: "GAM|CHU-X|3975", request: Array("other".utf8)) { _ in "x" }
        }
        // The answer survives a restart.
        try fixture.reopen()
        let third = try send()
        #expect(third.isReplay && third.answer == first.answer && runs == 1)
    }

    @Test func aBatchCommitsItsMessagesTogetherAndRollsBackOnlyTheFailedOne() throws {
        struct Rejected: Error {}
        let fixture = try TemporaryStore()
        _ = try fixture.store.perform(messageID: "M0") { transaction in
            try transaction.create(try Samples.adrunZoe(), localIDs: [ipp("0")], change: change()).id
        }
        let messages = [
            MessageKey(id: "M1", request: Array("one".utf8)),
            MessageKey(id: "M2"),  // fails after a write: only its own write is undone
            MessageKey(id: "M0"),  // processed before: replayed
            MessageKey(id: "M1", request: Array("one".utf8)),  // re-sent inside the batch: replayed
            MessageKey(id: nil),
        ]
        var runs: [Int] = []
        let results = try fixture.store.performBatch(messages) { index, transaction -> String in
            runs.append(index)
            let created = try transaction.create(try Samples.nessiNathalie(), localIDs: [ipp("\(index + 1)")], change: change())
            if index == 1 { throw Rejected() }
            return created.id
        }
        #expect(runs == [0, 1, 4])
        let outcomes = results.map { try? $0.get() }
        #expect(outcomes.map { $0?.answer } == ["V2", nil, "V1", "V2", "V3"])
        #expect(outcomes.map { $0?.isReplay } == [false, nil, true, true, false])
        if case .failure(let error) = results[1] { #expect(error is Rejected) } else { Issue.record("message 2 succeeded") }
        #expect(try fixture.store.identity(localID: ipp("2")) == nil)
        #expect(try fixture.store.identity(localID: ipp("5"))?.id == "V3")
        #expect(try fixture.store.stats().processedMessages == 2)
    }

    @Test func forgottenMessagesRunAgainButTheirChangesStay() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.perform(messageID: "OLD") { transaction in
            try transaction.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change()).id
        }
        #expect(try fixture.store.forgetProcessedMessages(before: Date(timeIntervalSinceNow: -3600)) == 0)
        #expect(try fixture.store.forgetProcessedMessages(before: Date(timeIntervalSinceNow: 60)) == 1)
        #expect(try fixture.store.processedAnswer(messageID: "OLD", as: String.self) == nil)
        #expect(try fixture.store.identity(localID: ipp("1")) != nil)
        #expect(throws: StoreError.localIdentifierTaken(ipp("1"), owner: "V1")) {
            try fixture.store.perform(messageID: "OLD") { transaction in
                try transaction.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change()).id
            }
        }
    }

    @Test func aStoredAnswerOfAnotherTypeIsReportedNotMisread() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.perform(messageID: "M") { _ in "text" }
        #expect(throws: StoreError.storedAnswerUnreadable(messageID: "M")) {
            try fixture.store.perform(messageID: "M") { _ in 42 }
        }
    }

    @Test func anAcknowledgedWriteIsInTheFilesWhileTheWriterIsStillOpen() throws {
        // What a SIGKILL leaves is the files as they are: copy the database and its WAL while the writer is
        // open (no close, no checkpoint), and open the copy, as a restarted worker would.
        let fixture = try TemporaryStore()
        let created = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        _ = try fixture.store.perform(messageID: "MSG-1") { transaction in
            try transaction.update(id: created.id, to: try Samples.adrunZoe(qualified: true), change: change()).version
        }
        #expect(FileManager.default.fileExists(atPath: fixture.path + "-wal"))

        let copy = try snapshot(of: fixture)
        let restarted = try IdentityStore(path: copy)
        defer { restarted.close() }
        #expect(try restarted.identity(localID: ipp("1"))?.identity.status == .qualified)
        #expect(try restarted.processedAnswer(messageID: "MSG-1", as: Int.self) == 2)

        // A second connection of the same process reads it too, without any close.
        let reader = try SQLiteConnection(path: fixture.path, readOnly: true)
        defer { reader.close() }
        let query = try reader.statement("SELECT count(*) FROM identities WHERE status = 'QUAL'", operation: "test")
        #expect(try query.step() && query.int(0) == 1)
        query.reset()
    }

    @Test func aKillInTheMiddleOfAMessageLeavesNothingOfIt() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        var copy = ""
        _ = try fixture.store.perform(messageID: "MSG-2") { transaction in
            _ = try transaction.create(try Samples.nessiNathalie(), localIDs: [ipp("2")], change: change())
            _ = try transaction.create(try Samples.tchitchiCatarina(), localIDs: [ipp("3")], change: change())
            copy = try snapshot(of: fixture)  // the process "dies" here, before the commit
            return "done"
        }
        let restarted = try IdentityStore(path: copy)
        defer { restarted.close() }
        #expect(try restarted.stats().activeIdentities == 1)
        #expect(try restarted.identity(localID: ipp("2")) == nil)
        #expect(try restarted.processedAnswer(messageID: "MSG-2", as: String.self) == nil)
        // And the real store has the whole message.
        #expect(try fixture.store.stats().activeIdentities == 3)
    }

    @Test func aStoreFromANewerVersionIsRefusedUntouched() throws {
        let fixture = try TemporaryStore()
        fixture.store.close()
        let raw = try SQLiteConnection(path: fixture.path, readOnly: false)
        try raw.execute("PRAGMA user_version = 99", operation: "test")
        raw.close()
        #expect(throws: StoreError.newerSchema(found: 99, supported: IdentityStore.currentSchemaVersion)) {
            try IdentityStore(path: fixture.path)
        }
        let check = try SQLiteConnection(path: fixture.path, readOnly: true)
        #expect(try check.integerPragma("user_version") == 99)
        check.close()
    }

    @Test func aForeignSQLiteFileIsRefused() throws {
        let fixture = try TemporaryStore()
        let path = fixture.directory + "/other.sqlite"
        let raw = try SQLiteConnection(path: path, readOnly: false)
        try raw.execute("CREATE TABLE patients (name TEXT)", operation: "test")
        raw.close()
        #expect(throws: StoreError.corrupt(reason: "the file is a SQLite database but not a Vigie store")) {
            try IdentityStore(path: path)
        }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAsCorrupt() throws {
        let fixture = try TemporaryStore()
        let path = fixture.directory + "/notes.txt"
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.corrupt(reason: "the file is not a SQLite database")) {
            try IdentityStore(path: path)
        }
    }

    @Test func twoStoresOnOneFileShareItsData() throws {
        // Two openers (as two processes would): the second finds the schema migrated and sees the first's writes.
        let fixture = try TemporaryStore()
        let other = try IdentityStore(path: fixture.path)
        defer { other.close() }
        let created = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        #expect(try other.identity(localID: ipp("1"))?.id == created.id)
        #expect(throws: StoreError.localIdentifierTaken(ipp("1"), owner: created.id)) {
            try other.create(try Samples.nessiNathalie(), localIDs: [ipp("1")], change: change())
        }
    }

    @Test func aFileThatCannotBeOpenedGivesASQLiteError() throws {
        let fixture = try TemporaryStore()
        #expect {
            try IdentityStore(path: fixture.directory + "/missing/dir/ri.sqlite")
        } throws: { error in
            guard case .sqlite(_, let operation, _) = error as? StoreError else { return false }
            return operation == "open"
        }
    }

    @Test func theStoreIsConfiguredForDurability() throws {
        let fixture = try TemporaryStore()
        let raw = try SQLiteConnection(path: fixture.path, readOnly: true)
        defer { raw.close() }
        #expect(try raw.textPragma("PRAGMA journal_mode") == "wal")
        #expect(try fixture.store.schemaVersion == IdentityStore.currentSchemaVersion)
    }

    @Test func aClosedStoreRefusesEveryCall() throws {
        let fixture = try TemporaryStore()
        fixture.store.close()
        #expect(throws: StoreError.closed) { try fixture.store.identity(id: "V1") }
        #expect(throws: StoreError.closed) { try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change()) }
    }

    @Test func concurrentWritersAndReadersSeeConsistentCounts() throws {
        let fixture = try TemporaryStore()
        let store = fixture.store
        let identity = try Samples.adrunZoe()
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for n in 0..<10 {
                do {
                    _ = try store.create(identity, localIDs: [ipp("\(worker)-\(n)")], change: change())
                    _ = try store.stats()
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(try store.stats().activeIdentities == 40)
        #expect(try store.stats().localIdentifiers == 40)
    }

    @Test func anEmptyActorIsRefused() throws {
        let fixture = try TemporaryStore()
        #expect(throws: StoreError.invalidChange(field: "actor", reason: "is empty")) {
            try fixture.store.create(try Samples.adrunZoe(), localIDs: [], change: change(actor: ""))
        }
    }

    /// Copies the database and its WAL (not the shared-memory index, which a new process rebuilds) into a new
    /// directory, as the files would be after the process was killed.
    private func snapshot(of fixture: TemporaryStore) throws -> String {
        let directory = fixture.directory + "/snapshot-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let target = directory + "/ri.sqlite"
        try FileManager.default.copyItem(atPath: fixture.path, toPath: target)
        if FileManager.default.fileExists(atPath: fixture.path + "-wal") {
            try FileManager.default.copyItem(atPath: fixture.path + "-wal", toPath: target + "-wal")
        }
        return target
    }
}
