/// HL7 table 0357 (message error condition codes), carried in ERR-3.
public enum HL7ErrorCode: Int, Sendable, Hashable, Codable, CaseIterable {
    /// Message accepted.
    case accepted = 0
    /// Segment sequence error: a segment is missing or out of place.
    case segmentSequenceError = 100
    /// A required field is missing.
    case requiredFieldMissing = 101
    /// A field's value does not conform to its data type (or cannot be decoded).
    case dataTypeError = 102
    /// A coded value is not in its table.
    case tableValueNotFound = 103
    /// The message type (MSH-9.1) is not supported.
    case unsupportedMessageType = 200
    /// The trigger event (MSH-9.2) is not supported.
    case unsupportedEventCode = 201
    /// The processing id (MSH-11) is not supported.
    case unsupportedProcessingID = 202
    /// The version (MSH-12) is not supported.
    case unsupportedVersionID = 203
    /// A key (patient identifier, identity id) is unknown to the receiver.
    case unknownKeyIdentifier = 204
    /// A key already exists where a new one was expected.
    case duplicateKeyIdentifier = 205
    /// The record is locked.
    case applicationRecordLocked = 206
    /// The receiver failed for a reason of its own.
    case applicationInternalError = 207

    /// The table 0357 text, sent in ERR-3.2.
    public var text: String {
        switch self {
        case .accepted: "Message accepted"
        case .segmentSequenceError: "Segment sequence error"
        case .requiredFieldMissing: "Required field missing"
        case .dataTypeError: "Data type error"
        case .tableValueNotFound: "Table value not found"
        case .unsupportedMessageType: "Unsupported message type"
        case .unsupportedEventCode: "Unsupported event code"
        case .unsupportedProcessingID: "Unsupported processing id"
        case .unsupportedVersionID: "Unsupported version id"
        case .unknownKeyIdentifier: "Unknown key identifier"
        case .duplicateKeyIdentifier: "Duplicate key identifier"
        case .applicationRecordLocked: "Application record locked"
        case .applicationInternalError: "Application internal error"
        }
    }

    /// Whether an original-mode acknowledgement answers this condition with `AR` (the message itself is
    /// refused: its type, event, processing id or version, or its envelope) rather than `AE` (its content is wrong).
    public var isRejection: Bool {
        switch self {
        case .unsupportedMessageType, .unsupportedEventCode, .unsupportedProcessingID, .unsupportedVersionID: true
        default: false
        }
    }
}
