import Foundation
import Testing
import Vigie

/// The référentiel's qualification end to end against the INSi mock (issue #13 §2 "Qualification inside the RI"):
/// the JSON `qualify` op through `vigie worker --insi URL`, and `vigie ri verify --store PATH --insi URL`, each
/// outcome read back from the store's journal. Real processes, the mock on 127.0.0.1 with port 0.
@Suite(.serialized) struct RIEndToEndTests {
    let workspace = try! CLIWorkspace()
    var vigie: VigieBinary { workspace.vigie }
    var directory: URL { workspace.directory }

    func mock(_ faults: String? = nil) throws -> (VigieBinary.Server, String) {
        let server = try VigieBinary.Server(vigie, ["insi-mock", "--port", "0"] + (faults.map { ["--faults", $0] } ?? []))
        let port = try #require(Int(server.firstLine), "the mock prints its port first")
        return (server, "http://127.0.0.1:\(port)/lps")
    }

    static func upsert(_ id: String, ipp: String, name: String, first: String, sex: String, birth: String, place: String) -> String {
        #"{"id":"\#(id)","op":"upsert","actor":"accueil1","record":{"local_ids":[{"value":"\#(ipp)","domain":"CHU"}],"birth_name":"\#(name)","first_names":"\#(first)","sex":"\#(sex)","birth_date":"\#(birth)","birth_place":"\#(place)"}}"#
    }

    static func qualify(_ id: String, _ identity: String, type: String) -> String {
        #"{"id":"\#(id)","op":"qualify","actor":"cell1","identity_id":"\#(identity)","document":{"type":"\#(type)","checked_by":"cell1","checked_at":"2026-12-01"}}"#
    }

    static func json(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    /// `insi-called` entries of an identity: their outcome, in order.
    static func insiCalls(_ store: IdentityStore, _ id: String) throws -> [String] {
        try store.history(id: id).filter { $0.action == .insiCalled }.map { entry in
            let after = try #require(entry.after.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] })
            return after["outcome"] ?? "?"
        }
    }

    /// [RNIV] EXI SI 07 through the worker: a CNDA person INSi knows, with an identity card checked, becomes QUAL; a
    /// person INSi does not know stays VALI (the document stands, no INS); a driving licence is refused before any
    /// call. Each INSi call is journaled with its outcome; the refused request changes nothing.
    @Test("RNIV EXI SI 07: JSON qualify through vigie worker --insi against the mock, each call journaled")
    func workerQualifiesThroughTheMock() throws {
        let (server, url) = try mock()
        defer { server.stop() }
        let store = directory.appendingPathComponent("ri.sqlite").path
        let lines = [
            Self.upsert("u1", ipp: "1", name: "NESSI", first: "NATHALIE", sex: "F", birth: "1977-07-14", place: "63220"),
            Self.upsert("u2", ipp: "2", name: "DURAND", first: "JEANNE", sex: "F", birth: "1950-05-02", place: "75056"),
            Self.qualify("q1", "V1", type: "CN"),
            Self.qualify("q2", "V2", type: "PA"),
            Self.qualify("q3", "V2", type: "PC"),
            #"{"id":"g1","op":"get","actor":"cell1","identity_id":"V1"}"#,
        ]
        let run = try vigie.run(["worker", "--store", store, "--insi", url], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(run.status == 0, "\(run)")
        let answers = run.stdout.split(separator: "\n").map(String.init)
        try #require(answers.count == lines.count, "\(run)")
        let q1 = try #require(try Self.json(answers[2])["result"] as? [String: Any], "\(answers[2])")
        #expect(q1["status"] as? String == "QUAL" && q1["action"] as? String == "qualified")
        let q2 = try #require(try Self.json(answers[3])["result"] as? [String: Any], "\(answers[3])")
        #expect(q2["status"] as? String == "VALI")
        let q3 = try #require(try Self.json(answers[4])["error"] as? [String: Any], "\(answers[4])")
        #expect(q3["code"] as? String == "forbidden" && (q3["field"] as? String ?? "").contains("document"), "\(q3)")
        #expect(answers[5].contains("277076322082910"), "QUAL: the INS is shared")
        #expect(!run.stderr.contains("NESSI") && !run.stderr.contains("277076322082910"), "no trait in logs")

        let ri = try IdentityStore(path: store)
        defer { ri.close() }
        #expect(try Self.insiCalls(ri, "V1") == ["accepted"])
        #expect(try Self.insiCalls(ri, "V2") == ["refused"], "PC made no call")
        let v1 = try ri.history(id: "V1")
        #expect(v1.contains { $0.action == .statusChanged && $0.actor == "cell1" && ($0.after ?? "").contains("insiIdentityAccepted") })
        #expect(try ri.identity(id: "V2")?.identity.ins == nil)
    }

    /// [RNIV] the periodic INSi check of QUAL identities (`vigie ri verify`): an identity INSi still returns with
    /// its INS stays QUAL; one whose stored INS INSi no longer returns loses its INSi link (QUAL -> VALI, the INS
    /// set aside); a failed call changes nothing. Every outcome is journaled (`insi-called`, `status-changed`).
    @Test("RNIV: vigie ri verify re-checks QUAL identities against the mock and journals every outcome")
    func riVerifyJournalsEachOutcome() throws {
        let (server, url) = try mock()
        defer { server.stop() }
        let store = directory.appendingPathComponent("verify.sqlite").path
        do {
            let ri = try IdentityStore(path: store)
            defer { ri.close() }
            let traits = StrictTraits(
                birthName: "NESSI", firstNames: ["NATHALIE"], sex: .female, birthDate: try BirthDate("1977-07-14"),
                birthPlace: try BirthPlace("63220"))
            let document = DocumentCheck(type: .nationalIdentityCard, checkedBy: "cell1", checkedAt: "2026-11-01")
            func qualified(_ matricule: String) throws -> Identity {
                Identity(
                    traits: traits, ins: INS(matricule: try Matricule(matricule), authority: .nir), status: .qualified,
                    hasHighTrustDocument: document, insiRetrieved: true)
            }
            let change = ChangeContext(actor: "fixture", reason: "seed")
            // V1: her own INS (the mock's CNDA answer); V2: another matricule, which INSi does not return for her.
            _ = try ri.create(try qualified("277076322082910"), localIDs: [LocalIdentifier(value: "1", domain: "CHU")], change: change)
            _ = try ri.create(try qualified("279035121518989"), localIDs: [LocalIdentifier(value: "2", domain: "CHU")], change: change)
        }
        let run = try vigie.run(["ri", "verify", "--store", store, "--insi", url])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("verified 2 QUAL identities: 1 confirmed, 1 demoted, 0 INSi failures"), "\(run)")
        #expect(!run.stdout.contains("277076322082910") && !run.stderr.contains("NESSI"))
        do {
            let ri = try IdentityStore(path: store)
            defer { ri.close() }
            #expect(try ri.identity(id: "V1")?.identity.status == .qualified)
            #expect(try ri.identity(id: "V2")?.identity.status == .validated)
            #expect(try Self.insiCalls(ri, "V1") == ["accepted"])
            #expect(try Self.insiCalls(ri, "V2") == ["refused"])
            for id in ["V1", "V2"] {
                #expect(try ri.history(id: id).contains { $0.action == .statusChanged && $0.actor == "vigie-ri-verify" })
            }
        }
        // INSi unreachable: every call fails, nothing changes, each failure is journaled, exit 69.
        let (broken, brokenURL) = try mock("http=503:all")
        defer { broken.stop() }
        let failed = try vigie.run(["ri", "verify", "--store", store, "--insi", brokenURL])
        #expect(failed.status == 69, "\(failed)")
        #expect(failed.stdout.contains("verified 1 QUAL identities: 0 confirmed, 0 demoted, 1 INSi failures"), "\(failed)")
        let ri = try IdentityStore(path: store)
        defer { ri.close() }
        #expect(try ri.identity(id: "V1")?.identity.status == .qualified)
        #expect(try Self.insiCalls(ri, "V1") == ["accepted", "failed"])
    }
}
