import Foundation
import Testing
import VigieStore

/// Issue #18 item 7.4: two processes on one store. Each catches up on the other's committed changes (from the
/// journal's sequence numbers) before it matches or answers (docs/ri.md, "Several processes on one store").
@Suite(.serialized) struct SharedStoreProcessTests {
    static func search(_ id: String, name: String, first: String) -> String {
        #"{"id":"\#(id)","op":"search","query":{"birth_name":"\#(name)","first_names":"\#(first)","sex":"F","birth_date":"1980-01-01"}}"#
    }

    @Test("Two workers on one store: each sees the other's identities in searches and duplicate checks")
    func twoWorkersSeeEachOthersChanges() throws {
        signal(SIGPIPE, SIG_IGN)
        let binary = try #require(WorkerProcessTests.binary, "build the vigie executable first (swift build --build-tests)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("ri.sqlite").path
        // Created first, so that both workers open an existing store and build their index before any write.
        try IdentityStore(path: store).close()
        let a = WorkerProcess(binary: binary, store: store)
        let b = WorkerProcess(binary: binary, store: store)
        try a.start()
        try b.start()
        // Both indexes are built (each answers a line) before the first write.
        a.send(#"{"id":"ready","op":"stats"}"#)
        b.send(#"{"id":"ready","op":"stats"}"#)
        #expect(a.readLine()?.contains("ready") == true)
        #expect(b.readLine()?.contains("ready") == true)

        // A writes; B, whose index was built before, finds it (search) and reports the duplicate (A28).
        a.send(PAM.a28(control: "a1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101")))
        #expect(a.readLine()?.contains("MSA|AA|a1") == true)
        b.send(Self.search("s1", name: "MARTIN", first: "ALICE"))
        #expect(b.readLine()?.contains(#""identity_id":"V1""#) == true)
        b.send(PAM.a28(control: "b1", PAM.pid(ipp: "200", name: "MARTIN", first: "ALICE", birth: "19800101")))
        let duplicate = b.readLine() ?? ""
        #expect(duplicate.contains("ZVG|V2|PROV|created|"))
        #expect(duplicate.contains("V1^"))

        // Both write at once (distinct patients); then each finds the other's last patient.
        let count = 30
        let writers = [(a, "A"), (b, "B")].map { process, tag in
            Thread {
                for i in 0..<count {
                    process.send(PAM.a28(control: "\(tag)\(i)", PAM.pid(
                        ipp: "\(tag)\(i)", name: WorkerProcessTests.name(i + (tag == "A" ? 0 : 500)), first: "ALICE", birth: "19800101")))
                }
            }
        }
        writers.forEach { $0.start() }
        var acknowledged = 0
        for process in [a, b] {
            for _ in 0..<count where process.readLine()?.contains("MSA|AA|") == true { acknowledged += 1 }
        }
        #expect(acknowledged == 2 * count)
        a.send(Self.search("s2", name: WorkerProcessTests.name(count - 1 + 500), first: "ALICE"))
        b.send(Self.search("s3", name: WorkerProcessTests.name(count - 1), first: "ALICE"))
        let fromA = a.readLine() ?? ""
        let fromB = b.readLine() ?? ""
        #expect(fromA.contains(#""identity_id":"V"#))
        #expect(fromB.contains(#""identity_id":"V"#))
        a.send(#"{"id":"st","op":"stats"}"#)
        #expect(a.readLine()?.contains(#""indexed_identities":\#(2 + 2 * count)"#) == true)
        a.closeInput()
        b.closeInput()
        a.wait()
        b.wait()
        #expect(a.exitStatus == 0 && b.exitStatus == 0)
    }
}
