import VigieHL7
import VigieRI

/// Why a request was refused: an HL7 report (code, location, diagnostic) and, for JSON requests, the field.
///
/// Messages name fields, positions, RI ids and local identifiers, never an identity trait.
struct RequestError: Error, Sendable {
    var report: HL7ErrorReport
    /// The JSON field at fault (`record.birth_date`), when the request was JSON.
    var field: String?
    /// The référentiel's code, when the error came from it (JSON answers use it).
    var riCode: RIError.Code?

    init(_ code: HL7ErrorCode, _ location: HL7ErrorLocation?, field: String? = nil, _ diagnostic: String, riCode: RIError.Code? = nil) {
        self.report = HL7ErrorReport(code: code, location: location, diagnostic: diagnostic)
        self.field = field
        self.riCode = riCode
    }

    init(_ report: HL7ErrorReport, field: String? = nil) {
        self.report = report
        self.field = field
    }

    /// A stable, machine-readable code for JSON answers, from table 0357.
    var jsonCode: String {
        if let riCode, riCode != .storage { return riCode.rawValue }
        return switch report.code {
        case .accepted: "accepted"
        case .segmentSequenceError: "malformed-request"
        case .requiredFieldMissing: "required-field-missing"
        case .dataTypeError: "invalid-value"
        case .tableValueNotFound: "unknown-code"
        case .unsupportedMessageType, .unsupportedEventCode: "unsupported-operation"
        case .unsupportedProcessingID: "unsupported-processing-id"
        case .unsupportedVersionID: "unsupported-version"
        case .unknownKeyIdentifier: "not-found"
        case .duplicateKeyIdentifier: "conflict"
        case .applicationRecordLocked: "locked"
        case .applicationInternalError: "internal-error"
        }
    }
}
