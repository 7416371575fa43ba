import Foundation
import Testing
import VigieHL7
import VigieIdentity
import VigieStore
@testable import VigieWorker

@Suite struct HL7HandlerTests {
    // MARK: The ANS messages

    @Test func ansMessagesAreAcknowledgedAndTheirIdentityIsStored() throws {
        let harness = try WorkerHarness()
        for fixture in ANSFixture.allCases {
            let answer = try harness.hl7(fixture.wireText)
            #expect(answer.ackCode == "AA", "\(fixture.rawValue): \(answer.encoded())")
            #expect(answer.first("MSA")?[2].value == (fixture == .discharge ? "3995" : "3975"))
            #expect(answer.header[9].first.components.map(\.value) == ["ACK", fixture == .discharge ? "A03" : "A01", "ACK"])
            #expect(answer.zvg?[1].value == "V1")
        }
        let stored = try #require(try harness.store.identity(localID: LocalIdentifier(value: "000003", domain: "000897406")))
        #expect(stored.identity.ins == INS(matricule: try Matricule("279035121518989"), authority: .test))
        #expect(stored.identity.status == .qualified)  // PID-32 VALI with the INS
        #expect(stored.identity.traits.birthPlace == (try BirthPlace("63220")))
        #expect(stored.identity.traits.birthName == "PAT-TROIS")
        #expect(try harness.store.stats().activeIdentities == 1)
        // The answers' logs hold control ids and RI ids, not the patient's traits.
        let logs = harness.logs.lines.joined(separator: "\n")
        #expect(logs.contains("3975"))
        for trait in ["PAT-TROIS", "DOMINIQUE", "279035121518989", "19790328", "63220"] { #expect(!logs.contains(trait)) }
    }

    // MARK: Every message type

    @Test func a28CreatesAndA31Updates() throws {
        let harness = try WorkerHarness()
        let created = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101", place: "75056")))
        #expect(created.ackCode == "AA")
        #expect(created.zvg.map { [$0[1].value, $0[2].value, $0[3].value, $0[4].value] } == ["V1", "PROV", "created", "non-match"])
        let updated = try harness.hl7(PAM.a31(control: "2", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800102", place: "75056", status: "VALI")))
        #expect(updated.zvg.map { [$0[1].value, $0[2].value, $0[3].value] } == ["V1", "VALI", "updated"])
        let stored = try #require(try harness.store.identity(id: "V1"))
        #expect(stored.identity.traits.birthDate.iso == "1980-01-02")
        #expect(stored.identity.status == .validated)
        // An A31 for an unknown patient creates it (the RI mirrors its sources).
        let other = try harness.hl7(PAM.a31(control: "3", PAM.pid(ipp: "101", name: "DURAND", first: "PAUL", birth: "19700101", sex: "M")))
        #expect(other.zvg?[3].value == "created")
    }

    @Test func duplicateIsDetectedQueuedAndNeverMerged() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "LEFEBVRE", first: "CATHERINE", birth: "19650412", place: "59350")))
        // Same person registered again under another IPP, with a typo in the birth name.
        let second = try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "200", name: "LEFEBRE", first: "CATHERINE", birth: "19650412", place: "59350")))
        #expect(second.ackCode == "AA")
        let zvg = try #require(second.zvg)
        #expect(zvg[1].value == "V2")
        #expect(zvg[3].value == "created")
        #expect(["review", "match"].contains(zvg[4].value))
        let candidate = try #require(zvg[5].repetitions.first)
        #expect(candidate[1] == "V1")
        #expect(Double(candidate[2]) ?? 0 > 0)
        #expect(candidate[4] == "duplicate")
        let queue = try harness.store.reviewQueue()
        #expect(queue.map(\.identityIDs) == [["V1", "V2"]])
        #expect(queue.first?.kind == .potentialDuplicate)
        #expect(try harness.store.stats().activeIdentities == 2)  // no automatic merge
        #expect(!(queue.first?.explanation.contains("LEFEB") ?? true))
    }

    @Test func sameINSWithIncoherentTraitsIsAPotentialCollision() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", place: "63220", ins: "279035121518989", status: "VALI")))
        let other = try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "300", name: "BERNARD", first: "LUC", birth: "20010615", sex: "M", place: "13055", ins: "279035121518989", status: "VALI")))
        #expect(other.ackCode == "AA")
        #expect(other.zvg?[4].value == "collision")
        #expect(other.zvg?[5].first[4] == "collision")
        let queue = try harness.store.reviewQueue()
        #expect(queue.contains { $0.kind == .potentialCollision && $0.identityIDs == ["V1", "V2"] })
    }

    @Test func a40MergesAndIsIdempotentUnderANewControlID() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "LEFEBVRE", first: "CATHERINE", birth: "19650412")))
        _ = try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "200", name: "LEFEBRE", first: "CATHERINE", birth: "19650412")))
        let a40 = { (control: String) in
            [PAM.msh("A40", "ADT_A39", control: control), "EVN||20260101120000",
             PAM.pid(ipp: "100", name: "LEFEBVRE", first: "CATHERINE", birth: "19650412"),
             "MRG|200^^^CHU-X&000897406&N^PI"].joined(separator: "\r")
        }
        let merged = try harness.hl7(a40("3"))
        #expect(merged.ackCode == "AA")
        #expect(merged.zvg.map { [$0[1].value, $0[3].value] } == ["V1", "merged"])
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "200", domain: "000897406"))?.id == "V1")
        #expect(try harness.store.stats().mergedIdentities == 1)
        // The merged-away identity left the live index: a query no longer offers it.
        #expect(harness.worker.indexedIdentities == 1)
        let again = try harness.hl7(a40("4"))
        #expect(again.ackCode == "AA")
        #expect(again.zvg?[3].value == "already-done")
        // Unknown merged-away patient: AE naming MRG-1, nothing changes.
        let unknown = try harness.hl7(a40("5").replacingOccurrences(of: "MRG|200", with: "MRG|999"))
        #expect(unknown.ackCode == "AE")
        #expect(unknown.errors.first?[2].first.components.map(\.value) == ["MRG", "1", "1", "", "", ""])
        #expect(unknown.errors.first?[3][1] == "204")
    }

    @Test func a47ChangesTheIPPAndDeletesTheINS() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", ins: "279035121518989", status: "VALI")))
        let change = [PAM.msh("A47", "ADT_A30", control: "2"), "EVN||20260101120000",
                      PAM.pid(ipp: "150", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", ins: "279035121518989", status: "VALI"),
                      "MRG|100^^^CHU-X&000897406&N^PI"].joined(separator: "\r")
        let changed = try harness.hl7(change)
        #expect(changed.ackCode == "AA")
        #expect(changed.zvg?[3].value == "identifiers-changed")
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "150", domain: "000897406"))?.id == "V1")
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "100", domain: "000897406")) == nil)
        // INS deletion (PAM FR §4.4.3): "" with the INS authority in PID-3, the old INS in MRG-1.
        var pid = PAM.pid(ipp: "150", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", status: "PROV")
        pid = pid.replacingOccurrences(of: "^PI|", with: "^PI~\"\"^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS|")
        let deletion = [PAM.msh("A47", "ADT_A30", control: "3"), "EVN||20260101120000", pid,
                        "MRG|279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS"].joined(separator: "\r")
        let deleted = try harness.hl7(deletion)
        #expect(deleted.ackCode == "AA")
        let stored = try #require(try harness.store.identity(id: "V1"))
        #expect(stored.identity.ins == nil)
        #expect(stored.identity.status == .provisional)
    }

    @Test func a24LinksAndA37Unlinks() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101")))
        _ = try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "200", name: "DURAND", first: "PAUL", birth: "19700101", sex: "M")))
        func message(_ event: String, _ control: String) -> String {
            [PAM.msh(event, "ADT_A24", control: control), "EVN||20260101120000",
             PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101"),
             PAM.pid(ipp: "200", name: "DURAND", first: "PAUL", birth: "19700101", sex: "M", setID: 2)].joined(separator: "\r")
        }
        let linked = try harness.hl7(message("A24", "3"))
        #expect(linked.zvg?[3].value == "linked")
        #expect(try harness.store.identity(id: "V1")?.linkedIDs == ["V2"])
        let unlinked = try harness.hl7(message("A37", "4"))
        #expect(unlinked.zvg?[3].value == "unlinked")
        #expect(try harness.store.identity(id: "V1")?.linkedIDs == [])
        let unknown = try harness.hl7(message("A24", "5").replacingOccurrences(of: "PID|2||200", with: "PID|2||999"))
        #expect(unknown.ackCode == "AE")
        #expect(unknown.errors.first?[2].first.components.map(\.value).prefix(3) == ["PID", "2", "3"])
    }

    @Test func encounterMessagesUpdateTheIdentity() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101")))
        for (event, structure) in [("A01", "ADT_A01"), ("A04", "ADT_A01"), ("A05", "ADT_A05"), ("A03", "ADT_A03")] {
            let line = [PAM.msh(event, structure, control: "e\(event)"), "EVN||20260101120000",
                        PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101", place: "75056"), "PV1|1|I"].joined(separator: "\r")
            let answer = try harness.hl7(line)
            #expect(answer.ackCode == "AA")
            #expect(answer.zvg?[1].value == "V1")
        }
        #expect(try harness.store.identity(id: "V1")?.identity.traits.birthPlace?.code == "75056")
    }

    @Test func q22ReturnsCandidatesWithScores() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "LEFEBVRE", first: "CATHERINE", birth: "19650412", place: "59350")))
        _ = try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "200", name: "DURAND", first: "PAUL", birth: "19700101", sex: "M")))
        let query = "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.5.1.1^LEFEBVRE~@PID.5.2^CATHERINE~@PID.7.1^19650412~@PID.8^F\rRCP|I|5^RD"
        let answer = try harness.hl7(query)
        #expect(answer.messageType == "RSP")
        #expect(answer.ackCode == "AA")
        #expect(answer.first("QAK").map { [$0[1].value, $0[2].value] } == ["T1", "OK"])
        let pids = answer.segments("PID")
        #expect(pids.count == 1)
        #expect(pids.first?[2].value == "V1")
        #expect(pids.first?[5][1] == "LEFEBVRE")
        #expect(Double(answer.first("QRI")?[1].value ?? "") ?? 0 > 0)
        // By identifier.
        let byID = try harness.hl7("MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q2|P|2.5\rQPD|IHE PDQ Query|T2|@PID.3.1^200~@PID.3.4.2^000897406")
        #expect(byID.segments("PID").map { $0[2].value } == ["V2"])
        // Nothing found.
        let none = try harness.hl7("MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q3|P|2.5\rQPD|IHE PDQ Query|T3|@PID.3.1^999~@PID.3.4.2^000897406")
        #expect(none.first("QAK")?[2].value == "NF")
        // A bad parameter: AE naming QPD-3.
        let bad = try harness.hl7("MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q4|P|2.5\rQPD|IHE PDQ Query|T4|@PID.99^x")
        #expect(bad.ackCode == "AE")
        #expect(bad.errors.first?[2][1] == "QPD")
    }

    /// The RSP^K22 is written straight into bytes: it must equal the segment path (`PIDEncoder.pid` with PID-2,
    /// a QRI segment, `queryResponse`), byte for byte, MSH-7 and MSH-10 included (fixed clock, same counter).
    @Test func q22AnswerEqualsTheSegmentPath() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "LEFEBVRE", first: "CATHERINE", birth: "19650412", place: "59350")))
        _ = try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "200", name: "LEFEBURE", first: "CATHERINE", birth: "19650412", sex: "F")))
        _ = try harness.hl7(PAM.a28(control: "3", PAM.pid(ipp: "300", name: "LE FEBVRE", first: "CATHY", birth: "196504")))
        let queries = [
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.5.1.1^LEFEBVRE~@PID.5.2^CATHERINE~@PID.7.1^19650412~@PID.8^F\rRCP|I|5^RD",
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q2|P|2.5^FRA|||||FRA|UNICODE UTF-8\rQPD|IHE PDQ Query|T\\S\\2|@PID.5.1.1^LEFEVRE~@PID.7.1^1965",
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q3|P|2.5\rQPD|IHE PDQ Query|T3|@PID.3.1^200~@PID.3.4.2^000897406",
        ]
        for query in queries {
            let answer = harness.send(query)
            let parsed = try HL7Message(parsing: answer)
            let request = try HL7Message(parsing: query)
            var candidates: [[HL7Segment]] = []
            for (offset, pid) in parsed.segments("PID").enumerated() {
                let id = pid[2].value
                let listed = try #require(try harness.store.listedIdentities(ids: [id]).first)
                var slowPID = PIDEncoder.pid(
                    listed.identity, localIdentifiers: listed.localIDs.map { ($0.value, $0.domain) }, setID: offset + 1)
                slowPID[2] = HL7Field(listed.id)
                let qri = parsed.segments("QRI")[offset]
                var slowQRI = HL7Segment("QRI")
                slowQRI[1] = HL7Field(qri[1].value)
                slowQRI[2] = HL7Field(components: [qri[2][1], "", "VIGIE"])
                slowQRI[3] = HL7Field(qri[1].isEmpty ? "identifier lookup" : "vigie Fellegi-Sunter")
                candidates.append([slowPID, slowQRI])
            }
            #expect(!candidates.isEmpty)
            let envelope = HL7Acknowledgement.Envelope(controlID: parsed.controlID, time: parsed.header[7].value)
            let slow = HL7Acknowledgement.queryResponse(
                for: request, code: .accept, status: .found, candidates: candidates, envelope: envelope)
            #expect(answer == slow.encoded())
        }
    }

    @Test func answerTimeIsUTCWithItsDigits() {
        #expect(Worker.hl7Time(Date(timeIntervalSince1970: 1_767_225_600)) == "20260101000000+0000")
        #expect(Worker.hl7Time(Date(timeIntervalSince1970: 1_000_000_000.9)) == "20010909014640+0000")
        #expect(Worker.hl7Time(Date(timeIntervalSince1970: 0)) == "19700101000000+0000")
    }

    // MARK: Errors

    @Test func unknownEventsAndTypesAreRejected() throws {
        let harness = try WorkerHarness()
        let event = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "1", name: "A", first: "B", birth: "2000")).replacingOccurrences(of: "ADT^A28", with: "ADT^A99"))
        #expect(event.ackCode == "AR")
        #expect(event.errors.first?[3][1] == "201")
        #expect(event.errors.first?[2].first.components.map(\.value) == ["MSH", "1", "9", "", "2", ""])
        #expect(event.errors.first?[7].value.contains("A99") == true)
        let type = try harness.hl7("MSH|^~\\&|LAB|X|VIGIE|X|20260101||ORU^R01^ORU_R01|9|P|2.5\rPID|1")
        #expect(type.ackCode == "AR")
        #expect(type.errors.first?[3][1] == "200")
        let version = try harness.hl7("MSH|^~\\&|A|X|VIGIE|X|20260101||ADT^A28^ADT_A05|9|P|3.0\rPID|1")
        #expect(version.ackCode == "AR")
        #expect(version.errors.first?[3][1] == "203")
        #expect(try harness.store.stats().activeIdentities == 0)
    }

    @Test(arguments: [
        ("PID|1||100^^^CHU-X&000897406&N^PI||MARTIN^ALICE^^^^^L|||F", ["PID", "1", "7", "", "", ""], "101"),
        ("PID|1||100^^^CHU-X&000897406&N^PI||MARTIN^ALICE^^^^^L||19801301|F", ["PID", "1", "7", "", "", ""], "102"),
        ("PID|1||||MARTIN^ALICE^^^^^L||19800101|F", ["PID", "1", "3", "", "", ""], "101"),
        ("PID|1||100^^^CHU-X&000897406&N^PI||MART1N^ALICE^^^^^L||19800101|F", ["PID", "1", "5", "", "1", ""], "102"),
        ("PID|1||100^^^CHU-X&000897406&N^PI||MARTIN\\X^ALICE^^^^^L||19800101|F", ["PID", "1", "5", "1", "1", "1"], "102"),
    ])
    func badContentIsAnsweredAEWithItsLocationAndChangesNothing(_ pid: String, _ location: [String], _ code: String) throws {
        let harness = try WorkerHarness()
        let answer = try harness.hl7(PAM.a28(control: "1", pid))
        #expect(answer.ackCode == "AE")
        #expect(answer.errors.first?[2].first.components.map(\.value) == location)
        #expect(answer.errors.first?[3][1] == code)
        #expect(answer.errors.first?[7].value.contains("MART") == false)
        #expect(try harness.store.stats().activeIdentities == 0)
        #expect(try harness.store.stats().journalEntries == 0)
        // The worker goes on.
        #expect(try harness.hl7(PAM.a28(control: "2", PAM.pid(ipp: "1", name: "A", first: "B", birth: "2000"))).ackCode == "AA")
    }

    @Test func malformedMessagesAreRejected() throws {
        let harness = try WorkerHarness()
        let delimiters = try harness.hl7("MSH|^^\\&|A|B")
        #expect(delimiters.ackCode == "AR")
        #expect(delimiters.errors.first?[2][1] == "MSH")
        let segment = try harness.hl7(PAM.msh("A28", "ADT_A05", control: "7") + "\rpid|1")
        #expect(segment.ackCode == "AE" || segment.ackCode == "AR")
        #expect(segment.first("MSA")?[2].value == "7")
        let noPID = try harness.hl7(PAM.msh("A28", "ADT_A05", control: "8"))
        #expect(noPID.ackCode == "AE")
        #expect(noPID.errors.first?[3][1] == "100")
        var invalid = Array(PAM.a28(control: "9", PAM.pid(ipp: "1", name: "A", first: "B", birth: "2000")).utf8)
        invalid.insert(0xFF, at: invalid.count - 40)
        let answer = try HL7Message(parsing: harness.worker.handle(line: invalid))
        #expect(answer.ackCode == "AE")
        #expect(answer.errors.first?[2][1] == "PID")
    }

    @Test func tooLongLineIsRefused() throws {
        let harness = try WorkerHarness(maxLineBytes: 200)
        let line = PAM.a28(control: "1", PAM.pid(ipp: "1", name: String(repeating: "A", count: 300), first: "B", birth: "2000"))
        let answer = try harness.hl7(line)
        #expect(answer.ackCode == "AR")
        #expect(answer.first("MSA")?[2].value == "1")
        #expect(answer.errors.first?[7].value.contains("200 bytes") == true)
    }

    // MARK: Idempotency

    @Test func aResentMessageGetsTheSameAnswerAndNoSecondEffect() throws {
        let harness = try WorkerHarness()
        let line = PAM.a28(control: "42", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101"))
        let first = harness.send(line)
        let stats = try harness.store.stats()
        let second = harness.send(line)
        #expect(first == second)
        // Re-sent with a new MSH-7 (some engines restamp): still the same message.
        let restamped = harness.send(line.replacingOccurrences(of: "20260101120000||ADT", with: "20260101120500||ADT"))
        #expect(restamped == first)
        let after = try harness.store.stats()
        #expect(after.journalEntries == stats.journalEntries)
        #expect(after.activeIdentities == 1)
        #expect(after.processedMessages == stats.processedMessages)
    }

    @Test func aReusedControlIDWithOtherContentIsProcessed() throws {
        let harness = try WorkerHarness()
        _ = harness.send(PAM.a28(control: "1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101")))
        let other = try harness.hl7(PAM.a28(control: "1", PAM.pid(ipp: "200", name: "DURAND", first: "PAUL", birth: "19700101", sex: "M")))
        #expect(other.ackCode == "AA")
        #expect(other.zvg?[1].value == "V2")
    }
}
