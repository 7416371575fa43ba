import Foundation
import Testing

/// `vigie feed` end to end: a worker session commits changes, the feed sends them to an independent MLLP receiver
/// (python-hl7's MLLP server, every message parsed by hl7apy: `scripts/feed-receiver.py`). The receiver is
/// required: without python-hl7 or hl7apy these tests fail, they do not skip.
@Suite(.serialized) struct FeedTests {
    // MARK: Peers

    /// The python receiver; its first stdout line is its port.
    final class Receiver: @unchecked Sendable {
        let process = Process()
        let port: Int
        let out: String
        private let stderr: Collector

        init(out: String, port: Int = 0, arguments: [String] = []) throws {
            self.out = out
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["python3", VigieBinary.root.appendingPathComponent("scripts/feed-receiver.py").path, "--port", "\(port)", "--out", out]
                + arguments
            let stdout = Pipe(), err = Pipe()
            process.standardOutput = stdout
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            stderr = Collector(err.fileHandleForReading)
            guard let chosen = Int(VigieBinary.Server.firstLine(of: stdout)) else {
                process.waitUntilExit()
                throw PeerMissing(detail: "feed-receiver.py did not start (exit \(process.terminationStatus)): \(stderr.text())")
            }
            self.port = chosen
        }

        /// The messages received so far, in order.
        func received() -> [Received] {
            guard let text = try? String(contentsOfFile: out, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    struct PeerMissing: Error, CustomStringConvertible {
        var detail: String
        var description: String { detail }
    }

    /// What the receiver recorded of one message.
    struct Received: Decodable, Equatable {
        var control: String
        var event: String
        var structure: String
        var evn5: String
        var pid3: [[String]]
        var pid32: [String]
        var mrg1: [String]
    }

    // MARK: Messages

    static func a28(_ control: String, ipp: String, name: String, first: String = "JEANNE", birth: String = "19790328",
                    ins: String? = nil, pid32: String = "PROV", event: String = "A28", mrg: String? = nil) -> String {
        let insRepetition = ins.map { "~\($0)^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS" } ?? ""
        let structure = ["A28": "ADT_A05", "A31": "ADT_A05", "A40": "ADT_A39", "A47": "ADT_A30"][event] ?? "ADT_A05"
        var segments = [
            "MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20261125162658||ADT^\(event)^\(structure)|\(control)|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8",
            "EVN||20261125162658",
            "PID|1||\(ipp)^^^CHU-X&000897406&N^PI\(insRepetition)||\(name)^\(first)^\(first)^^^^L||\(birth)|F|||^^^^^^BDL^^63220|||||||||||||||||||||\(pid32)",
        ]
        if let mrg { segments.append("MRG|\(mrg)^^^CHU-X&000897406&N^PI") }
        return segments.joined(separator: "\r")
    }

    /// A worker session: A28 QUAL (the ANS test patient PAT-TROIS with her INS), A28 PROV, A28 of a duplicate, A40,
    /// A31 (used name), A47 (IPP replaced), A31 changing a strict trait of the QUAL identity (the end of its
    /// qualification), and an A28 whose INS comes without VALI (not integrated, never sent).
    static let session = [
        a28("1", ipp: "000003", name: "PAT-TROIS", first: "DOMINIQUE", ins: "279035121518989", pid32: "VALI"),
        a28("2", ipp: "000010", name: "NESSI", first: "NATHALIE", birth: "19770714"),
        a28("3", ipp: "U4471", name: "PAT TROIS", first: "DOMINIQUE"),
        a28("4", ipp: "000003", name: "PAT-TROIS", first: "DOMINIQUE", ins: "279035121518989", pid32: "VALI", event: "A40", mrg: "U4471"),
        a28("5", ipp: "000010", name: "NESSI", first: "NATHALIE", birth: "19770714", event: "A31").replacingOccurrences(
            of: "NESSI^NATHALIE^NATHALIE^^^^L", with: "NESSI^NATHALIE^NATHALIE^^^^L~DURAND^NATHALIE^^^^^D"),
        a28("6", ipp: "000011", name: "NESSI", first: "NATHALIE", birth: "19770714", event: "A47", mrg: "000010"),
        a28("7", ipp: "000003", name: "PAT-TROIS", first: "DOMINIQUE", birth: "19790329", pid32: "VALI", event: "A31"),
        a28("8", ipp: "000020", name: "ADRUN", first: "ZOE", birth: "19751231", ins: "275126322074974", pid32: "PROV"),
    ]

    func runWorker(_ workspace: CLIWorkspace, _ messages: [String], store: String) throws {
        let input = Data(messages.map { $0 + "\n" }.joined().utf8)
        let run = try workspace.vigie.run(["worker", "--store", store], input: input)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.contains("MSA|AA") }, "\(run)")
    }

    func feed(_ workspace: CLIWorkspace, store: String, port: Int, extra: [String] = []) throws -> VigieBinary.Run {
        try workspace.vigie.run(
            ["feed", "--store", store, "--subscriber", "dpi", "--to", "127.0.0.1:\(port)", "--once", "--log-level", "warning"] + extra)
    }

    // MARK: Tests

    @Test("vigie feed: A28, A40, A31, A47 in commit order, parsed by hl7apy, the INS only for a QUAL identity")
    func workerSessionReachesAnIndependentReceiver() throws {
        let workspace = try CLIWorkspace()
        let store = workspace.path("ri.sqlite")
        try runWorker(workspace, Self.session, store: store)
        let receiver = try Receiver(out: workspace.path("received.jsonl"))
        defer { receiver.kill() }
        let run = try feed(workspace, store: store, port: receiver.port)
        #expect(run.status == 0, "\(run)")
        let received = receiver.received()
        #expect(received.map(\.event) == ["A28", "A28", "A28", "A40", "A31", "A47", "A47", "A28"])
        #expect(received.map(\.structure) == ["ADT_A05", "ADT_A05", "ADT_A05", "ADT_A39", "ADT_A05", "ADT_A30", "ADT_A30", "ADT_A05"])
        #expect(received.map(\.control) == (1...8).map { "VIGIE\($0)" })
        #expect(received.allSatisfy { $0.evn5 == "GAM@CHU-X" })
        let insOID = "1.2.250.1.213.1.4.10"
        // 1: QUAL, with its INS (PID-32 VALI); 2, 3: PROV, no INS.
        #expect(received[0].pid3 == [["V1^PI^VIGIE", "000003^PI^000897406", "279035121518989^INS^\(insOID)"]])
        #expect(received[0].pid32 == ["VALI"])
        #expect(received[1].pid3 == [["V2^PI^VIGIE", "000010^PI^000897406"]] && received[1].pid32 == ["PROV"])
        // 4: A40, V3 (U4471) into V1, which is still QUAL.
        #expect(received[3].pid3 == [["V1^PI^VIGIE", "000003^PI^000897406", "279035121518989^INS^\(insOID)"]])
        #expect(received[3].mrg1 == ["V3^PI^VIGIE", "U4471^PI^000897406"])
        // 5: A31 of V2; 6: A47 000010 -> 000011.
        #expect(received[4].pid3 == [["V2^PI^VIGIE", "000010^PI^000897406"]])
        #expect(received[5].pid3 == [["V2^PI^VIGIE", "000011^PI^000897406"]] && received[5].mrg1 == ["000010^PI^000897406"])
        // 7: V1's birth date changed without INSi: no longer QUAL, so an A47 deletes the INS (PAM FR §4.4.4).
        #expect(received[6].pid3 == [["V1^PI^VIGIE", "000003^PI^000897406", "\"\"^INS^\(insOID)"]])
        #expect(received[6].mrg1 == ["279035121518989^INS^\(insOID)"])
        #expect(received[6].pid32 == ["VALI"])
        // 8: an INS sent without VALI is not integrated, and never leaves.
        #expect(!received[7].pid3[0].contains { $0.hasPrefix("275126322074974") })
        // Every INS in the feed belongs to a message whose identity was QUAL (PID-32 VALI and the INS together).
        for message in received where message.pid3.joined().contains(where: { $0.hasPrefix("2791") || $0.hasPrefix("2751") }) {
            #expect(message.pid32 == ["VALI"] && message.event != "A31")
        }

        // Caught up: a second run sends nothing.
        let again = try feed(workspace, store: store, port: receiver.port)
        #expect(again.status == 0, "\(again)")
        #expect(receiver.received().count == 8)
    }

    /// Checks at-least-once in order: with consecutive duplicates collapsed, exactly VIGIE1…VIGIEn, and at most
    /// `duplicates` messages received twice.
    func expectDeliveredInOrder(_ received: [Received], count: Int, duplicates: Int, _ comment: Comment) {
        var collapsed: [String] = []
        for message in received where collapsed.last != message.control { collapsed.append(message.control) }
        #expect(collapsed == (1...count).map { "VIGIE\($0)" }, comment)
        #expect(received.count - collapsed.count <= duplicates, comment)
    }

    static func manyA28(_ count: Int) -> [String] {
        let letters = Array("BCDFGHJKLMNPRSTVZ")
        return (1...count).map { i in
            var name = "NOM", value = i
            repeat { name.append(letters[value % letters.count]); value /= letters.count } while value > 0
            return a28("m\(i)", ipp: "P\(i)", name: name, first: ["JEANNE", "LOUIS", "MARIE", "PAUL"][i % 4],
                       birth: "19\(30 + i % 60)0\(1 + i % 9)1\(i % 10)")
        }
    }

    /// `vigie feed` running in the background towards `port`, and its stderr (warnings: the retries).
    func startFeeder(_ workspace: CLIWorkspace, store: String, port: Int, once: Bool) throws -> (Process, Collector) {
        let feeder = Process()
        feeder.executableURL = workspace.vigie.url
        feeder.arguments = ["feed", "--store", store, "--subscriber", "dpi", "--to", "127.0.0.1:\(port)", "--log-level", "warning"]
            + (once ? ["--once"] : [])
        feeder.standardOutput = FileHandle.nullDevice
        let stderr = Pipe()
        feeder.standardError = stderr
        let log = Collector(stderr.fileHandleForReading)
        try feeder.run()
        return (feeder, log)
    }

    func waitUntil(_ timeout: Double = 60, _ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(), Date() < deadline { usleep(20_000) }
    }

    @Test("vigie feed: SIGKILL of the feeder mid-stream, then a restart: nothing lost or reordered, at most the unacknowledged message again")
    func feederKilledMidStream() throws {
        let workspace = try CLIWorkspace()
        let store = workspace.path("ri.sqlite")
        let total = 40
        try runWorker(workspace, Self.manyA28(total), store: store)
        let receiver = try Receiver(out: workspace.path("received.jsonl"), arguments: ["--delay-ms", "30"])
        defer { receiver.kill() }
        let (feeder, _) = try startFeeder(workspace, store: store, port: receiver.port, once: false)
        waitUntil { receiver.received().count >= 10 }
        Foundation.kill(feeder.processIdentifier, SIGKILL)
        feeder.waitUntilExit()
        let beforeRestart = receiver.received().count
        #expect(beforeRestart >= 10 && beforeRestart < total, "the feeder was not killed mid-stream (\(beforeRestart) received)")
        let run = try feed(workspace, store: store, port: receiver.port)
        #expect(run.status == 0, "\(run)")
        expectDeliveredInOrder(receiver.received(), count: total, duplicates: 1, "after a SIGKILL of the feeder")
    }

    @Test("vigie feed: SIGKILL of the destination, restarted later: the feeder retries with backoff and delivers everything in order")
    func destinationKilledAndRestarted() throws {
        let workspace = try CLIWorkspace()
        let store = workspace.path("ri.sqlite")
        let total = 30
        try runWorker(workspace, Self.manyA28(total), store: store)
        let out = workspace.path("received.jsonl")
        let first = try Receiver(out: out, arguments: ["--delay-ms", "30"])
        let port = first.port
        let (feeder, log) = try startFeeder(workspace, store: store, port: port, once: true)
        waitUntil { first.received().count >= 8 }
        first.kill()
        // Down long enough for several retries, then back on the same port.
        usleep(1_500_000)
        #expect(feeder.isRunning, "the feeder gave up while the destination was down")
        let second = try Receiver(out: out, port: port)
        defer { second.kill() }
        feeder.waitUntilExit()
        #expect(feeder.terminationStatus == 0)
        #expect(log.text().contains("retrying"))
        expectDeliveredInOrder(second.received(), count: total, duplicates: 1, "after a SIGKILL of the destination")
    }

    @Test("vigie feed: AE from the destination stops the feed (exit 76) and leaves the position on that message")
    func refusalStopsTheFeed() throws {
        let workspace = try CLIWorkspace()
        let store = workspace.path("ri.sqlite")
        try runWorker(workspace, Self.session, store: store)
        for code in ["AE", "AR"] {
            let receiver = try Receiver(out: workspace.path("received-\(code).jsonl"), arguments: ["--refuse", "VIGIE3:\(code)"])
            defer { receiver.kill() }
            let run = try feed(workspace, store: store, port: receiver.port)
            #expect(run.status == 76, "\(run)")
            #expect(run.stderr.contains("answered \(code)") && run.stderr.contains("outbox entry 3"), "\(run)")
            // No trait in the report (names, birth date, INS of the session).
            for trait in ["PAT-TROIS", "NESSI", "DOMINIQUE", "1979", "279035121518989"] { #expect(!run.stderr.contains(trait), "\(run)") }
            // The second run starts again at the refused message: 1 and 2 were acknowledged by the first receiver.
            #expect(receiver.received().map(\.control) == (code == "AE" ? ["VIGIE1", "VIGIE2", "VIGIE3"] : ["VIGIE3"]))
        }
        // The position stayed before message 3: without --to, the feed writes it first, one message per line.
        let piped = try workspace.vigie.run(["feed", "--store", store, "--subscriber", "dpi", "--once"])
        #expect(piped.status == 0, "\(piped)")
        let lines = piped.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.first?.contains("|VIGIE3|") == true && lines.last?.contains("|VIGIE8|") == true)
        #expect(lines.allSatisfy { $0.hasPrefix("MSH|") && $0.contains("\r") })
        // Written is delivered: the position advanced.
        let after = try workspace.vigie.run(["feed", "--store", store, "--subscriber", "dpi", "--once"])
        #expect(after.status == 0 && after.stdout.isEmpty, "\(after)")
    }

    @Test("vigie feed: the stdout feed is what vigie worker reads — a second RI replays the first one's changes")
    func pipedIntoAnotherWorker() throws {
        let workspace = try CLIWorkspace()
        let store = workspace.path("ri.sqlite")
        try runWorker(workspace, Array(Self.session.prefix(3)), store: store)
        let piped = try workspace.vigie.run(["feed", "--store", store, "--subscriber", "copy", "--once"])
        #expect(piped.status == 0, "\(piped)")
        let answers = try workspace.vigie.run(["worker", "--store", workspace.path("copy.sqlite")], input: Data(piped.stdout.utf8))
        #expect(answers.status == 0, "\(answers)")
        #expect(answers.stdout.split(separator: "\n").count == 3)
        #expect(answers.stdout.split(separator: "\n").allSatisfy { $0.contains("MSA|AA") }, "\(answers)")
    }

    @Test("vigie feed --tls-ca: over TLS to a receiver with a certificate of that CA naming it; another CA's or another name's is refused")
    func overTLS() throws {
        let workspace = try CLIWorkspace()
        let store = workspace.path("ri.sqlite")
        try runWorker(workspace, Array(Self.session.prefix(2)), store: store)
        // The loopback test PKI committed for the INSi client's mutual TLS (make-certificates.sh beside it).
        let pki = VigieBinary.root.appendingPathComponent("Tests/VigieINSiTests/Fixtures/tls")
        func file(_ name: String) -> String { pki.appendingPathComponent(name).path }
        func receiver(_ name: String) throws -> Receiver {
            try Receiver(out: workspace.path("\(name).jsonl"), arguments: ["--tls-cert", file("\(name).pem"), "--tls-key", file("\(name).key")])
        }
        // Refused, never delivered, given up after the retries allowed: the server's certificate checked against a CA
        // that did not sign it, then a certificate of the right CA that does not name 127.0.0.1 (the client's).
        let server = try receiver("server"), misnamed = try receiver("client")
        defer { server.kill(); misnamed.kill() }
        for (destination, ca) in [(server, "rogue.pem"), (misnamed, "ca.pem")] {
            let refused = try feed(workspace, store: store, port: destination.port, extra: ["--tls-ca", file(ca), "--retry-limit", "2"])
            #expect(refused.status == 69 && refused.stderr.contains("CERTIFICATE_VERIFY_FAILED"), "\(refused)")
            #expect(destination.received().isEmpty)
        }
        let run = try feed(workspace, store: store, port: server.port, extra: ["--tls-ca", file("ca.pem")])
        #expect(run.status == 0, "\(run)")
        #expect(server.received().map(\.control) == ["VIGIE1", "VIGIE2"])
    }
}
