import Foundation
import Testing
import VigieMLLP
import VigieStore

/// The MLLP listener with the worker behind it: framing, order, group commit, bad input, an independent client.
@Suite struct MLLPServerTests {
    /// python-hl7's MLLPClient (an independent implementation of MLLP and ER7) sends messages over one connection:
    /// each gets its ACK, in order. A missing python-hl7 fails the test (`.ci/run` installs it).
    @Test func independentClientGetsOneAnswerPerMessageInOrder() async throws {
        let harness = try await ListenerHarness()
        let messages = [
            PAM.a28(control: "P1", ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101"),
            PAM.a28(control: "P2", ipp: "200", name: "DURAND", first: "PAUL", birth: "19700202", sex: "M"),
            "MSH|^~\\&|LAB|X|VIGIE|X|20260101||ORU^R01^ORU_R01|P3|P|2.5\rPID|1",
            PAM.a28(control: "P1", ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101"),
        ]
        let file = harness.directory.appendingPathComponent("messages.txt")
        try messages.map { $0.replacingOccurrences(of: "\r", with: "\\r") }.joined(separator: "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("scripts/mllp-peer.py").path, "127.0.0.1", "\(harness.server.port)", file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let (lines, stderr) = try await offPool {
            let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (lines, stderr)
        }
        #expect(process.terminationStatus == 0, "python-hl7 peer failed (python3 -m pip install hl7): \(stderr)")
        #expect(lines.count == 4)
        if lines.count == 4 {
            #expect(lines[0] == "AA P1 ACK^A28^ACK")
            #expect(lines[1] == "AA P2 ACK^A28^ACK")
            #expect(lines[2].hasPrefix("AR P3") || lines[2].hasPrefix("AE P3"))
            #expect(lines[3] == "AA P1 ACK^A28^ACK")  // MSH-10 seen: replayed, not a second patient
        }
        #expect(try harness.store.stats().activeIdentities == 2)
        await harness.shutdown()
    }

    /// 8 connections × 500 A28 at once: every message acknowledged AA on its connection, in order, and every
    /// identity in the store (the worker's group commit spans the connections).
    @Test func eightConnectionsOfFiveHundredMessagesAreAllAcknowledged() async throws {
        let harness = try await ListenerHarness()
        let port = harness.server.port
        let perConnection = 500
        let acknowledged = try await withThrowingTaskGroup(of: Int.self) { group in
            for connection in 0..<8 {
                group.addTask {
                    let client = try await MLLPClient.connect(host: "127.0.0.1", port: port)
                    var count = 0
                    for i in 0..<perConnection {
                        let n = connection * perConnection + i
                        let control = "C\(connection)-\(i)"
                        let answer = try await client.send(
                            Array(PAM.a28(control: control, ipp: "\(100_000 + n)", name: PAM.name(n), first: PAM.firstNames[n % PAM.firstNames.count], birth: PAM.birth(n)).utf8))
                        let ack = acknowledgement(answer)
                        if ack.code == "AA" && ack.control == control { count += 1 }
                    }
                    await client.close()
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(acknowledged == 8 * perConnection)
        #expect(try harness.store.stats().activeIdentities == 8 * perConnection)
        await harness.shutdown()
    }

    /// A frame over the size limit gets an AR addressed from its MSH; the same connection then goes on.
    @Test func oversizedFrameGetsARAndTheConnectionGoesOn() async throws {
        let harness = try await ListenerHarness(maxMessageBytes: 2048)
        let client = try await MLLPClient.connect(host: "127.0.0.1", port: harness.server.port)
        let big = PAM.a28(control: "BIG", ipp: "1", name: "MARTIN", first: "ALICE", birth: "19800101") + "\rNTE|1||" + String(repeating: "x", count: 5000)
        let refusal = acknowledgement(try await client.send(Array(big.utf8)))
        #expect(refusal.code == "AR")
        #expect(refusal.control == "BIG")
        let next = acknowledgement(try await client.send(Array(PAM.a28(control: "OK", ipp: "2", name: "MARTIN", first: "ALICE", birth: "19800101").utf8)))
        #expect(next.code == "AA")
        #expect(next.control == "OK")
        #expect(try harness.store.stats().activeIdentities == 1)
        await client.close()
        await harness.shutdown()
    }

    /// Bytes that are not MLLP (an HTTP request sent to the wrong port) close that connection cleanly, without an
    /// answer; the listener keeps serving other connections.
    @Test func garbageClosesThatConnectionAndTheServerKeepsServing() async throws {
        let harness = try await ListenerHarness()
        let port = harness.server.port
        let read = try await offPool {
            let raw = try RawConnection(port: port)
            raw.write(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            return raw.readToEnd()
        }
        #expect(read == [])
        let client = try await MLLPClient.connect(host: "127.0.0.1", port: harness.server.port)
        let answer = acknowledgement(try await client.send(Array(PAM.a28(control: "A", ipp: "1", name: "MARTIN", first: "ALICE", birth: "19800101").utf8)))
        #expect(answer.code == "AA")
        await client.close()
        await harness.shutdown()
    }

    /// A connection that sends nothing for the idle timeout is closed by the server.
    @Test func idleConnectionIsClosed() async throws {
        let harness = try await ListenerHarness(idleTimeout: .milliseconds(300))
        let port = harness.server.port
        #expect(try await offPool { try RawConnection(port: port).readToEnd() } == [])
        await harness.shutdown()
    }

    /// A frame cut by the sender's disconnection is never processed (it was never complete).
    @Test func truncatedFrameIsNotProcessed() async throws {
        let harness = try await ListenerHarness()
        do {
            let raw = try RawConnection(port: harness.server.port)
            raw.write([0x0B] + Array(PAM.a28(control: "T", ipp: "1", name: "MARTIN", first: "ALICE", birth: "19800101").utf8))
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(try harness.store.stats().activeIdentities == 0)
        await harness.shutdown()
    }
}
