import Foundation
import Testing
import VigieStore
import VigieText

/// Runs the built `vigie worker` binary: the line protocol end to end, and durability under SIGKILL.
@Suite(.serialized) struct WorkerProcessTests {
    /// `.build/debug/vigie`, built with the tests (`swift build --build-tests` builds every product).
    static var binary: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("vigie"),
            root.appendingPathComponent(".build/debug/vigie"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func pipedSessionAnswersEveryLineInOrder() throws {
        signal(SIGPIPE, SIG_IGN)  // writing to a killed worker must fail with EPIPE, not kill the test runner
        let binary = try #require(Self.binary, "build the vigie executable first (swift build --build-tests)")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("ri.sqlite").path
        let lines = [
            PAM.a28(control: "1", PAM.pid(ipp: "100", name: "MARTIN", first: "ALICE", birth: "19800101")),
            "garbage",
            #"{"id":"j1","op":"stats"}"#,
            PAM.a28(control: "2", PAM.pid(ipp: "200", name: "MARTIN", first: "ALICE", birth: "19800101")),
        ]
        let process = WorkerProcess(binary: binary, store: store)
        try process.start()
        for line in lines { process.send(line) }
        process.closeInput()
        var answers: [String] = []
        while let answer = process.readLine() { answers.append(answer) }
        process.wait()
        #expect(answers.count == lines.count)
        #expect(answers[0].contains("MSA|AA|1"))
        #expect(answers[1].contains("unrecognised-line"))
        #expect(answers[2].contains(#""id":"j1""#))
        #expect(answers[3].contains("MSA|AA|2"))
        #expect(answers[3].contains("ZVG|V2|PROV|created|"))
        #expect(process.exitStatus == 0)
        #expect(!process.standardError.contains("MARTIN"))
    }

    /// Kills the worker with SIGKILL at seeded random points while it is fed A28/A31 messages, restarts it and
    /// re-sends what was not acknowledged (as an integration engine does). Every acknowledged change must be
    /// in the store, re-sends must not duplicate anything, and no identity may be half-written.
    @Test func everyAcknowledgedChangeSurvivesSIGKILL() throws {
        signal(SIGPIPE, SIG_IGN)  // writing to a killed worker must fail with EPIPE, not kill the test runner
        let binary = try #require(Self.binary, "build the vigie executable first (swift build --build-tests)")
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("ri.sqlite").path
        var generator = SplitMix64(seed: 20_261_125)
        let total = 120
        // Message i creates patient i (A28); every 5th is then updated (A31) with a new birth place.
        var messages: [(control: String, ipp: String, line: String)] = []
        for i in 0..<total {
            let name = Self.name(i)
            messages.append(("c\(i)", "P\(i)", PAM.a28(control: "c\(i)", PAM.pid(ipp: "P\(i)", name: name, first: "JEAN", birth: "19\(50 + i % 50)0101", sex: "M"))))
            if i % 5 == 4 {
                messages.append(("u\(i)", "P\(i)", PAM.a31(control: "u\(i)", PAM.pid(ipp: "P\(i)", name: name, first: "JEAN", birth: "19\(50 + i % 50)0101", sex: "M", place: "75056"))))
            }
        }
        var acknowledged: [String: String] = [:]  // control id -> answer
        var next = 0
        var kills = 0
        var batches = 0  // group commits of more than one message, as logged by the workers
        let deadline = Date().addingTimeInterval(120)
        while next < messages.count && Date() < deadline {
            let process = WorkerProcess(binary: binary, store: store)
            try process.start()
            // Feed everything not yet acknowledged; kill after a seeded number of answers.
            let pending = Array(messages[next...])
            let killAfter = kills < 4 ? Int.random(in: 1...25, using: &generator) : Int.max
            let writer = Thread { for message in pending { process.send(message.line) }; process.closeInput() }
            writer.start()
            var received = 0
            while let answer = process.readLine() {
                let message = pending[received]
                #expect(answer.contains("MSA|AA|\(message.control)"), "\(answer)")
                acknowledged[message.control] = answer
                received += 1
                if received == killAfter {
                    process.kill()
                    kills += 1
                    break
                }
            }
            process.wait()
            batches += process.standardError.components(separatedBy: "batch committed").count - 1
            next += received
        }
        #expect(kills == 4)
        // The lines are piped faster than fsyncs complete: the worker must have committed some together.
        #expect(batches > 0)
        #expect(next == messages.count, "all messages acknowledged in the end")
        #expect(acknowledged.count == messages.count)

        // Check the store directly.
        let ri = try IdentityStore(path: store)
        defer { ri.close() }
        let stats = try ri.stats()
        #expect(stats.activeIdentities == total)
        for patient in 0..<total {
            let stored = try #require(try ri.identity(localID: LocalIdentifier(value: "P\(patient)", domain: "000897406")), "P\(patient)")
            #expect(stored.identity.traits.birthName == Self.name(patient))
            // The A31 of every 5th patient was acknowledged: its birth place must be there.
            #expect(stored.identity.traits.birthPlace?.code == (patient % 5 == 4 ? "75056" : nil))
        }
        // Nothing half-applied: every identity has its identifier and its creation in the journal.
        var identities = 0
        try ri.forEachIdentity { stored in
            identities += 1
            #expect(stored.localIDs.count == 1)
        }
        #expect(identities == total)
        let creations = try (1...total).map { try ri.history(id: "V\($0)").filter { $0.action == .created }.count }
        #expect(creations.allSatisfy { $0 == 1 })
    }

    static func name(_ i: Int) -> String {
        let syllables = ["BA", "LO", "RI", "MA", "TE", "NU", "VO", "SE", "DI", "CA"]
        return syllables[i % 10] + syllables[(i / 10) % 10] + syllables[(i / 100) % 10] + "X"
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The worker binary with pipes on stdin and stdout.
final class WorkerProcess: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    private var buffer: [UInt8] = []
    private let lock = NSLock()
    private var inputClosed = false
    private var errorText: [UInt8] = []

    init(binary: URL, store: String) {
        process.executableURL = binary
        process.arguments = ["worker", "--store", store, "--log-level", "info"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
    }

    func start() throws {
        try process.run()
        let handle = errors.fileHandleForReading
        Thread {
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                self.lock.lock(); self.errorText += data; self.lock.unlock()
            }
        }.start()
    }

    func send(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        guard !inputClosed else { return }
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        let fd = input.fileHandleForWriting.fileDescriptor
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if written <= 0 { inputClosed = true; return }  // the worker is gone (killed)
            offset += written
        }
    }

    func closeInput() {
        lock.lock(); defer { lock.unlock() }
        guard !inputClosed else { return }
        inputClosed = true
        try? input.fileHandleForWriting.close()
    }

    /// The next answer line, or nil at end of output.
    func readLine() -> String? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return nil }
            buffer += chunk[..<count]
        }
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
    }

    func wait() {
        process.waitUntilExit()
        lock.lock(); inputClosed = true; lock.unlock()
    }

    var exitStatus: Int32 { process.terminationStatus }
    var standardError: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errorText, as: UTF8.self) }
}

