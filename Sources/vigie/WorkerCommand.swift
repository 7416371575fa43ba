import ArgumentParser
import Foundation
import Logging
import Vigie

/// `vigie worker --store PATH [--model M]`: the RI's line protocol on stdin/stdout.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve HL7 v2.5 (PAM FR, PDQ) and JSON lines on stdin/stdout against an identity store.",
        discussion: """
            One request per line on stdin, one answer per line on stdout, in order. A line starting with MSH is an \
            HL7 v2.5 message (segments separated by CR); a line starting with { is a JSON request. An answer is \
            written only once its change is committed to the store. Logs go to stderr and never hold an identity trait.
            """)

    @Option(help: "The identity store (SQLite file; created when absent).")
    var store: String

    @Option(help: "A match model saved by 'vigie dedupe --train' (default: the built-in model).")
    var model: String?

    @Option(help: "The longest request line accepted, in bytes.")
    var maxLineBytes: Int = 1 << 20

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    func validate() throws {
        guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes must be at least 64") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .notice
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "vigie.worker")
        let matchModel: MatchModel
        if let model {
            matchModel = try CommandFiles.reading("--model", model) { try MatchModel.load(contentsOf: model) }
        } else {
            matchModel = .builtIn
        }
        let identityStore = try CommandFiles.store(store)
        let worker = try Worker(
            store: identityStore, model: matchModel, configuration: WorkerConfiguration(maxLineBytes: maxLineBytes),
            logger: logger)
        signal(SIGPIPE, SIG_IGN)
        var reader = LineReader(fd: 0, maxLineBytes: maxLineBytes)
        var served = 0
        // Group commit: wait for one line, take the lines already waiting behind it (never waiting for more),
        // process them as one batch (one fsync), then write their answers, which are all durable by then.
        while let first = reader.next() {
            var lines = [first]
            while lines.count < Worker.maxBatchLines, reader.hasWaitingLine(), let line = reader.next() { lines.append(line) }
            var answers: [UInt8] = []
            for answer in worker.handle(lines: lines) {
                answers += answer.utf8
                answers.append(0x0A)
            }
            guard writeAll(1, answers) else {
                logger.error("stdout closed; stopping", metadata: ["served": "\(served)"])
                identityStore.close()
                throw ExitCode(ExitStatus.io.rawValue)  // logged just above: one line
            }
            served += lines.count
        }
        logger.notice("stdin closed; stopping", metadata: ["served": "\(served)"])
        identityStore.close()
    }
}

/// Reads LF-terminated lines from a file descriptor. A line longer than the limit is returned cut at
/// `maxLineBytes + 1` bytes (so the worker sees it is too long) and the rest of it is skipped unread into memory.
struct LineReader {
    let fd: Int32
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(fd: Int32, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        buffer.reserveCapacity(1 << 16)
    }

    /// Whether `next()` has a line to return without waiting: one is buffered, or the descriptor has bytes
    /// ready that complete one (read now without blocking), or the input ended with bytes left.
    mutating func hasWaitingLine() -> Bool {
        while true {
            if buffer[start...].contains(0x0A) { return true }
            if finished { return start < buffer.count }
            // A line longer than the limit is `next()`'s to cut; do not buffer it here.
            if buffer.count - start > maxLineBytes { return true }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 0) > 0 else { return false }
            readChunk()
        }
    }

    /// Reads what the descriptor has into the buffer (waiting for it when nothing is there yet); an error or the
    /// end of input ends the reading.
    private mutating func readChunk() {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]) } else { finished = true }
            return
        }
    }

    mutating func next() -> [UInt8]? {
        var line: [UInt8] = []
        var overflow = false
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                if !overflow {
                    line += buffer[start..<newline]
                    if line.count > maxLineBytes { line.removeLast(line.count - maxLineBytes - 1) }
                }
                start = newline + 1
                return line
            }
            if !overflow {
                line += buffer[start...]
                if line.count > maxLineBytes {
                    line.removeLast(line.count - maxLineBytes - 1)
                    overflow = true
                }
            }
            buffer.removeAll(keepingCapacity: true)
            start = 0
            if finished { return line.isEmpty && !overflow ? nil : line }
            readChunk()
        }
    }
}

/// Writes every byte (retrying short writes and EINTR); false when the descriptor is closed.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}
