import Foundation
import Testing
import VigieStore
@testable import VigieWorker

@Suite struct JSONHandlerTests {
    let alice = #"{"id":"r1","op":"upsert","record":{"local_ids":[{"value":"100","domain":"CHU-X"}],"birth_name":"MARTIN","first_names":"ALICE MARIE","sex":"F","birth_date":"1980-01-01","birth_place":"75056"}}"#

    @Test func upsertGetSearchHistoryStats() throws {
        let harness = try WorkerHarness()
        let created = try harness.json(alice)
        #expect(created["id"] as? String == "r1")
        let result = try #require(created["result"] as? [String: Any])
        #expect(result["identity_id"] as? String == "V1")
        #expect(result["action"] as? String == "created")
        #expect(result["status"] as? String == "PROV")

        let got = try harness.json(#"{"id":"r2","op":"get","local_id":{"value":"100","domain":"CHU-X"}}"#)
        let identity = try #require(got["identity"] as? [String: Any])
        #expect(identity["identity_id"] as? String == "V1")
        #expect(identity["first_names"] as? String == "ALICE MARIE")
        #expect(identity["birth_place"] as? String == "75056")

        let found = try harness.json(#"{"id":"r3","op":"search","query":{"birth_name":"MARTIN","first_names":"ALICE","birth_date":"1980-01-01","sex":"F"}}"#)
        let candidates = try #require(found["candidates"] as? [[String: Any]])
        #expect(candidates.first?["identity_id"] as? String == "V1")

        let history = try harness.json(#"{"id":"r4","op":"history","identity_id":"V1"}"#)
        let entries = try #require(history["history"] as? [[String: Any]])
        #expect(entries.first?["action"] as? String == "created")
        #expect(entries.first?["message_id"] as? String == "r1")

        let stats = try harness.json(#"{"id":"r5","op":"stats"}"#)
        #expect((stats["stats"] as? [String: Any])?["activeIdentities"] as? Int == 1)
        #expect(stats["indexed_identities"] as? Int == 1)
    }

    @Test func mergeLinkUnlink() throws {
        let harness = try WorkerHarness()
        _ = try harness.json(alice)
        _ = try harness.json(#"{"id":"r2","op":"upsert","record":{"local_ids":[{"value":"200","domain":"CHU-X"}],"birth_name":"MARTIN","first_names":"ALICE","sex":"F","birth_date":"1980-01-01"}}"#)
        let linked = try harness.json(#"{"id":"r3","op":"link","identity_ids":["V1","V2"]}"#)
        #expect((linked["result"] as? [String: Any])?["action"] as? String == "linked")
        let unlinked = try harness.json(#"{"id":"r4","op":"unlink","identity_ids":["V1","V2"]}"#)
        #expect((unlinked["result"] as? [String: Any])?["action"] as? String == "unlinked")
        let merged = try harness.json(#"{"id":"r5","op":"merge","survivor":"V1","merged_away":"V2"}"#)
        #expect((merged["result"] as? [String: Any])?["action"] as? String == "merged")
        #expect(try harness.store.identity(id: "V2")?.id == "V1")
        let history = try harness.json(#"{"id":"r6","op":"history","identity_id":"V1"}"#)
        let actions = (history["history"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
        #expect(actions.contains("merged"))
        #expect(actions.contains("linked"))
    }

    @Test func idempotentByRequestID() throws {
        let harness = try WorkerHarness()
        let first = harness.send(alice)
        let second = harness.send(alice)
        #expect(first == second)
        #expect(try harness.store.stats().activeIdentities == 1)
    }

    @Test(arguments: [
        (#"{"id":"e1","op":"upsert","record":{"local_ids":[{"value":"1","domain":"D"}],"birth_name":"A","birth_date":"1980-13-01"}}"#, "invalid-value", "record.birth_date"),
        (#"{"id":"e2","op":"upsert","record":{"local_ids":[{"value":"1","domain":"D"}],"birth_date":"1980-01-01"}}"#, "required-field-missing", "record.birth_name"),
        (#"{"id":"e3","op":"upsert","record":{"birth_name":"A","birth_date":"1980-01-01"}}"#, "required-field-missing", "record.local_ids"),
        (#"{"id":"e4","op":"upsert","record":{"local_ids":[{"value":"1","domain":"D"}],"birth_name":"A","birth_date":"1980-01-01","ins":"279035121518989"}}"#, "forbidden", "record.ins"),
        (#"{"id":"e5","op":"upsert","record":{"local_ids":[{"value":"1","domain":"D"}],"birth_name":"A","birth_date":"1980-01-01","birth_place":"7505"}}"#, "invalid-value", "record.birth_place"),
        (#"{"id":"e6","op":"upsert","record":{"local_ids":[{"value":"1","domain":"D"}],"birth_name":"A2","birth_date":"1980-01-01"}}"#, "invalid-value", "record.birth_name"),
        (#"{"id":"e7","op":"fly"}"#, "unsupported-operation", "op"),
        (#"{"op":"stats"}"#, "required-field-missing", "id"),
        (#"{"id":"e9","op":"get","identity_id":"V77"}"#, "not-found", "identity_id"),
        (#"{"id":"e10","op":"merge","survivor":"V1","merged_away":"V2"}"#, "not-found", "survivor"),
        (#"{"id":"e11","op":"link","identity_ids":["V1"]}"#, "invalid-value", "identity_ids"),
    ])
    func errorsNameTheField(_ line: String, _ code: String, _ field: String) throws {
        let harness = try WorkerHarness()
        let answer = try harness.json(line)
        let error = try #require(answer["error"] as? [String: Any], "\(answer)")
        #expect(error["code"] as? String == code)
        if field.isEmpty {
            #expect(error["field"] == nil || error["field"] is NSNull)
        } else {
            #expect(error["field"] as? String == field)
        }
        #expect(try harness.store.stats().activeIdentities == 0)
    }

    @Test func malformedLines() throws {
        let harness = try WorkerHarness()
        for (line, code) in [("{not json", "malformed-json"), ("[1,2]", "unrecognised-line"), ("{}", "required-field-missing"),
                             ("hello", "unrecognised-line"), ("", "empty-line"), ("   ", "empty-line")] {
            let answer = try harness.json(line)
            #expect((answer["error"] as? [String: Any])?["code"] as? String == code, "\(line)")
        }
        let invalid = harness.worker.handle(line: Array(#"{"id":"x","op":"stats","n":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))
        #expect(invalid.contains("invalid-utf8"))
    }
}
