import Foundation
import Testing
import VigieStore
@testable import VigieWorker

/// The independent HL7 check of issue #13 §3: messages built by hl7apy (PyPI), fed to the worker, and every
/// answer parsed back by hl7apy. A missing hl7apy is a failure, never a skip: `.ci/run` installs it.
@Suite("hl7apy peer")
struct HL7apyPeerTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/hl7apy-peer.py").path

    /// Runs the peer; returns stdout lines, or records an issue naming the install command.
    static func peer(_ mode: String, input: String = "") throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, mode]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "hl7apy peer failed (python3 -m pip install hl7apy): \(errors.prefix(500))")
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The messages hl7apy builds in `mode`, sent to a worker, and the answers as hl7apy parses them back.
    static func session(_ mode: String, count: Int) throws -> (WorkerHarness, answers: [String], parsed: [[String: Any]]) {
        let messages = try Self.peer(mode)
        try #require(messages.count == count)
        let harness = try WorkerHarness()
        let answers = messages.map { harness.send($0) }
        let parsed = try Self.peer("parse", input: answers.joined(separator: "\n") + "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        try #require(parsed.count == count)
        return (harness, answers, parsed)
    }

    @Test("issue #13 session built and read by hl7apy: A28 QUAL, then the A31 edit leaves V1 VALI with no INS shared")
    func sessionThroughHL7apy() throws {
        let (harness, answers, parsed) = try Self.session("build", count: 4)
        // A28: QUAL, acknowledged.
        #expect((parsed[0]["msa"] as? [String])?.first == "AA")
        #expect((parsed[0]["zvg"] as? [String])?.prefix(3) == ["V1", "QUAL", "created"])
        // Q22 while QUAL: the INS travels in PID-3.
        let sharedPID3 = (parsed[1]["pid3"] as? [[String]])?.first ?? []
        #expect(sharedPID3.contains { $0.hasPrefix("279035121518989^") })
        // A31 with a new birth name and no INS: demoted, warned, ZVG says so.
        #expect((parsed[2]["msa"] as? [String])?.first == "AA")
        #expect((parsed[2]["zvg"] as? [String])?.prefix(3) == ["V1", "VALI", "demoted"])
        let warnings = (parsed[2]["err"] as? [[String: String]]) ?? []
        #expect(warnings.contains { $0["severity"] == "W" && ($0["diagnostic"] ?? "").hasPrefix("demoted") })
        // Q22 after: V1 found, without its INS, and PID-32 no longer VALI with an INS.
        let pid3 = (parsed[3]["pid3"] as? [[String]]) ?? []
        #expect(!pid3.isEmpty)
        #expect(!pid3.joined().contains { $0.contains("279035121518989") })
        #expect(!answers[3].contains("279035121518989"))
        // Journaled: the operator of EVN-5 on the creation, the demotion as a status event.
        let history = try harness.store.history(id: "V1")
        #expect(history.first?.actor == "jdupont")
        #expect(history.contains { $0.action == .statusChanged && ($0.after ?? "").contains("strictTraitsReplaced") })
    }

    /// [PAM] §6.18.5–6.18.8 p.85–86: ZFD-5 (mode), ZFD-6 (INSi date), ZFD-7 (document type), ZFD-8 (its expiry) are
    /// stored from an A28 and given back after the identity's PID in the Q22 answer, both read by hl7apy.
    @Test("ZFD-5..8 stored from an hl7apy A28 and emitted in the RSP^K22, parsed back by hl7apy")
    func zfdStoredAndEmitted() throws {
        let (harness, _, parsed) = try Self.session("build-zfd", count: 2)
        #expect((parsed[0]["msa"] as? [String])?.first == "AA")
        // Stored: the identity keeps the document and the INSi call.
        let stored = try #require(try harness.store.identity(id: "V1"))
        #expect(stored.identity.hasHighTrustDocument?.type == .nationalIdentityCard)
        #expect(stored.identity.hasHighTrustDocument?.expires == "2031-03-14")
        #expect(stored.identity.identityMode == "INSI" && stored.identity.insiQueryDate == "2026-12-01")
        // Emitted: one ZFD after the PID, in the order PAM FR gives the fields.
        let segments = (parsed[1]["segments"] as? [String]) ?? []
        let pid = try #require(segments.firstIndex(of: "PID"))
        #expect(segments.dropFirst(pid + 1).first == "ZFD", "\(segments)")
        let zfd = try #require((parsed[1]["zfd"] as? [[String]])?.first)
        #expect(Array(zfd[3...7]) == ["N", "INSI", "20261201", "CN", "20310314"], "\(zfd)")
    }
}
