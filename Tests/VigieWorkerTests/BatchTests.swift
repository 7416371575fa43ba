import Foundation
import Testing
import VigieHL7
import VigieIdentity
import VigieMatch
import VigieStore
@testable import VigieWorker

/// Group commit: several lines through `handle(lines:)`, their writes in one transaction.
@Suite struct BatchTests {
    static func a40(control: String, survivor: String, mergedAway: String) -> String {
        [PAM.msh("A40", "ADT_A39", control: control), "EVN||20260101120000",
         PAM.pid(ipp: survivor, name: "LEFEBVRE", first: "CATHERINE", birth: "19650412"),
         "MRG|\(mergedAway)^^^CHU-X&000897406&N^PI"].joined(separator: "\r")
    }

    @Test func messagesOfABatchSeeTheEarlierOnes() throws {
        let harness = try WorkerHarness()
        let lines = [
            PAM.a28(control: "1", PAM.pid(ipp: "100", name: "LEFEBVRE", first: "CATHERINE", birth: "19650412")),
            // The same patient again: must find the first, created in the same (uncommitted) batch.
            PAM.a28(control: "2", PAM.pid(ipp: "200", name: "LEFEBRE", first: "CATHERINE", birth: "19650412")),
            // A query in the middle sees both (the writes before it are committed first).
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.5.1.1^LEFEBVRE~@PID.5.2^CATHERINE~@PID.7.1^19650412\rRCP|I|10^RD",
            // The merge refers to both.
            Self.a40(control: "3", survivor: "100", mergedAway: "200"),
        ]
        let answers = try harness.worker.handle(lines: lines.map { Array($0.utf8) }).map { try HL7Message(parsing: $0) }
        #expect(answers.count == lines.count)
        #expect(answers.map(\.ackCode) == ["AA", "AA", "AA", "AA"])
        #expect(answers[0].zvg.map { [$0[1].value, $0[3].value] } == ["V1", "created"])
        #expect(answers[1].zvg?[1].value == "V2")
        #expect(answers[1].zvg?[5].repetitions.first?[1] == "V1", "the second A28 finds the first of the batch")
        #expect(answers[2].segments("PID").map { $0[2].value }.sorted() == ["V1", "V2"])
        #expect(answers[3].zvg.map { [$0[1].value, $0[3].value] } == ["V1", "merged"])
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "200", domain: "000897406"))?.id == "V1")
        #expect(try harness.store.reviewQueue(status: nil).count == 1)
        #expect(harness.worker.indexedIdentities == 1)
        // Two write groups (before and after the query), one of them with two messages.
        #expect(harness.logs.lines.filter { $0.contains("batch committed") }.count == 1)
    }

    @Test func aRefusedMessageChangesNothingAndUndoesNoOther() throws {
        let harness = try WorkerHarness()
        let lines = [
            PAM.a28(control: "1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101")),
            // An impossible birth date: AE, nothing of it kept.
            PAM.a28(control: "2", PAM.pid(ipp: "300", name: "DURAND", first: "PAUL", birth: "19801301", sex: "M")),
            // A merge of unknown patients: AE.
            Self.a40(control: "3", survivor: "400", mergedAway: "999"),
            PAM.a28(control: "4", PAM.pid(ipp: "500", name: "BERNARD", first: "LUC", birth: "19700202", sex: "M")),
        ]
        let before = try harness.store.stats()
        let answers = try harness.worker.handle(lines: lines.map { Array($0.utf8) }).map { try HL7Message(parsing: $0) }
        #expect(answers.map(\.ackCode) == ["AA", "AE", "AE", "AA"])
        let stats = try harness.store.stats()
        #expect(stats.activeIdentities == before.activeIdentities + 2)
        #expect(stats.processedMessages == before.processedMessages + 2, "refused messages are not remembered")
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "300", domain: "000897406")) == nil)
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "400", domain: "000897406")) == nil)
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "500", domain: "000897406")) != nil)
        #expect(harness.worker.indexedIdentities == 2, "the live index holds only what was committed")
        // Every creation is whole: its identifier and its journal entry.
        var identities: [StoredIdentity] = []
        try harness.store.forEachIdentity { identities.append($0) }
        #expect(identities.count == 2)
        for stored in identities {
            #expect(stored.localIDs.count == 1)
            #expect(try harness.store.history(id: stored.id).contains { $0.action == .created })
        }
    }

    @Test func aMessageRepeatedInTheBatchIsReplayed() throws {
        let harness = try WorkerHarness()
        let line = PAM.a28(control: "1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101"))
        let answers = harness.worker.handle(lines: [line, line].map { Array($0.utf8) })
        #expect(answers[0] == answers[1])
        #expect(try harness.store.stats().activeIdentities == 1)
        #expect(harness.logs.lines.contains { $0.contains("replayed") })
    }
}
