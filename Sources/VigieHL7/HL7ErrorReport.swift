/// One problem to report in an acknowledgement's ERR segment.
///
/// The diagnostic names fields and positions, never data: it travels back to the sender and may be logged.
public struct HL7ErrorReport: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// ERR-4, HL7 table 0516.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The message (or part of it) was not processed.
        case error = "E"
        /// Processed, but something was ignored or corrected.
        case warning = "W"
        /// Processed; for information.
        case information = "I"
    }

    /// ERR-3, the table 0357 condition.
    public var code: HL7ErrorCode
    /// ERR-2, where in the message; nil when the message as a whole is concerned.
    public var location: HL7ErrorLocation?
    /// ERR-4.
    public var severity: Severity
    /// ERR-7 diagnostic information: what is wrong, in words (no identity trait).
    public var diagnostic: String

    /// Creates a report.
    public init(code: HL7ErrorCode, location: HL7ErrorLocation?, severity: Severity = .error, diagnostic: String) {
        self.code = code
        self.location = location
        self.severity = severity
        self.diagnostic = diagnostic
    }

    /// The report for a message that could not be parsed.
    public init(_ error: HL7ParseError) {
        self.init(code: error.errorCode, location: error.location, diagnostic: error.description)
    }

    /// The ERR segment.
    public var segment: HL7Segment {
        var err = HL7Segment("ERR")
        if let location { err[2] = location.erl }
        err[3] = HL7Field(components: [String(code.rawValue), code.text, "HL70357"])
        err[4] = HL7Field(severity.rawValue)
        err[7] = HL7Field(diagnostic)
        return err
    }

    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(diagnostic) [\(code.rawValue)]"
    }

    // Codable by hand: HL7ErrorLocation stays a plain value type.
    private enum CodingKeys: String, CodingKey { case code, location, severity, diagnostic }
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let code = HL7ErrorCode(rawValue: try container.decode(Int.self, forKey: .code)) else {
            throw DecodingError.dataCorruptedError(forKey: .code, in: container, debugDescription: "unknown table 0357 code")
        }
        self.code = code
        let parts = try container.decodeIfPresent([String].self, forKey: .location)
        self.location = parts.map { parts in
            func number(_ index: Int) -> Int? { index < parts.count ? Int(parts[index]) : nil }
            return HL7ErrorLocation(
                segmentID: parts.first ?? "", segmentSequence: number(1) ?? 1, field: number(2), repetition: number(3),
                component: number(4), subcomponent: number(5))
        }
        self.severity = try container.decode(Severity.self, forKey: .severity)
        self.diagnostic = try container.decode(String.self, forKey: .diagnostic)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code.rawValue, forKey: .code)
        try container.encodeIfPresent(location?.erl.first.components.map(\.value), forKey: .location)
        try container.encode(severity, forKey: .severity)
        try container.encode(diagnostic, forKey: .diagnostic)
    }
}
