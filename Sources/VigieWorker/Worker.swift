import Foundation
import Logging
import VigieHL7
import VigieIdentity
import VigieMatch
import VigieRI
import VigieStore
import VigieSupport

/// The line protocol engine: one request line in, one answer line out.
///
/// A line starting with `MSH` is an HL7 v2.5 message (segments separated by CR), answered with an ACK (or an
/// `RSP^K22` for a PDQ query); a line starting with `{` is a JSON request, answered with a JSON object. Every
/// line gets exactly one answer, whatever it holds: bad input is answered with an error naming what is wrong
/// and changes nothing.
///
/// The worker is a protocol adapter: it maps HL7 and JSON requests to the référentiel's commands (`Referentiel`,
/// VigieRI, which owns the rules, the live index and the group commit) and its outcomes or errors back to answers.
/// A write's answer is returned only after the store has committed it (with the answer, for idempotency): the
/// caller writes it out and may then consider it acknowledged. Logs carry message kinds, control ids, RI ids and
/// codes, never an identity trait.
public final class Worker: Sendable {
    /// The référentiel the worker serves.
    public let ri: Referentiel
    var store: IdentityStore { ri.store }
    let configuration: WorkerConfiguration
    let logger: Logger
    private let controlIDs: ControlIDs
    /// MSH-7 of the answers, formatted once per second.
    private let times = HL7TimeCache()

    /// Opens the worker on `store`, building the live index from every active identity.
    public init(
        store: IdentityStore, model: MatchModel = .builtIn, configuration: WorkerConfiguration = WorkerConfiguration(),
        logger: Logger = Logger(label: "vigie.worker")
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.controlIDs = ControlIDs(start: configuration.now())
        self.ri = try Referentiel(
            store: store, model: model,
            configuration: RIConfiguration(candidateLimit: configuration.candidateLimit, now: configuration.now), logger: logger)
    }

    /// The worker's protocol on a référentiel already open (`vigie serve`'s MLLP listener shares the web
    /// workspace's: one process, one live index, one writer of the store).
    public init(
        ri: Referentiel, configuration: WorkerConfiguration = WorkerConfiguration(), logger: Logger = Logger(label: "vigie.worker")
    ) {
        self.configuration = configuration
        self.logger = logger
        self.controlIDs = ControlIDs(start: configuration.now())
        self.ri = ri
    }

    /// Identities in the live index.
    public var indexedIdentities: Int { ri.indexedIdentities }

    /// Answers several request lines as `handle(lines:)` does, each answer encoded in the character set its request
    /// declared (HL7 MSH-18 `8859/1`: ISO 8859-1; otherwise UTF-8).
    public func handleEncoded(lines: [[UInt8]]) -> [[UInt8]] {
        let answers = handle(lines: lines)
        return zip(lines, answers).map { line, answer in
            // An ASCII answer is the same bytes in both character sets: the request's MSH-18 is looked for only
            // when the answer holds something else (a name with an accent read from the store).
            let bytes = Array(answer.utf8)
            guard HL7Charset.hasHighBytes(bytes), HL7Charset.declared(by: line) == .latin1 else { return bytes }
            return HL7Charset.latin1(answer)
        }
    }

    /// Answers one request line (without its line terminator). The answer holds no line feed.
    /// A write is committed before this returns; see `handle(lines:)` to commit several at once.
    public func handle(line: some Collection<UInt8>) -> String {
        handle(lines: [Array(line)])[0]
    }

    /// `handle(line:)` for a byte array: called from another module, the generic one copies the line byte by
    /// byte through the `Collection` witnesses (it is not specialised there).
    public func handle(line: [UInt8]) -> String {
        handle(lines: [line])[0]
    }

    /// Decodes one line into what it asks for.
    func step(for line: [UInt8]) -> WorkerStep {
        var bytes = line
        if bytes.count > configuration.maxLineBytes { return .answer { self.tooLong(bytes) } }
        while let last = bytes.last, last == 0x0D || last == 0x0A || last == 0x20 || last == 0x09 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.count
        if start == bytes.count {
            return .answer {
                self.log(.notice, "refused", kind: "line", controlID: nil, code: "empty-line", detail: nil)
                return self.jsonError(id: nil, RequestError(.segmentSequenceError, nil, "empty line"), code: "empty-line")
            }
        }
        if start > 0 { bytes.removeFirst(start) }
        if bytes.count >= 3, bytes[0] == UInt8(ascii: "M"), bytes[1] == UInt8(ascii: "S"), bytes[2] == UInt8(ascii: "H") {
            // PAM FR allows MSH-18 `8859/1` besides `UNICODE UTF-8`: decoded here, answered in kind by `serve`.
            if HL7Charset.decoding(bytes) == .latin1 { return hl7Step(HL7Charset.utf8(fromLatin1: bytes)) }
            return hl7Step(bytes)
        }
        if bytes[0] == UInt8(ascii: "{") { return jsonStep(bytes) }
        return .answer {
            self.log(.notice, "refused", kind: "line", controlID: nil, code: "unrecognised-line", detail: nil)
            return self.jsonError(
                id: nil, RequestError(.segmentSequenceError, nil, "a line must be an HL7 message (MSH…) or a JSON object ({…})"),
                code: "unrecognised-line")
        }
    }

    /// The answer to a message refused for its size before it was read whole (an MLLP frame over the limit),
    /// from its first bytes: an AR addressed from its MSH when it has one, a JSON error otherwise.
    public func refusal(forOversizedMessageStartingWith prefix: [UInt8]) -> String {
        tooLong(prefix)
    }

    /// Answers a line over the size limit, read no further than needed to address the answer.
    private func tooLong(_ bytes: [UInt8]) -> String {
        let diagnostic = "line exceeds \(configuration.maxLineBytes) bytes"
        if bytes.starts(with: Array("MSH".utf8)) {
            let header = Self.lenientHeader(Array(bytes.prefix(min(bytes.count, 4096))))
            log(.notice, "refused", kind: "hl7", controlID: header?[10].value, code: "AR", detail: diagnostic)
            let report = HL7ErrorReport(code: .dataTypeError, location: HL7ErrorLocation(segmentID: "MSH"), diagnostic: diagnostic)
            return answer(HL7Acknowledgement.ack(for: header, code: .reject, errors: [report], envelope: envelope()))
        }
        log(.notice, "refused", kind: "line", controlID: nil, code: "line-too-long", detail: diagnostic)
        return jsonError(id: nil, RequestError(.dataTypeError, nil, diagnostic), code: "line-too-long")
    }

    // MARK: Shared

    /// The answer's MSH-10 and MSH-7.
    func envelope() -> HL7Acknowledgement.Envelope {
        let now = configuration.now()
        return HL7Acknowledgement.Envelope(application: configuration.application, controlID: controlIDs.next(), time: times.hl7Time(now))
    }

    /// `YYYYMMDDHHMMSS+0000` (UTC). `gmtime_r` rather than a `Calendar` per message: this runs for every answer.
    public static func hl7Time(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var c = tm()
        gmtime_r(&seconds, &c)
        let year = Int(c.tm_year) + 1900
        guard (1000...9999).contains(year) else {
            func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
            return "\(year)\(two(c.tm_mon + 1))\(two(c.tm_mday))\(two(c.tm_hour))\(two(c.tm_min))\(two(c.tm_sec))+0000"
        }
        // Digits written into 19 bytes: string interpolation per answer cost ~4 000 instructions.
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 19)
        func put(_ value: Int, at offset: Int, width: Int) {
            var rest = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        put(year, at: 0, width: 4)
        put(Int(c.tm_mon) + 1, at: 4, width: 2)
        put(Int(c.tm_mday), at: 6, width: 2)
        put(Int(c.tm_hour), at: 8, width: 2)
        put(Int(c.tm_min), at: 10, width: 2)
        put(Int(c.tm_sec), at: 12, width: 2)
        bytes[14] = UInt8(ascii: "+")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Any error of a request as a `RequestError`: the référentiel's errors become the table 0357 condition they
    /// mean, at the place `locate` gives for their field.
    static func requestError(
        _ error: any Error, default location: HL7ErrorLocation?, locate: (RIField) -> (HL7ErrorLocation?, String?) = { _ in (nil, nil) }
    ) -> RequestError {
        if let error = error as? RequestError { return error }
        if let error = error as? HL7ErrorReport { return RequestError(error) }
        let failure = error as? RIError ?? RIError(error)
        let (place, field) = failure.field.map(locate) ?? (location, nil)
        let code: HL7ErrorCode = switch failure.code {
        case .invalidValue: .dataTypeError
        case .missingValue: .requiredFieldMissing
        case .unknownCode: .tableValueNotFound
        case .notFound: .unknownKeyIdentifier
        case .conflict: .duplicateKeyIdentifier
        case .forbidden, .collision, .unavailable, .storage: .applicationInternalError
        }
        return RequestError(code, failure.code == .storage ? nil : (place ?? location), field: field, failure.message, riCode: failure.code)
    }

    /// Logs one request. Only kinds, control ids, RI ids, codes and diagnostics (which never hold a trait).
    func log(
        _ level: Logger.Level, _ event: String, kind: String, controlID: String?, code: String, identity: String? = nil,
        detail: String?
    ) {
        // Building the metadata costs more than a query's matching at 1 000 000 identities: not when it is not logged.
        guard level >= logger.logLevel else { return }
        // Control ids and identity ids come from the sender: escaped (LogSafe), so that `\X0A\` forges no line.
        var metadata: Logger.Metadata = ["kind": "\(kind)", "code": "\(code)"]
        if let controlID { metadata["control_id"] = "\(LogSafe.field(controlID, maximumScalars: 64))" }
        if let identity { metadata["identity"] = "\(LogSafe.field(identity))" }
        if let detail { metadata["detail"] = "\(LogSafe.line(detail))" }
        logger.log(level: level, "\(event)", metadata: metadata)
    }
}

/// `Worker.hl7Time` of the last second seen: answers come by thousands per second, and formatting one costs
/// ≈ 1 600 instructions (`gmtime_r`, the digits, the string).
private final class HL7TimeCache: @unchecked Sendable {
    private let lock = NSLock()
    private var second = Int64.min
    private var text = ""

    func hl7Time(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Outside Int64 (never for a real clock): no caching, the formatter handles it.
        guard seconds > -9.2e18, seconds < 9.2e18 else { return Worker.hl7Time(date) }
        let key = Int64(seconds)
        lock.lock()
        defer { lock.unlock() }
        if key != second {
            text = Worker.hl7Time(date)
            second = key
        }
        return text
    }
}

/// Answers' MSH-10: a prefix from the start time (base 36) and a counter, unique per worker run.
private final class ControlIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var counter = 0
    private let prefix: String

    init(start: Date) {
        prefix = "VG" + String(Int(start.timeIntervalSince1970), radix: 36).uppercased()
    }

    func next() -> String {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return "\(prefix).\(counter)"
    }
}
