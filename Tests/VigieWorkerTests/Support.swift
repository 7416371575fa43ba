import Foundation
import Logging
import Testing
import VigieHL7
import VigieIdentity
import VigieMatch
import VigieStore
@testable import VigieWorker

/// A worker on a fresh store in a temporary directory, with a fixed clock and captured logs.
final class WorkerHarness {
    let directory: URL
    let store: IdentityStore
    let worker: Worker
    let logs = LogCapture()

    init(candidateLimit: Int = 10, maxLineBytes: Int = 1 << 20) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-worker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try IdentityStore(path: directory.appendingPathComponent("ri.sqlite").path)
        let capture = logs
        let logger = Logger(label: "test.worker") { _ in capture.handler() }
        worker = try Worker(
            store: store, model: .builtIn,
            configuration: WorkerConfiguration(
                maxLineBytes: maxLineBytes, candidateLimit: candidateLimit,
                now: { Date(timeIntervalSince1970: 1_767_225_600) }),
            logger: logger)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sends one line, returns the raw answer.
    func send(_ line: String) -> String { worker.handle(line: Array(line.utf8)) }

    /// Sends an HL7 line and parses the answer.
    func hl7(_ line: String) throws -> HL7Message {
        let answer = send(line)
        #expect(!answer.contains("\n"))
        return try HL7Message(parsing: answer)
    }

    /// Sends a JSON line and parses the answer.
    func json(_ line: String) throws -> [String: Any] {
        let answer = send(line)
        #expect(!answer.contains("\n"))
        return try #require(JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])
    }
}

extension HL7Message {
    var ackCode: String { first("MSA")?[1].value ?? "" }
    var zvg: HL7Segment? { first("ZVG") }
    var errors: [HL7Segment] { segments("ERR") }
}

/// Collects log lines so that tests can check no identity trait reaches them.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    func handler() -> some LogHandler { CapturingHandler(capture: self) }
}

struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        capture.append("\(event.level) \(event.message) \(event.metadata ?? [:])")
    }
}

/// Builds PAM FR messages for tests (the shapes of the ANS examples).
enum PAM {
    static func msh(_ event: String, _ structure: String, control: String, sender: String = "GAM") -> String {
        "MSH|^~\\&|\(sender)|CHU-X|VIGIE|CHU-X|20260101120000||ADT^\(event)^\(structure)|\(control)|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8"
    }

    static func pid(
        ipp: String, name: String, first: String, birth: String, sex: String = "F", place: String = "",
        ins: String? = nil, status: String = "PROV", setID: Int = 1
    ) -> String {
        var pid3 = "\(ipp)^^^CHU-X&000897406&N^PI"
        if let ins { pid3 += "~\(ins)^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS" }
        let pid11 = place.isEmpty ? "" : "^^^^^^BDL^^\(place)"
        var fields = Array(repeating: "", count: 33)
        fields[0] = "PID"
        fields[1] = String(setID)
        fields[3] = pid3
        fields[5] = "\(name)^\(first)^\(first)^^^^L"
        fields[7] = birth
        fields[8] = sex
        fields[11] = pid11
        fields[32] = status
        return fields.joined(separator: "|")
    }

    static func a28(control: String, _ pid: String) -> String {
        [msh("A28", "ADT_A05", control: control), "EVN||20260101120000", pid].joined(separator: "\r")
    }

    static func a31(control: String, _ pid: String) -> String {
        [msh("A31", "ADT_A05", control: control), "EVN||20260101120000", pid].joined(separator: "\r")
    }
}
