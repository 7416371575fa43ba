import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

/// The store's share of the defects found under attack (issue #18 §7.1, §7.7, §7.9).
@Suite struct StoreAttackTests {
    /// §7.1: `sqlite3_bind_text(…, -1, …)` stopped at the NUL, so a lookup of `777\0nobody` found IPP `777`.
    /// Lookups are now validated like writes: the same typed error, and no other patient.
    @Test func aLocalIdentifierWithANULIsRefusedAtLookupsAsAtWrites() throws {
        let fixture = try TemporaryStore()
        let patient = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("777")], change: change())
        let forged = ipp("777\u{0}nobody")
        let refused = StoreError.invalidLocalIdentifier(field: "value", reason: "contains a control character at character 4")
        #expect(throws: refused) { try fixture.store.identity(localID: forged) }
        #expect(throws: refused) { try fixture.store.removeLocalIdentifier(forged, change: change()) }
        #expect(throws: refused) { try fixture.store.addLocalIdentifier(forged, to: patient.id, change: change()) }
        #expect(throws: refused) { try fixture.store.create(try Samples.nessiNathalie(), localIDs: [forged], change: change()) }
        #expect(throws: StoreError.invalidLocalIdentifier(field: "domain", reason: "contains a control character at character 6")) {
            try fixture.store.identity(localID: ipp("777", "CHU-X\u{0}"))
        }
        #expect(try fixture.store.identity(id: patient.id) == patient)
    }

    /// §7.1: text is bound with its byte length, so a NUL inside a bound value is kept, not a terminator: a
    /// message id `M1\0x` is not the processed message `M1`.
    @Test func boundTextKeepsItsBytesAfterANUL() throws {
        let fixture = try TemporaryStore()
        _ = try fixture.store.perform(messageID: "M1") { _ in "first" }
        #expect(try fixture.store.processedAnswer(messageID: "M1", as: String.self) == "first")
        #expect(try fixture.store.processedAnswer(messageID: "M1\u{0}x", as: String.self) == nil)
        let outcome = try fixture.store.perform(messageID: "M1\u{0}x") { _ in "second" }
        #expect(outcome.isReplay == false)
        #expect(try fixture.store.processedAnswer(messageID: "M1\u{0}x", as: String.self) == "second")
        #expect(try fixture.store.processedAnswer(messageID: "M1", as: String.self) == "first")
    }

    /// §7.7: one identity holds at most `LocalIdentifier.maximumPerIdentity` local identifiers, at creation
    /// and when identifiers are added one by one.
    @Test func oneIdentityHoldsAtMostAHundredLocalIdentifiers() throws {
        let fixture = try TemporaryStore()
        let limit = LocalIdentifier.maximumPerIdentity
        #expect(throws: StoreError.tooManyLocalIdentifiers) {
            try fixture.store.create(try Samples.adrunZoe(), localIDs: (0...limit).map { ipp("\($0)") }, change: change())
        }
        #expect(try fixture.store.stats().activeIdentities == 0)
        let full = try fixture.store.create(try Samples.adrunZoe(), localIDs: (1...limit).map { ipp("\($0)") }, change: change())
        #expect(full.localIDs.count == limit)
        #expect(throws: StoreError.tooManyLocalIdentifiers) {
            try fixture.store.addLocalIdentifier(ipp("one-more"), to: full.id, change: change())
        }
        #expect(try fixture.store.identity(localID: ipp("one-more")) == nil)
    }

    /// §7.9: a 0-byte file given as the store silently became a new store. It is refused, left as it was.
    @Test func anEmptyFileIsNotAStore() throws {
        let directory = NSTemporaryDirectory() + "vigie-store-empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/ri.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: StoreError.emptyFile) { try IdentityStore(path: path) }
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
        #expect(size?.intValue == 0)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        // A path that does not exist still creates a store.
        let created = try IdentityStore(path: directory + "/new.sqlite")
        #expect(try created.stats().activeIdentities == 0)
        created.close()
    }

    /// §7.9: a store failure is retryable (senders are told AR), a content error is not.
    @Test func storeFailuresAreRetryableAndContentErrorsAreNot() {
        #expect(StoreError.sqlite(code: 13, operation: "commit", message: "database or disk is full").isRetryable)
        #expect(StoreError.closed.isRetryable)
        #expect(!StoreError.tooManyLocalIdentifiers.isRetryable)
        #expect(!StoreError.notFound(id: "V1").isRetryable)
        #expect(!StoreError.emptyFile.isRetryable)
    }
}
