/// A message that is not a well-formed INSi message. Paths name the element; offsets are byte offsets.
/// No value of the message (no trait) appears in the description.
public enum INSiMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The XML itself is malformed.
    case xml(XMLSyntaxError)
    /// The root is not a SOAP 1.2 `Envelope`, or has no `Body`.
    case notSOAPEnvelope
    /// An element the schema does not allow at this place.
    case unexpectedElement(path: String, offset: Int)
    /// A mandatory element is missing.
    case missingElement(path: String)
    /// An element's value does not have the schema's syntax.
    case invalidValue(path: String)

    public var description: String {
        switch self {
        case .xml(let e): return e.description
        case .notSOAPEnvelope: return "INSi: not a SOAP 1.2 envelope with a Body"
        case .unexpectedElement(let p, let o): return "INSi: unexpected element \(p) at byte \(o)"
        case .missingElement(let p): return "INSi: missing element \(p)"
        case .invalidValue(let p): return "INSi: invalid value in \(p)"
        }
    }
}
