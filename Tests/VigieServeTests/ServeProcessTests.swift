import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import VigieStore

/// The built `vigie` binary: `vigie operator add|token`, `vigie serve`'s first stdout line, a `vigie worker` and a
/// `vigie serve` on the same store at once, SIGTERM, and HTTPS with Secure cookies.
@Suite(.serialized) struct ServeProcessTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: URL? {
        [Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("vigie"), root.appendingPathComponent(".build/debug/vigie")]
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
    static let password = "un-mot-de-passe-assez-long"

    /// Runs `vigie ARGS` with `input` on stdin; returns status, stdout, stderr.
    static func run(_ arguments: [String], input: String = "") throws -> (Int32, String, String) {
        try runProcess(try #require(binary, "build the vigie executable first (swift build --build-tests)"), arguments, input: input)
    }

    /// Runs any program (python peers, bash) with `input` on stdin; returns status, stdout, stderr.
    static func runProcess(
        _ executable: URL, _ arguments: [String], input: String = "", directory: String? = nil, environment: [String: String]? = nil
    ) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// `vigie serve` running, with its first stdout line.
    final class Server: @unchecked Sendable {
        let process = Process()
        let stdout = Pipe(), stderr = Pipe()
        var url = ""

        init(_ arguments: [String]) throws {
            process.executableURL = try #require(ServeProcessTests.binary)
            process.arguments = ["serve"] + arguments
            process.standardOutput = stdout
            process.standardError = stderr
            try process.run()
            url = nextLine()
        }

        /// The next line of stdout (the MLLP URL follows the web URL with `--mllp-port`).
        func nextLine() -> String {
            var line: [UInt8] = []
            let fd = stdout.fileHandleForReading.fileDescriptor
            var byte: UInt8 = 0
            while Foundation.read(fd, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
            return String(decoding: line, as: UTF8.self)
        }

        /// SIGTERM, then the exit status (nil when it did not stop within 20 s).
        func terminate() -> Int32? {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { process.terminate(); return nil }
            return process.terminationStatus
        }

        var errors: String { String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self) }
    }

    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "vigie-serve-process-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func upsert(_ id: String, ipp: String, name: String, first: String) -> String {
        #"{"id":"\#(id)","op":"upsert","record":{"local_ids":[{"value":"\#(ipp)","domain":"CHU"}],"birth_name":"\#(name)","first_names":"\#(first)","sex":"F","birth_date":"1975-12-31","birth_place":"63220"}}"#
    }

    @Test func workerAndServeShareTheStoreAndServeStopsOnSIGTERM() async throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/ri.sqlite"
        let (status, _, addErrors) = try Self.run(["operator", "add", "--store", store, "--login", "cellule.test", "--role", "cell"], input: Self.password + "\n")
        #expect(status == 0, "\(addErrors)")
        #expect(!addErrors.contains(Self.password))
        let (tooShort, _, _) = try Self.run(["operator", "add", "--store", store, "--login", "x", "--role", "cell"], input: "short\n")
        #expect(tooShort != 0)
        let (tokenStatus, tokenOut, _) = try Self.run(["operator", "add", "--store", store, "--login", "eai", "--role", "system"], input: "\n")
        #expect(tokenStatus == 0)
        _ = tokenOut
        let (_, token, _) = try Self.run(["operator", "token", "--store", store, "--login", "eai"])
        let bearer = token.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(bearer.count >= 40)

        let server = try Server(["--store", store, "--port", "0"])
        #expect(server.url.range(of: #"^http://127\.0\.0\.1:[0-9]+/$"#, options: .regularExpression) != nil, "first line: \(server.url)")
        let worker = WorkerPipe(binary: try #require(Self.binary), store: store)
        try worker.start()
        // The worker writes while the server runs: ADRUN ZOE (CNDA test identity) registered twice, the second with a typo.
        worker.send(Self.upsert("u1", ipp: "1", name: "ADRUN", first: "ZOE"))
        #expect(worker.readLine()?.contains("created") == true)
        worker.send(Self.upsert("u2", ipp: "2", name: "ADRIN", first: "ZOE"))
        let second = worker.readLine() ?? ""
        #expect(second.contains("V1"), "\(second)")

        // The server sees the worker's review item, and its decision is seen by the worker.
        let client = TestClient(URL(string: server.url)!)
        let system = try await client.send("GET", "/api/reviews", headers: ["Authorization": "Bearer \(bearer)"])
        #expect(system.status == 200)
        #expect(try await client.login("cellule.test", password: Self.password).status == 200)
        let list = try await client.send("GET", "/api/reviews").json()
        let items = try #require(list["items"] as? [[String: Any]])
        #expect(items.count == 1)
        let item = try #require(items.first?["id"] as? Int)
        let decided = try await client.send("POST", "/api/reviews/\(item)/decision", json: ["decision": "not-duplicate", "comment": "deux personnes"])
        #expect(decided.status == 200)
        // The same record again through the worker: the pair is not queued again.
        worker.send(Self.upsert("u3", ipp: "2", name: "ADRIN", first: "ZOE"))
        #expect(worker.readLine() != nil)
        worker.send(#"{"id":"s","op":"stats"}"#)
        let stats = worker.readLine() ?? ""
        #expect(stats.contains(#""openReviews":0"#) || stats.contains(#""open_reviews":0"#), "\(stats)")
        worker.closeInput()
        worker.wait()
        #expect(worker.exitStatus == 0)

        #expect(server.terminate() == 0)
        let errors = server.errors
        for trait in ["ADRUN", "ADRIN", "ZOE", Self.password] { #expect(!errors.contains(trait)) }
        // Both processes' changes are in the file.
        let reopened = try IdentityStore(path: store)
        defer { reopened.close() }
        #expect(try reopened.reviewItem(Int64(item)).resolvedBy == "cellule.test")
    }

    /// `vigie worker --log-format json`: each stderr line one JSON object, the index build logged, a control
    /// character from the sender escaped (no forged line).
    @Test func workerLogsJSONLines() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = "MSH|^~\\&|GAM|X|VIGIE|X|20260101||ADT^A28^ADT_A05|C\\X0A\\forged|P|2.5\rPID|1"
        let (status, _, errors) = try Self.run(["worker", "--store", dir + "/ri.sqlite", "--log-format", "json", "--log-level", "info"], input: bad + "\n")
        #expect(status == 0)
        let lines = errors.split(separator: "\n")
        #expect(lines.count >= 3)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["time"] != nil && object?["level"] != nil && object?["message"] != nil, "not a JSON log line: \(line)")
        }
        #expect(lines.contains { $0.contains(#""message":"index built""#) })
    }

    @Test func tlsServesHTTPSWithSecureCookies() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/ri.sqlite"
        #expect(try Self.run(["operator", "add", "--store", store, "--login", "cellule.test", "--role", "cell"], input: Self.password + "\n").0 == 0)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem",
                             "-days", "1", "-subj", "/CN=127.0.0.1"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let server = try Server(["--store", store, "--port", "0", "--tls-cert", dir + "/cert.pem", "--tls-key", dir + "/key.pem"])
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        curl.arguments = ["curl", "-sk", "-D", "-", "-o", "/dev/null", "-H", "Content-Type: application/json",
                          "--data", #"{"login":"cellule.test","password":"\#(Self.password)"}"#, server.url + "api/session"]
        let out = Pipe()
        curl.standardOutput = out
        try curl.run()
        let headers = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(headers.contains("HTTP/1.1 200"), "\(headers)")
        let cookie = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: vigie_session=") } ?? ""
        #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
        #expect(server.terminate() == 0)
    }
}

/// A `vigie worker` with pipes (JSON lines in, answers out).
final class WorkerPipe: @unchecked Sendable {
    let process = Process()
    let input = Pipe(), output = Pipe()
    private var buffer: [UInt8] = []

    init(binary: URL, store: String) {
        process.executableURL = binary
        process.arguments = ["worker", "--store", store]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
    }

    func start() throws { try process.run() }
    func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }
    func closeInput() { try? input.fileHandleForWriting.close() }
    func wait() { process.waitUntilExit() }
    var exitStatus: Int32 { process.terminationStatus }

    func readLine() -> String? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                defer { buffer.removeSubrange(...newline) }
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return nil }
            buffer += chunk[..<count]
        }
    }
}
