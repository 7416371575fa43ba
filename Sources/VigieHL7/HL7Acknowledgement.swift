/// Builds answers: original-mode acknowledgements (`ACK` with MSA and ERR) and query responses (`RSP^K22`).
///
/// The answer's header mirrors the request's: sending and receiving application/facility are swapped, the
/// processing id, version, country and character set are echoed, and MSA-2 names the request's MSH-10.
public enum HL7Acknowledgement {
    /// MSA-1 in original mode (HL7 table 0008).
    public enum Code: String, Sendable, Hashable, Codable {
        /// Application accept: processed.
        case accept = "AA"
        /// Application error: the content was wrong; nothing was changed.
        case error = "AE"
        /// Application reject: the message type, event, version or envelope was refused; nothing was changed.
        case reject = "AR"
    }

    /// Who answers and when, for the answer's MSH.
    public struct Envelope: Sendable, Hashable {
        /// MSH-3 of the answer when the request has no receiving application (MSH-5).
        public var application: String
        /// MSH-10 of the answer.
        public var controlID: String
        /// MSH-7 of the answer, `YYYYMMDDHHMMSS+ZZZZ`.
        public var time: String

        /// Creates an envelope.
        public init(application: String = "VIGIE", controlID: String, time: String) {
            self.application = application
            self.controlID = controlID
            self.time = time
        }
    }

    /// The answer's MSH, mirroring `request` (which may be nil when the request's own MSH could not be read).
    public static func header(for request: HL7Segment?, messageType: [String], envelope: Envelope) -> HL7Segment {
        var msh = HL7Segment("MSH")
        msh[1] = "|"
        msh[2] = "^~\\&"
        let request = request ?? HL7Segment("MSH")
        msh[3] = request[5].isEmpty ? HL7Field(envelope.application) : request[5]
        msh[4] = request[6]
        msh[5] = request[3]
        msh[6] = request[4]
        msh[7] = HL7Field(envelope.time)
        msh[9] = HL7Field(components: messageType)
        msh[10] = HL7Field(envelope.controlID)
        msh[11] = request[11].isEmpty ? "P" : request[11]
        msh[12] = request[12].isEmpty ? "2.5" : request[12]
        if !request[17].isEmpty { msh[17] = request[17] }
        msh[18] = request[18].isEmpty ? "UNICODE UTF-8" : request[18]
        return msh
    }

    /// An `ACK` answering `request` (its MSH: MSH-9.2 gives the event echoed in the answer's MSH-9).
    ///
    /// - Parameters:
    ///   - errors: one ERR segment each (warnings may accompany `AA`).
    ///   - trailing: segments appended after MSA/ERR (the RI's result, e.g. `ZVG`).
    public static func ack(
        for request: HL7Segment?, code: Code, errors: [HL7ErrorReport] = [], trailing: [HL7Segment] = [],
        envelope: Envelope
    ) -> HL7Message {
        let event = request?[9][2] ?? ""
        let msh = header(for: request, messageType: ["ACK", event, "ACK"], envelope: envelope)
        var msa = HL7Segment("MSA")
        msa[1] = HL7Field(code.rawValue)
        msa[2] = request?[10] ?? .empty
        return HL7Message(segments: [msh, msa] + errors.map(\.segment) + trailing)
    }

    /// The MSA-1 code for a set of reports: AR when one refuses the message itself, AE when one is an error,
    /// AA otherwise (warnings and information accept).
    public static func code(for errors: [HL7ErrorReport]) -> Code {
        let failing = errors.filter { $0.severity == .error }
        if failing.contains(where: { $0.code.isRejection }) { return .reject }
        return failing.isEmpty ? .accept : .error
    }

    /// QAK-2 (HL7 table 0208).
    public enum QueryStatus: String, Sendable, Hashable, Codable {
        /// Data found.
        case found = "OK"
        /// No data found.
        case notFound = "NF"
        /// Application error.
        case error = "AE"
        /// Application reject.
        case reject = "AR"
    }

    /// An `RSP^K22^RSP_K21` answering a PDQ `QBP^Q22`: MSH, MSA, ERR…, QAK, the query's QPD echoed, then the
    /// candidates' segments (each PID followed by its QRI).
    public static func queryResponse(
        for request: HL7Message?, code: Code, status: QueryStatus, errors: [HL7ErrorReport] = [],
        candidates: [[HL7Segment]], trailing: [HL7Segment] = [], envelope: Envelope
    ) -> HL7Message {
        let header = request?.first("MSH")
        let msh = self.header(for: header, messageType: ["RSP", "K22", "RSP_K21"], envelope: envelope)
        var msa = HL7Segment("MSA")
        msa[1] = HL7Field(code.rawValue)
        msa[2] = header?[10] ?? .empty
        let qpd = request?.first("QPD")
        var qak = HL7Segment("QAK")
        qak[1] = qpd?[2] ?? .empty
        qak[2] = HL7Field(status.rawValue)
        var segments = [msh, msa] + errors.map(\.segment) + [qak]
        if let qpd { segments.append(qpd) }
        segments += candidates.flatMap { $0 }
        segments += trailing
        return HL7Message(segments: segments)
    }

    /// The same `RSP^K22` as `queryResponse`, encoded: the head (MSH, MSA, ERR…, QAK, QPD) from segments, then
    /// `candidates` writes the candidates' segments straight into the buffer (each starting with `segment(_:)`).
    /// The bytes equal `queryResponse(…).encodedBytes()` for the same segments.
    public static func queryResponseBytes(
        for request: HL7Message?, code: Code, status: QueryStatus, errors: [HL7ErrorReport] = [],
        envelope: Envelope, candidates: (inout ER7Writer) -> Void
    ) -> [UInt8] {
        // The head written field by field, as `header(for:messageType:envelope:)` and `queryResponse` build it.
        let header = request?.first("MSH")
        var writer = ER7Writer()
        writer.segment("MSH")
        writer.plain("|^~\\&|")  // MSH-1 and MSH-2: an answer is written with the standard delimiters
        if let header, !header[5].isEmpty { writer.field(header[5]) } else { writer.value(envelope.application) }
        writer.field()
        if let header { writer.field(header[6]) }
        writer.field()
        if let header { writer.field(header[3]) }
        writer.field()
        if let header { writer.field(header[4]) }
        writer.field()
        writer.value(envelope.time)
        writer.fields(2)
        writer.plain("RSP^K22^RSP_K21")
        writer.field()
        writer.value(envelope.controlID)
        writer.field()
        if let header, !header[11].isEmpty { writer.field(header[11]) } else { writer.plain("P") }
        writer.field()
        if let header, !header[12].isEmpty { writer.field(header[12]) } else { writer.plain("2.5") }
        writer.fields(5)
        if let header, !header[17].isEmpty { writer.field(header[17]) }
        writer.field()
        if let header, !header[18].isEmpty { writer.field(header[18]) } else { writer.plain("UNICODE UTF-8") }
        writer.segment("MSA")
        writer.field()
        writer.value(code.rawValue)
        writer.field()
        if let header { writer.field(header[10]) }
        for error in errors { writer.append(error.segment) }
        let qpd = request?.first("QPD")
        writer.segment("QAK")
        writer.field()
        if let qpd { writer.field(qpd[2]) }
        writer.field()
        writer.value(status.rawValue)
        if let qpd { writer.append(qpd) }
        candidates(&writer)
        return writer.bytes
    }
}
