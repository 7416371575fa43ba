import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreTransactionLocalIdentifiersTests {
    @Test func anIdentifierChangeReplacesTheOldOneInOneMessage() throws {
        // A47: obsolete identifier in MRG-1, new one in PID-3 (PAM FR §4.4.3).
        let fixture = try TemporaryStore()
        let created = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("OLD")], change: change())
        let outcome = try fixture.store.perform(messageID: "A47-1") { transaction in
            _ = try transaction.removeLocalIdentifier(ipp("OLD"), change: change("A47"))
            return try transaction.addLocalIdentifier(ipp("NEW"), to: created.id, change: change("A47")).version
        }
        #expect(outcome.answer == 3)
        #expect(try fixture.store.identity(localID: ipp("NEW"))?.id == created.id)
        #expect(try fixture.store.identity(localID: ipp("OLD")) == nil)
        let entries = try fixture.store.history(id: created.id)
        #expect(entries.suffix(2).map(\.action) == [.localIdentifierRemoved, .localIdentifierAdded])
    }

    @Test func anIdentifierBelongsToOneIdentityPerDomain() throws {
        let fixture = try TemporaryStore()
        let a = try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1")], change: change())
        let b = try fixture.store.create(try Samples.nessiNathalie(), localIDs: [ipp("1", "CHU-Y")], change: change())
        #expect(throws: StoreError.localIdentifierTaken(ipp("1"), owner: a.id)) {
            try fixture.store.addLocalIdentifier(ipp("1"), to: b.id, change: change())
        }
        // Binding what the identity already holds is not a change.
        #expect(try fixture.store.addLocalIdentifier(ipp("1"), to: a.id, change: change()).version == 1)
        #expect(throws: StoreError.localIdentifierNotFound(ipp("2"))) {
            try fixture.store.removeLocalIdentifier(ipp("2"), change: change())
        }
    }

    @Test func malformedIdentifiersAreRefusedWithTheirField() throws {
        let fixture = try TemporaryStore()
        let cases: [(LocalIdentifier, StoreError)] = [
            (ipp(""), .invalidLocalIdentifier(field: "value", reason: "is empty")),
            (ipp("1", ""), .invalidLocalIdentifier(field: "domain", reason: "is empty")),
            (ipp("1\r2"), .invalidLocalIdentifier(field: "value", reason: "contains a control character at character 2")),
            (ipp(String(repeating: "9", count: 257)),
             .invalidLocalIdentifier(field: "value", reason: "is longer than 256 bytes")),
            // PAM FR PID-3 INS domain: the INS is not a local identifier.
            (LocalIdentifier(value: "275126322074974", domain: "ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO"),
             .invalidLocalIdentifier(field: "domain", reason: "is an INS or NIR authority: the INS belongs in Identity.ins")),
        ]
        for (local, expected) in cases {
            #expect(throws: expected) {
                try fixture.store.create(try Samples.adrunZoe(), localIDs: [local], change: change())
            }
        }
        #expect(throws: StoreError.invalidLocalIdentifier(field: "value", reason: "1^^^CHU-X is listed twice")) {
            try fixture.store.create(try Samples.adrunZoe(), localIDs: [ipp("1"), ipp("1")], change: change())
        }
        #expect(try fixture.store.stats().activeIdentities == 0)
    }
}
