/// The four RNIV confidence statuses (EXI SI 07), crossing two axes: traits retrieved from INSi, and a
/// coherence check against a high-trust identification document.
public enum IdentityStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Identité provisoire: neither INSi nor a high-trust document.
    case provisional = "PROV"
    /// Identité récupérée: INSi, no high-trust document.
    case recovered = "RECUP"
    /// Identité validée: a high-trust document, no INSi.
    case validated = "VALI"
    /// Identité qualifiée: INSi and a high-trust document. Only this status lets the INS be shared.
    case qualified = "QUAL"

    /// The status the two axes give (the RNIV matrix).
    public init(insiRetrieved: Bool, highTrustDocument: Bool) {
        switch (insiRetrieved, highTrustDocument) {
        case (false, false): self = .provisional
        case (true, false): self = .recovered
        case (false, true): self = .validated
        case (true, true): self = .qualified
        }
    }

    /// True for RECUP and QUAL (the identity holds an INS retrieved from INSi).
    public var hasINSiTraits: Bool { self == .recovered || self == .qualified }

    /// True for VALI and QUAL (checked against a high-trust document).
    public var hasHighTrustDocument: Bool { self == .validated || self == .qualified }

    /// French label, as the RNIV writes it.
    public var label: String {
        switch self {
        case .provisional: return "Identité provisoire"
        case .recovered: return "Identité récupérée"
        case .validated: return "Identité validée"
        case .qualified: return "Identité qualifiée"
        }
    }
}
