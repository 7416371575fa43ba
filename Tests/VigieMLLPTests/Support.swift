import Foundation
import Logging
import Testing
import VigieIntegration
import VigieMLLP
import VigieStore
import VigieWorker

/// A worker on a fresh store behind an MLLP listener on 127.0.0.1 (port 0), as `vigie` runs it.
final class ListenerHarness: Sendable {
    let directory: URL
    let store: IdentityStore
    let worker: Worker
    let queue: WorkerQueue
    let server: MLLPServer
    let serving: Task<Void, any Error>

    // The default idle timeout is long: on a loaded 2-core machine a test can wait minutes between two sends, and a
    // closed connection would then fail a test that is not about idleness (the idle test sets its own).
    init(maxMessageBytes: Int = 1 << 20, idleTimeout: Duration = .seconds(900)) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-mllp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try IdentityStore(path: directory.appendingPathComponent("ri.sqlite").path)
        worker = try Worker(store: store, logger: Logger(label: "test.worker", factory: { _ in SwiftLogNoOpLogHandler() }))
        queue = WorkerQueue(worker: worker)
        let milliseconds = idleTimeout.components.seconds * 1000 + idleTimeout.components.attoseconds / 1_000_000_000_000_000
        server = try await MLLPServer(
            configuration: MLLPServerConfiguration(maxMessageBytes: maxMessageBytes, idleTimeout: .milliseconds(milliseconds)),
            handler: WorkerMLLPHandler(worker: worker, queue: queue),
            logger: Logger(label: "test.mllp", factory: { _ in SwiftLogNoOpLogHandler() }))
        let server = self.server
        serving = Task { try await server.run() }
    }

    /// Stops the listener, then the queue, then closes the store (the order `vigie` shuts down in).
    func shutdown() async {
        server.stop()
        _ = await serving.result
        queue.close()
        store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// PAM FR messages for the tests (the shapes of the ANS examples).
enum PAM {
    static func a28(control: String, ipp: String, name: String, first: String, birth: String, sex: String = "F") -> String {
        [
            "MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|\(control)|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8",
            "EVN||20260101120000",
            "PID|1||\(ipp)^^^CHU-X&000897406&N^PI||\(name)^\(first)^\(first)^^^^L||\(birth)|\(sex)",
        ].joined(separator: "\r")
    }

    /// A birth date for patient `i`, spread over 80 years so that patients do not all block together.
    static func birth(_ i: Int) -> String {
        let year = 1930 + i % 80, month = 1 + (i / 80) % 12, day = 1 + (i / 960) % 28
        return "\(year)" + (month < 10 ? "0" : "") + "\(month)" + (day < 10 ? "0" : "") + "\(day)"
    }

    static let firstNames = ["JEANNE", "LOUIS", "MARIE", "PAUL", "CLAIRE", "HUGO", "EMMA", "JULES", "LEA", "ADAM", "CHLOE", "NOAH"]

    /// A distinct, valid name for patient `i` (letters only).
    static func name(_ i: Int) -> String {
        let letters = Array("BCDFGHJKLMNPRSTVZ")
        var value = i
        var text = "NOM"
        repeat {
            text.append(letters[value % letters.count])
            value /= letters.count
        } while value > 0
        return text
    }
}

/// The MSA segment's fields of an ACK.
func acknowledgement(_ answer: [UInt8]) -> (code: String, control: String) {
    let text = String(decoding: answer, as: UTF8.self)
    guard let msa = text.split(separator: "\r").first(where: { $0.hasPrefix("MSA|") }) else { return ("", "") }
    let fields = msa.split(separator: "|", omittingEmptySubsequences: false)
    return (fields.count > 1 ? String(fields[1]) : "", fields.count > 2 ? String(fields[2]) : "")
}

/// A plain TCP connection (POSIX sockets), to send bytes that are not MLLP.
final class RawConnection {
    let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { throw POSIXError(.ECONNREFUSED) }
        // Long enough for a loaded 2-core machine running the whole suite; a server that never closes still fails.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything until the peer closes (or 120 s pass); nil on timeout. A reset counts as a close: either way the
    /// peer answered nothing more.
    func readToEnd() -> [UInt8]? {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { return all }
            if count < 0 { return errno == ECONNRESET ? all : nil }
            all += chunk[0..<count]
        }
    }
}

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs blocking work (a socket read, a child process) on a Dispatch thread: blocking one of Swift's few
/// cooperative threads (two on a 2-core machine) would starve the listener under test.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
