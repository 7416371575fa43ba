import Foundation
import Testing
import VigieStore

/// `vigie serve --mllp-port` (the built binary) against python-hl7's `MLLPClient`, an independent MLLP and ER7
/// implementation (scripts/mllp-load.py; a missing python-hl7 fails the tests, `.ci/run` installs it): the
/// worker's semantics over MLLP in the process that owns the store and serves the web workspace.
@Suite(.serialized) struct ServeMLLPProcessTests {
    typealias Server = ServeProcessTests.Server

    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "vigie-serve-mllp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The MLLP port from the second stdout line (`mllp://127.0.0.1:PORT`).
    static func mllpPort(_ line: String) throws -> Int {
        let match = try #require(line.wholeMatch(of: #/mllp://127\.0\.0\.1:([0-9]+)/#), "second line: \(line)")
        return try #require(Int(match.1))
    }

    /// Runs scripts/mllp-load.py; `onLine` sees each printed line as it comes (`AA CONTROL`).
    final class Load: @unchecked Sendable {
        let process = Process()
        let output = Pipe(), errors = Pipe()
        private(set) var lines: [String] = []
        private let lock = NSLock()

        init(port: Int, connections: Int, messages: Int, prefix: String, ca: String? = nil) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", ServeProcessTests.root.appendingPathComponent("scripts/mllp-load.py").path,
                                 "127.0.0.1", "\(port)", "\(connections)", "\(messages)", prefix] + (ca.map { [$0] } ?? [])
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let handle = output.fileHandleForReading
            Thread.detachNewThread { [self] in
                var pending = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    pending += chunk
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                        pending = Data(pending[(newline + 1)...])
                        lock.withLock { lines.append(line) }
                    }
                }
            }
        }

        var acknowledged: [String] { lock.withLock { lines.filter { $0.hasPrefix("AA ") }.map { String($0.dropFirst(3)) } } }

        /// Waits for the peer to exit (at most 300 s); its status and stderr.
        func finish() -> (Int32, String) {
            let deadline = Date().addingTimeInterval(300)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            usleep(100_000)  // the reader thread takes the last lines
            return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
    }

    /// `vigie serve` with 8 python-hl7 connections × 500 A28 running, once 400 of them were acknowledged.
    static func underLoad(store: String, prefix: String) throws -> (Server, Load) {
        let server = try Server(["--store", store, "--port", "0", "--mllp-port", "0"])
        let load = try Load(port: try mllpPort(server.nextLine()), connections: 8, messages: 500, prefix: prefix)
        let deadline = Date().addingTimeInterval(120)
        while load.acknowledged.count < 400 && Date() < deadline && load.process.isRunning { usleep(5_000) }
        return (server, load)
    }

    /// Every local identifier in the store (each message carries its control id as PID-3).
    static func storedLocalIDs(_ path: String) throws -> Set<String> {
        let store = try IdentityStore(path: path)
        defer { store.close() }
        var values = Set<String>()
        try store.forEachIdentity { identity in for local in identity.localIDs { values.insert(local.value) } }
        return values
    }

    /// 8 connections × 500 A28 at once from python-hl7: every message AA'd (its own MSA-2) and stored; the web URL
    /// first, then the MLLP URL; /health and /ready answer; SIGTERM stops the server cleanly (status 0).
    @Test func eightConnectionsOfFiveHundredFromPythonHL7AreAllAcknowledgedAndStored() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/ri.sqlite"
        #expect(try ServeProcessTests.run(["operator", "add", "--store", store, "--login", "prometheus", "--role", "system"], input: "\n").0 == 0)
        let token = try ServeProcessTests.run(["operator", "token", "--store", store, "--login", "prometheus"]).1.trimmingCharacters(in: .whitespacesAndNewlines)
        // A feed subscriber that never reads: its lag is the 4 000 changes (the outbox of the `feed` work).
        let setup = try IdentityStore(path: store)
        _ = try setup.subscribeFeed("dpi")
        setup.close()
        let server = try Server(["--store", store, "--port", "0", "--mllp-port", "0", "--log-format", "json"])
        #expect(server.url.range(of: #"^http://127\.0\.0\.1:[0-9]+/$"#, options: .regularExpression) != nil, "first line: \(server.url)")
        let port = try Self.mllpPort(server.nextLine())
        let client = TestClient(URL(string: server.url)!)
        #expect(try await client.send("GET", "/health").status == 200)
        #expect(try await client.send("GET", "/ready").status == 200)

        let load = try Load(port: port, connections: 8, messages: 500, prefix: "L")
        let (status, stderr) = load.finish()
        #expect(status == 0, "python-hl7 load failed (python3 -m pip install hl7): \(stderr)")
        let acknowledged = load.acknowledged
        #expect(acknowledged.count == 4000)
        #expect(Set(acknowledged).count == 4000)
        // /metrics (system token): the 4 000 A28 counted by type and outcome, their latency histogram.
        #expect(try await client.send("GET", "/metrics").status == 401)
        let metrics = try await client.send("GET", "/metrics", headers: ["Authorization": "Bearer \(token)"])
        #expect(metrics.status == 200)
        let counted = metrics.text.split(separator: "\n").first { $0.hasPrefix("vigie_mllp_messages_total{") && $0.contains(#"type="ADT^A28""#) && $0.contains(#"outcome="AA""#) }
        #expect(counted?.hasSuffix(" 4000") == true, "\(metrics.text.prefix(2000))")
        #expect(metrics.text.contains("vigie_mllp_message_duration_seconds_bucket"))
        let lag = metrics.text.split(separator: "\n").first { $0.hasPrefix(#"vigie_feed_pending{subscriber="dpi"}"#) }
        #expect(lag?.hasSuffix(" 4000.0") == true, "\(lag ?? "no feed lag")")
        let openReviews = metrics.text.split(separator: "\n").first { $0.hasPrefix("vigie_open_reviews ") }.flatMap { Double($0.split(separator: " ")[1]) }
        #expect(server.terminate() == 0)
        // --log-format json: every stderr line one JSON object; the index build is logged (in serve too).
        let logLines = server.errors.split(separator: "\n")
        #expect(!logLines.isEmpty)
        for line in logLines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil, "not a JSON log line: \(line)")
        }
        #expect(logLines.contains { $0.contains(#""message":"index built""#) })
        let stored = try Self.storedLocalIDs(store)
        #expect(stored.count == 4000)
        let reopened = try IdentityStore(path: store)
        #expect(openReviews == Double(try reopened.stats().openReviews))
        reopened.close()
        #expect(Set(acknowledged).isSubset(of: stored))
    }

    /// SIGTERM while 8 connections send: the listener stops accepting, each connection's message in hand is
    /// committed and answered, the store is closed, and the server exits 0; every AA'd message is stored.
    @Test func sigtermUnderLoadDrainsAndExitsCleanly() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/ri.sqlite"
        let (server, load) = try Self.underLoad(store: store, prefix: "S")
        #expect(server.terminate() == 0)
        _ = load.finish()
        let acknowledged = load.acknowledged
        #expect(acknowledged.count >= 400 && acknowledged.count < 4000)
        let stored = try Self.storedLocalIDs(store)
        #expect(Set(acknowledged).isSubset(of: stored))
        // Drained, not cut: nothing was committed without its ACK having been sent (at most the messages in hand).
        #expect(stored.count - acknowledged.count <= 8, "committed \(stored.count), acknowledged \(acknowledged.count)")
    }

    /// SIGKILL of `vigie serve` while 8 connections send: every message that got its AA is in the store (an ACK is
    /// written only after the commit). Restarted on the same store, a re-sent acknowledged message is a replay
    /// (MSH-10 idempotency): AA again, no second patient.
    @Test func sigkillUnderLoadLosesNoAcknowledgedMessage() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/ri.sqlite"
        let (server, load) = try Self.underLoad(store: store, prefix: "K")
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        let (status, _) = load.finish()
        let acknowledged = load.acknowledged
        #expect(acknowledged.count >= 400)
        #expect(acknowledged.count < 4000, "the kill came after the load: nothing was tested")
        #expect(status != 0)
        let stored = try Self.storedLocalIDs(store)
        let lost = Set(acknowledged).subtracting(stored)
        #expect(lost.isEmpty, "acknowledged but not stored: \(lost.sorted().prefix(10))")

        // Restart: the first connection's messages again, from its first one; those already AA'd are replays.
        let restarted = try Server(["--store", store, "--port", "0", "--mllp-port", "0"])
        let again = try Load(port: try Self.mllpPort(restarted.nextLine()), connections: 1, messages: 500, prefix: "K")
        let (againStatus, againErrors) = again.finish()
        #expect(againStatus == 0, "\(againErrors)")
        #expect(restarted.terminate() == 0)
        let after = try Self.storedLocalIDs(store)
        let firstConnection = (0..<500).map { "K0-\($0)" }
        #expect(Set(firstConnection).isSubset(of: after))
        #expect(after.count == stored.union(firstConnection).count)
    }

    /// Bad input against `vigie serve --mllp-max-bytes 2048`: an HTTP request on the MLLP port is closed without
    /// an answer; a frame over the limit gets an AR and the same connection then gets its AA; the server goes on.
    @Test func garbageIsClosedAndOversizedFramesGetARAndTheServerGoesOn() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let server = try Server(["--store", dir + "/ri.sqlite", "--port", "0", "--mllp-port", "0", "--mllp-max-bytes", "2048"])
        let port = try Self.mllpPort(server.nextLine())
        let script = #"""
            import socket, sys
            port = int(sys.argv[1])
            s = socket.create_connection(("127.0.0.1", port)); s.settimeout(10)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            print("garbage", len(s.recv(100)))
            msh = "MSH|^~\\&|GAM|X|VIGIE|X|20260101||ADT^A28^ADT_A05|%s|P|2.5^FRA^2.11\rEVN||20260101\rPID|1||%s^^^X&000897406&N^PI||MARTIN^ALICE^ALICE^^^^L||19800101|F"
            s = socket.create_connection(("127.0.0.1", port)); s.settimeout(10)
            s.sendall(b"\x0b" + (msh % ("BIG", "1") + "\rNTE|1||" + "x" * 5000).encode() + b"\x1c\r")
            print("oversized", s.recv(4096).decode().split("\r")[1][:10])
            s.sendall(b"\x0b" + (msh % ("OK", "2")).encode() + b"\x1c\r")
            print("next", s.recv(4096).decode().split("\r")[1][:10])
            """#
        let (status, out, err) = try ServeProcessTests.runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, "\(port)"])
        #expect(status == 0, "\(err)")
        #expect(out == "garbage 0\noversized MSA|AR|BIG\nnext MSA|AA|OK\n")
        #expect(server.terminate() == 0)
        #expect(try Self.storedLocalIDs(dir + "/ri.sqlite") == ["2"])
    }

    /// MLLP over TLS with the committed test PKI (Tests/VigieINSiTests/Fixtures/tls, CN localhost, SAN 127.0.0.1):
    /// `--tls-cert/--tls-key` serve HTTPS and MLLPS; python's ssl checks the chain against the test CA.
    @Test func mllpOverTLSReusesTheServerCertificate() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pki = ServeProcessTests.root.appendingPathComponent("Tests/VigieINSiTests/Fixtures/tls").path
        let server = try Server([
            "--store", dir + "/ri.sqlite", "--port", "0", "--mllp-port", "0", "--tls-cert", pki + "/server.pem", "--tls-key", pki + "/server.key",
        ])
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        let port = try Self.mllpPort(server.nextLine())
        let load = try Load(port: port, connections: 2, messages: 5, prefix: "T", ca: pki + "/ca.pem")
        let (status, stderr) = load.finish()
        #expect(status == 0, "\(stderr)")
        #expect(load.acknowledged.count == 10)
        // A plain-text MLLP client gets no answer from the TLS listener.
        let plain = try Load(port: port, connections: 1, messages: 1, prefix: "P")
        let (plainStatus, _) = plain.finish()
        #expect(plainStatus != 0)
        // An idle TLS connection open at SIGTERM does not hold the server up.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import socket, ssl, sys, time
            c = ssl.create_default_context(cafile=sys.argv[1]).wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[2]))), server_hostname="127.0.0.1")
            print("open", flush=True)
            time.sleep(60)
            """, pki + "/ca.pem", "\(port)"]
        let opened = Pipe()
        holder.standardOutput = opened
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        #expect(String(decoding: opened.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("open"))
        #expect(server.terminate() == 0)
        #expect(try Self.storedLocalIDs(dir + "/ri.sqlite").count == 10)
    }
}
