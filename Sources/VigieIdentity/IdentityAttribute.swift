/// RNIV identity attributes (EXI SI 09; PAM FR table 0445 codes).
///
/// DOUT and FICT force the provisional status and forbid INSi calls; they cannot be combined. Homonym
/// attributes combine with anything.
public enum IdentityAttribute: String, Sendable, Hashable, Codable, CaseIterable {
    /// Identité douteuse: traits incoherent or doubt on the person.
    case doubtful = "DOUT"
    /// Identité fictive: anonymous care, a person refusing to be identified, a test identity.
    case fictitious = "FICT"
    /// Homonyme détecté: another identity shares the traits used to search.
    case homonymDetected = "HOMD"
    /// Homonyme avéré: the RNIV "homonyme" attribute (confirmed homonymy).
    case homonymConfirmed = "HOMA"

    /// True for DOUT and FICT: the identity must stay provisional and INSi must not be called.
    public var blocksQualification: Bool { self == .doubtful || self == .fictitious }

    /// French label (PAM FR table 0445).
    public var label: String {
        switch self {
        case .doubtful: return "Identité douteuse"
        case .fictitious: return "Identité fictive"
        case .homonymDetected: return "Homonyme détecté"
        case .homonymConfirmed: return "Homonyme avéré"
        }
    }
}
