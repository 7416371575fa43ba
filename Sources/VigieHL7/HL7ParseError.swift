import VigieSupport

/// Why an ER7 message could not be read. Every case names where (never the data: it may be a patient's name).
public enum HL7ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing but segment separators.
    case empty
    /// The message does not start with an `MSH` segment.
    case missingHeader
    /// MSH-1/MSH-2 do not define five distinct punctuation delimiters.
    case invalidDelimiters
    /// The segment at this position (1-based, in the message) does not start with a valid three-character ID.
    case invalidSegmentID(segmentIndex: Int)
    /// An escape sequence is not closed before the end of its value.
    case unterminatedEscape(HL7ErrorLocation)
    /// An escape sequence HL7 v2.5 does not define, or one this receiver cannot honour (character-set switching
    /// `\C..\`/`\M..\`, locally defined `\Z..\`).
    case unsupportedEscape(HL7ErrorLocation)
    /// A `\X..\` escape without an even number of hexadecimal digits.
    case invalidHexEscape(HL7ErrorLocation)
    /// The bytes (or the bytes a `\X..\` escape produces) are not valid UTF-8.
    case invalidUTF8(HL7ErrorLocation?)
    /// A formatting command (`\.sp\`, `\.br\`…) in a field whose type is not formatted text (MSH, identifiers).
    case formattingNotAllowed(HL7ErrorLocation)
    /// The field at this location decodes to more than `limit` bytes (`HL7Limits.maximumFieldBytes`).
    case valueTooLong(HL7ErrorLocation, limit: Int)
    /// The field at this location repeats more than `limit` times (`HL7Limits.maximumRepetitions`).
    case tooManyRepetitions(HL7ErrorLocation, limit: Int)
    /// An identifier field (MSH-10) is not a usable identifier (`IdentifierText`: a control character, too long).
    case invalidIdentifier(HL7ErrorLocation, IdentifierText.Problem)
    /// The whole message decodes to more than `limit` bytes (`HL7Limits.maximumMessageBytes`).
    case messageTooLong(limit: Int)

    /// Where the error is, for ERR-2.
    public var location: HL7ErrorLocation? {
        switch self {
        case .empty, .missingHeader: HL7ErrorLocation(segmentID: "MSH")
        case .invalidDelimiters: HL7ErrorLocation(segmentID: "MSH", field: 2)
        case .invalidSegmentID: nil
        case .unterminatedEscape(let location), .unsupportedEscape(let location), .invalidHexEscape(let location):
            location
        case .invalidUTF8(let location): location
        case .formattingNotAllowed(let location), .valueTooLong(let location, _), .tooManyRepetitions(let location, _),
            .invalidIdentifier(let location, _):
            location
        case .messageTooLong: nil
        }
    }

    /// The table 0357 condition, for ERR-3.
    public var errorCode: HL7ErrorCode {
        switch self {
        case .empty, .missingHeader, .invalidSegmentID: .segmentSequenceError
        case .invalidDelimiters, .unterminatedEscape, .unsupportedEscape, .invalidHexEscape, .invalidUTF8,
            .formattingNotAllowed, .valueTooLong, .tooManyRepetitions, .messageTooLong,
            .invalidIdentifier: .dataTypeError
        }
    }

    public var description: String {
        switch self {
        case .empty: "empty message"
        case .missingHeader: "the message does not start with an MSH segment"
        case .invalidDelimiters: "MSH-1/MSH-2: the delimiters must be five distinct punctuation characters"
        case .invalidSegmentID(let index): "segment \(index): invalid segment ID (three upper-case letters or digits)"
        case .unterminatedEscape(let location): "\(location): unterminated escape sequence"
        case .unsupportedEscape(let location): "\(location): unsupported escape sequence"
        case .invalidHexEscape(let location): "\(location): \\X escape needs an even number of hexadecimal digits"
        case .invalidUTF8(let location?): "\(location): invalid UTF-8"
        case .invalidUTF8(nil): "invalid UTF-8"
        case .formattingNotAllowed(let location): "\(location): formatting commands are allowed in formatted text only"
        case .valueTooLong(let location, let limit): "\(location): the field decodes to more than \(limit) bytes"
        case .tooManyRepetitions(let location, let limit): "\(location): more than \(limit) repetitions"
        case .invalidIdentifier(let location, let problem): "\(location): identifier \(problem)"
        case .messageTooLong(let limit): "the message decodes to more than \(limit) bytes"
        }
    }
}
