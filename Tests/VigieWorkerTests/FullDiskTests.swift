import Foundation
import Testing
import VigieHL7
import VigieStore

/// A full disk under the built worker (issue #18, kept behaviour, and §7.9's AR decision): writes past a file
/// size limit (`ulimit -f`, SIGXFSZ ignored, so that write(2) fails with EFBIG as on a full file system) make
/// the commit fail. The message is answered AR with ERR-3 207 (senders retry on AR), nothing of it is kept,
/// the worker keeps serving, and every change acknowledged AA before is in the store.
@Suite(.serialized) struct FullDiskTests {
    @Test func aCommitThatCannotBeWrittenIsAnsweredARAndTheWorkerGoesOn() throws {
        signal(SIGPIPE, SIG_IGN)
        let binary = try #require(WorkerProcessTests.binary, "build the vigie executable first (swift build --build-tests)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-full-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("ri.sqlite").path
        // The store exists before the limit applies (its schema is written in full).
        try IdentityStore(path: store).close()

        let process = WorkerProcess(binary: binary, store: store)
        process.process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 512 blocks: 256 KiB (POSIX blocks) or 512 KiB (bash's), far less than the WAL needs for the messages.
        process.process.arguments = [
            "-c", "trap '' XFSZ; ulimit -f 512; exec \"$0\" worker --store \"$1\" --log-level info", binary.path, store,
        ]
        try process.start()
        var accepted: [String] = []
        var rejected: HL7Message?
        for i in 0..<5_000 where rejected == nil {
            let ipp = "F\(i)"
            process.send(PAM.a28(control: "c\(i)", PAM.pid(
                ipp: ipp, name: String(repeating: "MARTIN-", count: 12) + "X", first: "ALICE", birth: "19800101")))
            let line = try #require(process.readLine(), "the worker answers every line (message \(i))")
            let answer = try HL7Message(parsing: line)
            switch answer.first("MSA")?[1].value {
            case "AA": accepted.append(ipp)
            case "AR": rejected = answer
            default: Issue.record("unexpected answer \(line)")
            }
        }
        let refusal = try #require(rejected, "the file size limit was never reached")
        #expect(refusal.first("ERR")?[3][1] == "207")
        #expect(!accepted.isEmpty)
        // Still serving: a read is answered.
        process.send(#"{"id":"s1","op":"stats"}"#)
        let stats = try #require(process.readLine())
        #expect(stats.contains(#""id":"s1""#))
        process.closeInput()
        while process.readLine() != nil {}
        process.wait()

        // Everything acknowledged AA is there; the refused message is not.
        let ri = try IdentityStore(path: store)
        defer { ri.close() }
        for ipp in accepted {
            #expect(try ri.identity(localID: LocalIdentifier(value: ipp, domain: "000897406")) != nil, "\(ipp)")
        }
        #expect(try ri.stats().activeIdentities == accepted.count)
    }
}
