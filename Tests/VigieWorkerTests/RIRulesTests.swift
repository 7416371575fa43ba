import Foundation
import Testing
import VigieHL7
import VigieIdentity
import VigieStore
@testable import VigieWorker

/// The référentiel's rules as an EAI meets them through the worker (HL7 PAM FR, JSON). Each test names its source:
/// IHE PAM France 2.11 (PAM FR), the RNIV requirements (EXI SI), the INS guide. See docs/ri.md.
@Suite("RI rules through the worker")
struct RIRulesTests {
    static let ins = "279035121518989"

    /// RNIV EXI SI 07/08 and PAM FR §6.6.2: an A31 that changes a strict trait of a QUAL identity without INSi
    /// ends the qualification; the INS is no longer shared, the demotion is journaled and acknowledged (issue #13).
    @Test("RNIV EXI SI 08, PAM FR 6.6.2: A28 QUAL then A31 birth-name edit leaves V1 not QUAL, no INS shared, demotion journaled")
    func qualifiedIdentityDemotedByStrictTraitEdit() throws {
        let harness = try WorkerHarness()
        let created = try harness.hl7(PAM.a28(control: "1", PAM.pid(
            ipp: "100", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", place: "63220", ins: Self.ins, status: "VALI")))
        #expect(created.ackCode == "AA")
        #expect(created.zvg?[2].value == "QUAL")

        let edited = try harness.hl7(PAM.a31(control: "2", PAM.pid(
            ipp: "100", name: "PAT-QUATRE", first: "DOMINIQUE", birth: "19790328", place: "63220", status: "VALI")))
        #expect(edited.ackCode == "AA")
        #expect(edited.zvg?[1].value == "V1")
        #expect(edited.zvg?[2].value == "VALI")
        #expect(edited.zvg?[3].value == "demoted")
        let warnings = edited.errors.filter { $0[4].value == "W" }
        #expect(warnings.contains { $0[7].value.hasPrefix("demoted") })

        // Not QUAL, and no channel shares the INS: the stored identity, JSON get, PDQ by identifier.
        let stored = try #require(try harness.store.identity(id: "V1"))
        #expect(stored.identity.status != .qualified)
        #expect(stored.identity.ins == nil)
        #expect(stored.identity.insHistory.map(\.matricule.value) == [Self.ins])  // kept for the cell
        let get = try harness.json(#"{"id":"g","op":"get","identity_id":"V1"}"#)
        let identity = try #require(get["identity"] as? [String: Any])
        #expect(identity["ins"] == nil)
        #expect(identity["status"] as? String == "VALI")
        #expect(!harness.send(#"{"id":"g2","op":"get","identity_id":"V1"}"#).contains(Self.ins))

        // The demotion is a typed status event in the journal.
        let history = try harness.store.history(id: "V1")
        let events = history.filter { $0.action == .statusChanged }
        let demotion = try #require(events.last)
        let audit = try JSONDecoder.iso.decode(AuditEvent.self, from: Data((demotion.after ?? "").utf8))
        #expect(audit.event == "strictTraitsReplaced")
        #expect(audit.statusBefore == .qualified)
        #expect(audit.statusAfter == .validated)
        #expect(audit.hadINS && !audit.hasINS)
        #expect(demotion.reason.hasPrefix("ADT^A31"))
    }

    /// RNIV EXI SI 08: an INS leaves the RI only for a QUAL identity, whatever the channel (JSON get).
    @Test("RNIV EXI SI 08: JSON get never returns the INS of an identity that is not QUAL")
    func jsonGetWithholdsINSOfNonQualified() throws {
        let harness = try WorkerHarness()
        // RECUP: INSi evidence, no document.
        let upsert = try harness.json(
            #"{"id":"u1","op":"upsert","record":{"local_ids":[{"value":"1","domain":"CHU"}],"birth_name":"PAT-TROIS","first_names":"DOMINIQUE","sex":"F","birth_date":"1979-03-28","birth_place":"63220","ins":"\#(Self.ins)","status":"RECUP","insi":{"date":"2026-01-01"}}}"#)
        let result = try #require(upsert["result"] as? [String: Any])
        #expect(result["status"] as? String == "RECUP")
        let get = try harness.json(#"{"id":"g","op":"get","identity_id":"V1"}"#)
        let identity = try #require(get["identity"] as? [String: Any])
        #expect(identity["ins"] == nil)
        #expect(try harness.store.identity(id: "V1")?.identity.ins?.matricule.value == Self.ins)
    }

    /// RNIV EXI SI 07 (QUAL needs INSi and a high-trust document): JSON upsert refuses QUAL or VALI without
    /// document evidence, and QUAL without INSi evidence.
    @Test("RNIV EXI SI 07: JSON upsert refuses QUAL without INSi evidence and VALI without document evidence")
    func jsonUpsertRefusesUnsupportedStatus() throws {
        let harness = try WorkerHarness()
        let base = #""local_ids":[{"value":"1","domain":"CHU"}],"birth_name":"PAT-TROIS","first_names":"DOMINIQUE","sex":"F","birth_date":"1979-03-28","birth_place":"63220""#
        let document = #""document":{"type":"CN","checked_by":"agent1","checked_at":"2026-01-01"}"#
        let noINSi = try harness.json(#"{"id":"a","op":"upsert","record":{\#(base),"ins":"\#(Self.ins)","status":"QUAL",\#(document)}}"#)
        let error = try #require(noINSi["error"] as? [String: Any])
        #expect(error["code"] as? String == "forbidden")
        #expect(error["field"] as? String == "record.ins")
        let noDocument = try harness.json(#"{"id":"b","op":"upsert","record":{\#(base),"status":"VALI"}}"#)
        #expect((noDocument["error"] as? [String: Any])?["field"] as? String == "record.document")
        let incomplete = try harness.json(#"{"id":"c","op":"upsert","record":{\#(base),"status":"VALI","document":{"type":"CN"}}}"#)
        #expect((incomplete["error"] as? [String: Any])?["field"] as? String == "record.document.checked_by")
        #expect(try harness.store.stats().activeIdentities == 0)
        let ok = try harness.json(#"{"id":"d","op":"upsert","record":{\#(base),"ins":"\#(Self.ins)","status":"QUAL",\#(document),"insi":{"date":"2026-01-01"}}}"#)
        #expect((ok["result"] as? [String: Any])?["status"] as? String == "QUAL")
    }

    /// RNIV (FR Core's identity-reliability document value set): a document that is not high-trust never validates.
    @Test("RNIV: a driving licence (PC) is not a high-trust document; JSON VALI with it is refused")
    func lowTrustDocumentRefused() throws {
        let harness = try WorkerHarness()
        let answer = try harness.json(
            #"{"id":"a","op":"upsert","record":{"local_ids":[{"value":"1","domain":"CHU"}],"birth_name":"MARTIN","first_names":"ALICE","sex":"F","birth_date":"1980-01-02","status":"VALI","document":{"type":"PC","checked_by":"a","checked_at":"2026-01-01"}}}"#)
        #expect((answer["error"] as? [String: Any])?["code"] as? String == "forbidden")
    }

    /// PAM FR p.36: without VALI in PID-32 the INS is not integrated; the rest of the message is (W ERR, not AE).
    @Test("PAM FR p.36: an INS without VALI is not integrated, with a W ERR on PID-3, and the message is accepted")
    func insWithoutValiIsWarningOnly() throws {
        let harness = try WorkerHarness()
        let answer = try harness.hl7(PAM.a28(control: "1", PAM.pid(
            ipp: "100", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", place: "63220", ins: Self.ins, status: "PROV")))
        #expect(answer.ackCode == "AA")
        #expect(answer.errors.contains { $0[4].value == "W" && $0[2].first.components.map(\.value).prefix(3) == ["PID", "1", "3"] })
        #expect(try harness.store.identity(id: "V1")?.identity.ins == nil)
    }

    /// PAM FR MSH-18 (table 0211: `8859/1` or `UNICODE UTF-8`): an ISO 8859-1 message is read and answered in 8859-1.
    @Test("PAM FR MSH-18: an A31 in ISO 8859-1 (8859/1) is accepted and answered in ISO 8859-1")
    func latin1MessageAccepted() throws {
        let harness = try WorkerHarness()
        let text = [PAM.msh("A28", "ADT_A05", control: "1").replacingOccurrences(of: "UNICODE UTF-8", with: "8859/1"),
                    "EVN||20260101120000", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800102")]
            .joined(separator: "\r")
        // PID-5 type D (used name) LEFÈVRE, written in ISO 8859-1 (È is one byte, 0xC8).
        let parts = text.components(separatedBy: "MARTIN^ALICE^ALICE^^^^L")
        try #require(parts.count == 2)
        let bytes = Array(parts[0].utf8) + Array("MARTIN^ALICE^ALICE^^^^L~LEF".utf8) + [0xC8] + Array("VRE^ALICE^^^^^D".utf8)
            + Array(parts[1].utf8)
        #expect(String(validating: bytes, as: UTF8.self) == nil)  // really not UTF-8
        let answer = try #require(harness.worker.handleEncoded(lines: [bytes]).first)
        let ack = String(decoding: answer, as: UTF8.self)
        #expect(ack.contains("MSA|AA|1"))
        #expect(ack.contains("|8859/1"))
        #expect(try harness.store.identity(id: "V1")?.identity.usedName == "LEFÈVRE")
    }

    /// PAM FR MSH-18: the answer is in the character set the request declared, even when the request itself is
    /// ASCII (its MSH-18 is then looked for only because the answer holds a character beyond ASCII).
    @Test("PAM FR MSH-18: a Q22 in ASCII declaring 8859/1 is answered in ISO 8859-1")
    func asciiQueryDeclaringLatin1AnsweredInLatin1() throws {
        let harness = try WorkerHarness()
        let created = [PAM.msh("A28", "ADT_A05", control: "1"), "EVN||20260101120000",
                       PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800102")
                           .replacingOccurrences(of: "MARTIN^ALICE^ALICE^^^^L", with: "MARTIN^ALICE^ALICE^^^^L~LEFÈVRE^ALICE^^^^^D")]
            .joined(separator: "\r")
        #expect(try harness.hl7(created).ackCode == "AA")
        let query = "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5|||||FRA|8859/1"
            + "\rQPD|IHE PDQ Query|T1|@PID.5.1.1^MARTIN~@PID.5.2^ALICE~@PID.7.1^19800102\rRCP|I|5^RD"
        let latin1 = try #require(harness.worker.handleEncoded(lines: [Array(query.utf8)]).first)
        #expect(latin1.contains(0xC8), "È as one byte")
        #expect(String(validating: latin1, as: UTF8.self) == nil)
        let utf8 = try #require(harness.worker.handleEncoded(lines: [Array(query.replacingOccurrences(of: "8859/1", with: "UNICODE UTF-8").utf8)]).first)
        #expect(String(decoding: utf8, as: UTF8.self).contains("LEFÈVRE"))
    }

    /// PAM FR p.14: A08 is not used in France (A31 replaces it).
    @Test("PAM FR p.14: A08 is refused (AR, unsupported event) and changes nothing")
    func a08Refused() throws {
        let harness = try WorkerHarness()
        let message = [PAM.msh("A08", "ADT_A01", control: "1"), "EVN||20260101120000",
                       PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800102")].joined(separator: "\r")
        let answer = try harness.hl7(message)
        #expect(answer.ackCode == "AR")
        #expect(answer.errors.first?[3].value.hasPrefix("201") == true)
        #expect(try harness.store.stats().activeIdentities == 0)
    }

    /// HL7 v2.5 EVN-5 (operator id), ri-rules.md: the journal's actor is the operator, the application beside it.
    @Test("HL7 v2.5 EVN-5: the operator is journaled as the actor, the sending application in the reason")
    func operatorJournaledAsActor() throws {
        let harness = try WorkerHarness()
        let message = [PAM.msh("A28", "ADT_A05", control: "1"), "EVN||20260101120000|||jdupont",
                       PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800102")].joined(separator: "\r")
        #expect(try harness.hl7(message).ackCode == "AA")
        let created = try #require(try harness.store.history(id: "V1").first)
        #expect(created.actor == "jdupont")
        #expect(created.reason == "ADT^A28 via GAM@CHU-X")
    }

    /// RNIV 1 v2.0 §3.2.3 and EXI SI 09: DOUT and FICT are exclusive; FICT is never QUAL.
    @Test("RNIV 3.2.3: DOUT with FICT is refused by JSON upsert")
    func doubtfulAndFictitiousExclusive() throws {
        let harness = try WorkerHarness()
        let answer = try harness.json(
            #"{"id":"a","op":"upsert","record":{"local_ids":[{"value":"1","domain":"CHU"}],"birth_name":"MARTIN","first_names":"ALICE","sex":"F","birth_date":"1980-01-02","attributes":["DOUT","FICT"]}}"#)
        let error = try #require(answer["error"] as? [String: Any])
        #expect(error["code"] as? String == "forbidden")
        #expect(error["field"] as? String == "record.attributes")
    }

    /// A40, PAM FR p.16 (Mediboard warns): two different INS are never merged.
    @Test("PAM FR p.16: A40 of two identities with different INS is refused")
    func mergeRefusesTwoINS() throws {
        let harness = try WorkerHarness()
        let other = "180036912345660"
        _ = try harness.json(#"{"id":"1","op":"upsert","record":{"local_ids":[{"value":"1","domain":"CHU"}],"birth_name":"PAT-TROIS","first_names":"DOMINIQUE","sex":"F","birth_date":"1979-03-28","ins":"\#(Self.ins)","status":"RECUP","insi":{"date":"2026-01-01"}}}"#)
        let second = try harness.json(#"{"id":"2","op":"upsert","record":{"local_ids":[{"value":"2","domain":"CHU"}],"birth_name":"PAT-TROIS","first_names":"DOMINIQUE","sex":"F","birth_date":"1979-03-28","ins":"\#(other)","status":"RECUP","insi":{"date":"2026-01-01"}}}"#)
        #expect(second["result"] != nil)
        let merge = try harness.json(#"{"id":"m","op":"merge","survivor":"V1","merged_away":"V2"}"#)
        #expect((merge["error"] as? [String: Any])?["code"] as? String == "collision")
    }

    /// Unmerge from the journal: the merged-away identity, its identifiers and reviews come back.
    @Test("RI unmerge: JSON unmerge restores the merged-away identity and its local identifier")
    func unmergeRestores() throws {
        let harness = try WorkerHarness()
        _ = try harness.json(#"{"id":"1","op":"upsert","record":{"local_ids":[{"value":"1","domain":"CHU"}],"birth_name":"MARTIN","first_names":"ALICE","sex":"F","birth_date":"1980-01-02"}}"#)
        _ = try harness.json(#"{"id":"2","op":"upsert","record":{"local_ids":[{"value":"2","domain":"CHU"}],"birth_name":"MARTIN","first_names":"ALICE","sex":"F","birth_date":"1980-01-02"}}"#)
        let merged = try harness.json(#"{"id":"m","op":"merge","survivor":"V1","merged_away":"V2"}"#)
        #expect((merged["result"] as? [String: Any])?["action"] as? String == "merged")
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "2", domain: "CHU"))?.id == "V1")
        let unmerged = try harness.json(#"{"id":"u","op":"unmerge","merged_away":"V2"}"#)
        #expect((unmerged["result"] as? [String: Any])?["action"] as? String == "unmerged")
        #expect(try harness.store.identity(localID: LocalIdentifier(value: "2", domain: "CHU"))?.id == "V2")
        #expect(try harness.store.identity(id: "V2")?.id == "V2")
        #expect(try harness.store.history(id: "V2").contains { $0.action == .unmerged })
        // The pair is for the cell again.
        #expect(try harness.store.reviewQueue().contains { Set($0.identityIDs) == ["V1", "V2"] })
    }
}

extension JSONDecoder {
    /// The store's JSON dates (seconds since 1970 or ISO 8601, whichever it writes).
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { d in
            let c = try d.singleValueContainer()
            if let seconds = try? c.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
            let text = try c.decode(String.self)
            return ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
        }
        return decoder
    }
}

extension RIRulesTests {
    /// PAM FR §4.4.3: an A47 finds the patient through MRG, the INS included, and compares it with the stored one.
    @Test("PAM FR 4.4.3: A47 whose MRG-1 INS is not the identity's INS is refused; an unknown MRG never creates")
    func a47ComparesTheINSInMRG() throws {
        let harness = try WorkerHarness()
        _ = try harness.hl7(PAM.a28(control: "1", PAM.pid(
            ipp: "100", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", place: "63220", ins: Self.ins, status: "VALI")))
        var pid = PAM.pid(ipp: "100", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790328", place: "63220", status: "PROV")
        pid = pid.replacingOccurrences(of: "^PI|", with: "^PI~\"\"^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS|")
        let wrong = [PAM.msh("A47", "ADT_A30", control: "2"), "EVN||20260101120000", pid,
                     "MRG|100^^^CHU-X&000897406&N^PI~180036912345660^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS"].joined(separator: "\r")
        let refused = try harness.hl7(wrong)
        #expect(refused.ackCode == "AE")
        #expect(try harness.store.identity(id: "V1")?.identity.ins?.matricule.value == Self.ins)
        let unknown = [PAM.msh("A47", "ADT_A30", control: "3"), "EVN||20260101120000",
                       PAM.pid(ipp: "900", name: "MARTIN", first: "ALICE", birth: "19800102"),
                       "MRG|999^^^CHU-X&000897406&N^PI"].joined(separator: "\r")
        #expect(try harness.hl7(unknown).ackCode == "AE")
        #expect(try harness.store.stats().activeIdentities == 1)
    }
}
