/// A request the FHIR endpoint refuses, answered with an OperationOutcome and a 4xx status.
public struct FHIRError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status (400, 401, 404, 405, 410, 422…).
    public var status: Int
    /// The OperationOutcome issue code (FHIR value set `issue-type`: invalid, not-found, not-supported, login…).
    public var code: IssueCode
    /// What is wrong, naming the parameter or element (never an identity trait).
    public var diagnostics: String
    /// The FHIRPath of the offending element or parameter, when there is one.
    public var expression: String?

    public enum IssueCode: String, Sendable, Hashable {
        case invalid, required, value, notSupported = "not-supported", notFound = "not-found", deleted, login, forbidden
        case processing, exception, tooCostly = "too-costly"
    }

    public init(status: Int, code: IssueCode, _ diagnostics: String, expression: String? = nil) {
        self.status = status
        self.code = code
        self.diagnostics = diagnostics
        self.expression = expression
    }

    public var description: String { "\(status) \(code.rawValue): \(diagnostics)" }

    /// The OperationOutcome resource.
    public var operationOutcome: FHIRJSON {
        var issue: [(String, FHIRJSON)] = [
            ("severity", .string("error")), ("code", .string(code.rawValue)), ("diagnostics", .string(diagnostics)),
        ]
        if let expression { issue.append(("expression", .array([.string(expression)]))) }
        return .object([("resourceType", .string("OperationOutcome")), ("issue", .array([.object(issue)]))])
    }
}
