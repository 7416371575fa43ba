import Foundation
import Testing
import VigieHL7
import VigieIdentity
import VigieStore
@testable import VigieWorker

/// The defects found under attack (issue #18 §7), each reproduced end to end through the worker's line protocol.
/// Each test failed before its fix; the comment says how.
@Suite struct AttackTests {
    static let unrelated = PAM.pid(ipp: "777", name: "MARTIN", first: "ALICE", birth: "19800101")

    /// §7.1: `777\X00\nobody` was bound as `777` (SQLite stopped at the NUL): the A40 merged the unrelated patient.
    @Test func anIPPWithANULNeverResolvesToAnotherPatient() throws {
        let harness = try WorkerHarness()
        #expect(try harness.hl7(PAM.a28(control: "1", Self.unrelated)).ackCode == "AA")
        #expect(try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "100", name: "DURAND", first: "PAUL", birth: "19700101", sex: "M"))).ackCode == "AA")
        let before = try #require(try harness.store.identity(id: "V1"))

        // A40 whose MRG-1 is `777\X00\nobody`: refused (AE, MRG-1), nothing merged.
        let a40 = [PAM.msh("A40", "ADT_A39", control: "3"), "EVN||20260101120000",
                   PAM.pid(ipp: "100", name: "DURAND", first: "PAUL", birth: "19700101", sex: "M"),
                   "MRG|777\\X00\\nobody^^^CHU-X&000897406&N^PI"].joined(separator: "\r")
        let merged = try harness.hl7(a40)
        #expect(merged.ackCode == "AE")
        #expect(merged.errors.first?[2][1] == "MRG")
        #expect(merged.errors.first?[3][1] == "102")
        #expect(try harness.store.stats().mergedIdentities == 0)

        // A47 with `777\X00\junk` in MRG-1: refused, the patient's traits unchanged.
        let a47 = [PAM.msh("A47", "ADT_A30", control: "4"), "EVN||20260101120000",
                   PAM.pid(ipp: "150", name: "OTHER", first: "JUNK", birth: "19990101"),
                   "MRG|777\\X00\\junk^^^CHU-X&000897406&N^PI"].joined(separator: "\r")
        #expect(try harness.hl7(a47).ackCode == "AE")
        #expect(try harness.store.identity(id: "V1") == before)

        // PID-3 of an A28 with the NUL: refused at PID-3.
        let a28 = try harness.hl7(PAM.a28(control: "5", PAM.pid(ipp: "777\\X00\\x", name: "MARTIN", first: "ALICE", birth: "19800101")))
        #expect(a28.ackCode == "AE")
        #expect(a28.errors.first?[2][1] == "PID")

        // Q22 by identifier: AE, not the patient 777.
        let q22 = try harness.hl7(
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.3.1^777\\X00\\nobody~@PID.3.4.2^000897406")
        #expect(q22.ackCode == "AE")
        #expect(q22.segments("PID").isEmpty)

        // JSON get by local id: an error, not the patient 777.
        let got = try harness.json(#"{"id":"g1","op":"get","local_id":{"value":"777\u0000nobody","domain":"000897406"}}"#)
        #expect(got["error"] != nil)
        #expect(got["identity"] == nil)
        #expect(try harness.store.identity(id: "V1") == before)
    }

    /// §7.2: `\.sp1000\` in a short line decoded to megabytes (55 s, 653 MB), even in MSH-10.
    @Test func formattingEscapesAreBounded() throws {
        let harness = try WorkerHarness()
        let expanding = String(repeating: "\\.sp1000\\", count: 2_000)  // 18 KB on the wire, 2 MB decoded
        let name = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "1", name: "A" + expanding, first: "B", birth: "19800101")))
        #expect(name.ackCode == "AE")
        #expect(name.errors.first?[3][1] == "102")
        let inMSH10 = try harness.hl7(PAM.a28(control: "C\\.sp1000\\", PAM.pid(ipp: "1", name: "A", first: "B", birth: "19800101")))
        #expect(inMSH10.ackCode == "AR")
        #expect(try harness.store.stats().activeIdentities == 0)
    }

    /// §7.6: Q22 with PID-7 `19791332` was answered AA while A28 refused the same date.
    @Test func q22RefusesTheDatesA28Refuses() throws {
        let harness = try WorkerHarness()
        let a28 = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "1", name: "MARTIN", first: "ALICE", birth: "19791332")))
        #expect(a28.ackCode == "AE")
        let q22 = try harness.hl7(
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.5.1.1^MARTIN~@PID.7.1^19791332")
        #expect(q22.ackCode == "AE")
        #expect(q22.errors.first?[3][1] == "102")
    }

    /// §7.7: one message bound 30 000 IPPs to one identity; a JSON upsert with 1.8 M local_ids ran for minutes.
    @Test func oneMessageBindsAtMostAHundredIdentifiers() throws {
        let harness = try WorkerHarness()
        var pid = PAM.pid(ipp: "1", name: "MARTIN", first: "ALICE", birth: "19800101")
        let many = (2...101).map { "\($0)^^^CHU-X&000897406&N^PI" }.joined(separator: "~")
        pid = pid.replacingOccurrences(of: "1^^^CHU-X&000897406&N^PI", with: "1^^^CHU-X&000897406&N^PI~" + many)
        let answer = try harness.hl7(PAM.a28(control: "1", pid))
        #expect(answer.ackCode == "AE")
        #expect(try harness.store.stats().activeIdentities == 0)

        let ids = (1...101).map { #"{"value":"\#($0)","domain":"CHU-X"}"# }.joined(separator: ",")
        let json = try harness.json(
            #"{"id":"u1","op":"upsert","record":{"local_ids":[\#(ids)],"birth_name":"MARTIN","first_names":"ALICE","sex":"F","birth_date":"1980-01-01"}}"#)
        let error = try #require(json["error"] as? [String: Any])
        #expect(error["field"] as? String == "record.local_ids")
        #expect(try harness.store.stats().activeIdentities == 0)
    }

    /// §7.8: MSH-10 (through `\X0A\`) and JSON identity_id reached the log raw (LF, NUL, ESC): forged lines.
    @Test func outsideIdentifiersCannotForgeLogLines() throws {
        let harness = try WorkerHarness()
        _ = harness.send(PAM.a28(control: "1\\X0A\\2026 notice forged", PAM.pid(ipp: "1", name: "MARTIN", first: "ALICE", birth: "19800101")))
        _ = harness.send(#"{"id":"x\u000a\u001b[31mforged","op":"get","identity_id":"V1\u000aforged\u0000"}"#)
        #expect(!harness.logs.lines.isEmpty)
        for line in harness.logs.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" }, "\(line.debugDescription)")
        }
    }
}
