/// Why a call to INSi did not give an answer. Descriptions name fields and codes, never trait values.
public enum INSiClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A trait cannot be sent to INSi as it is (checked locally, no request sent). `field` is one of
    /// `birth_name`, `first_names`, `sex`, `birth_date`, `birth_place`.
    case invalidTrait(field: String)
    /// The endpoint URL is not an `http(s)://host[:port]/path` URL.
    case invalidEndpoint
    /// The TLS files cannot be loaded, or TLS settings were given for an `http` endpoint.
    case tlsConfiguration
    /// Every attempt failed in transport; `last` is the last failure.
    case transport(attempts: Int, last: TransportFailure)
    /// The service answered a SOAP fault (not retried: a fault is an answer).
    case fault(SOAPFault)
    /// The service answered a code the client does not know.
    case unexpectedReportCode(String)

    public var description: String {
        switch self {
        case .invalidTrait(let f): return "INSi: \(f) is not in INS form; not sent"
        case .invalidEndpoint: return "INSi: invalid endpoint URL"
        case .tlsConfiguration: return "INSi: TLS configuration cannot be loaded (certificate, key or CA file), or used with http"
        case .transport(let n, let last): return "INSi: no answer after \(n) attempt(s): \(last)"
        case .fault(let f): return f.description
        case .unexpectedReportCode(let c): return "INSi: unexpected CR code \(c.count <= 4 ? c : String(c.prefix(4)))"
        }
    }
}
