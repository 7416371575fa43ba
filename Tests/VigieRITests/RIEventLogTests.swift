import Foundation
import Testing
import VigieIdentity
import VigieStore
@testable import VigieRI

/// The outbox written by `RIEventLog.committed`: one row per message the feed sends, in commit order, in the
/// command's transaction, through the share policy.
@Suite("VigieRI outbox")
struct RIEventLogTests {
    private func outbox(_ h: RIHarness) throws -> [OutboxEntry] {
        try h.store.subscribeFeed("test")
        return try h.store.pendingOutbox(subscriber: "test", limit: 1000)
    }

    private func qualified(_ h: RIHarness, _ ipp: String) throws -> RIOutcome {
        let evidence = RIEvidence(document: RIHarness.document, insi: .teleservice(queriedOn: "2026-01-01"))
        return try h.ri.execute(
            .upsert(RIHarness.record(ipp, traits: try RIHarness.traits(), status: .qualified, ins: RIHarness.ins, evidence: evidence)),
            by: RIHarness.cell)
    }

    @Test("Every committed change is in the outbox in commit order; a refused command and a no-op add nothing")
    func changesInCommitOrder() throws {
        let h = try RIHarness()
        let first = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits("MARTIN"))), by: RIHarness.cell)
        var record = RIHarness.record("1", traits: try RIHarness.traits("MARTIN"))
        record.identity.usedName = "DURAND"
        _ = try h.ri.execute(.upsert(record), by: RIHarness.cell)
        _ = try h.ri.execute(.upsert(record), by: RIHarness.cell)  // unchanged: nothing to send
        #expect(throws: RIError.self) { try h.ri.execute(.create(record), by: RIHarness.cell) }  // refused: rolled back
        let second = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits("BERNARD"))), by: RIHarness.cell)
        _ = try h.ri.execute(.link(.id(first.identityID), .id(second.identityID)), by: RIHarness.cell)
        _ = try h.ri.execute(.unlink(.id(first.identityID), .id(second.identityID)), by: RIHarness.cell)
        let entries = try outbox(h)
        #expect(entries.map(\.change.kind) == [.created, .updated, .created, .linked, .unlinked])
        #expect(entries.map(\.sequence) == entries.map(\.sequence).sorted())
        #expect(entries.map(\.change.subject.id) == ["V1", "V1", "V2", "V1", "V1"])
        #expect(entries.allSatisfy { $0.actor == "cell1" })
        guard case .updated(let updated) = entries[1].change else { Issue.record("not an update"); return }
        #expect(updated.identity.usedName == "DURAND")
        #expect(updated.localIDs == [LocalIdentifier(value: "1", domain: "CHU")])
        guard case .linked(_, let other) = entries[3].change else { Issue.record("not a link"); return }
        #expect(other.id == "V2")
    }

    /// RNIV EXI SI 08, PAM FR p.36: the INS leaves the RI only for a QUAL identity — the outbox holds none other.
    @Test("RNIV EXI SI 08: the outbox holds the INS only for a QUAL identity")
    func insOnlyWhenQualified() throws {
        let h = try RIHarness()
        _ = try qualified(h, "1")
        // The same INS with a document but no INSi evidence: not QUAL, so no INS in the outbox.
        let evidence = RIEvidence(document: RIHarness.document)
        var record = RIHarness.record("2", traits: try RIHarness.traits("MARTIN"), status: .validated, ins: RIHarness.ins, evidence: evidence)
        record.refusesUnsupportedClaims = false
        let validated = try h.ri.execute(.upsert(record), by: RIHarness.cell)
        #expect(validated.status != .qualified)
        let entries = try outbox(h)
        #expect(entries.count == 2)
        #expect(entries[0].change.subject.identity.ins == RIHarness.ins)
        #expect(entries[1].change.subject.identity.ins == nil)
        #expect(entries[1].change.subject.identity.insHistory.isEmpty)
    }

    /// PAM FR §4.4.4: the end of a qualification is signalled by an A47 deleting the INS, not by an A31.
    @Test("PAM FR §4.4.4: a demotion from QUAL is an identifier change retiring the shared INS")
    func demotionRetiresTheINS() throws {
        let h = try RIHarness()
        let created = try qualified(h, "1")
        _ = try h.ri.execute(.verify(identityID: created.identityID, result: .refused(reason: "CR 01")), by: RIHarness.cell)
        let entries = try outbox(h)
        #expect(entries.map(\.change.kind) == [.created, .identifiersChanged])
        guard case .identifiersChanged(let identity, let prior) = entries[1].change else { Issue.record("not A47"); return }
        #expect(prior.ins == RIHarness.ins)
        #expect(identity.identity.ins == nil && identity.identity.status == .validated)
    }

    @Test("PAM FR A40/A47: a merge names the merged-away identity; an identifier change the retired IPP")
    func mergeAndIdentifierChange() throws {
        let h = try RIHarness()
        let survivor = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits())), by: RIHarness.cell)
        let away = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits())), by: RIHarness.cell)
        _ = try h.ri.execute(.merge(survivor: .id(survivor.identityID), mergedAway: .id(away.identityID), record: nil), by: RIHarness.cell)
        _ = try h.ri.execute(
            .changeIdentifiers(RIIdentifierChange(
                prior: [LocalIdentifier(value: "1", domain: "CHU")], record: RIHarness.record("9", traits: try RIHarness.traits()))),
            by: RIHarness.cell)
        _ = try h.ri.execute(.unmerge(mergedAway: away.identityID), by: RIHarness.cell)
        let entries = try outbox(h)
        #expect(entries.map(\.change.kind) == [.created, .created, .merged, .identifiersChanged, .unmerged, .updated])
        guard case .merged(let kept, let retired) = entries[2].change else { Issue.record("not A40"); return }
        #expect(kept.id == survivor.identityID)
        #expect(retired == OutboxPrior(id: away.identityID, localIDs: [LocalIdentifier(value: "2", domain: "CHU")]))
        guard case .identifiersChanged(let changed, let prior) = entries[3].change else { Issue.record("not A47"); return }
        #expect(prior.localIDs == [LocalIdentifier(value: "1", domain: "CHU")] && prior.ins == nil)
        #expect(changed.localIDs == [LocalIdentifier(value: "9", domain: "CHU")])
        #expect(entries[4].change.subject.id == away.identityID)
        #expect(entries[5].change.subject.id == survivor.identityID)
    }

    @Test("Review: a homonym decision updates both identities (HOMD), each in the outbox")
    func homonymUpdatesBoth() throws {
        let h = try RIHarness()
        _ = try h.ri.execute(.upsert(RIHarness.record("1", traits: try RIHarness.traits())), by: RIHarness.cell)
        let second = try h.ri.execute(.upsert(RIHarness.record("2", traits: try RIHarness.traits())), by: RIHarness.cell)
        let item = try #require(second.candidates.first?.reviewItem)
        _ = try h.ri.execute(.resolveReview(item: item, decision: .homonym), by: RIHarness.cell)
        let entries = try outbox(h)
        #expect(entries.map(\.change.kind) == [.created, .created, .updated, .updated])
        #expect(entries.suffix(2).allSatisfy { $0.change.subject.identity.attributes.contains(.homonymDetected) })
    }
}
