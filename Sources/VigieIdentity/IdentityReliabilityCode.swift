/// The codes of PAM FR table 0445 "Identity Reliability Code" (PID-32, IHE PAM France 2.11.2 §6.6.15) —
/// also FR Core's `fr-core-cs-v2-0445`. There is no QUAL or RECUP among them: see ``PID32``.
public enum IdentityReliabilityCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Identité non encore qualifiée.
    case empty = "VIDE"
    /// Provisoire.
    case provisional = "PROV"
    /// Validé (with the INS in PID-3: qualifiée).
    case validated = "VALI"
    /// Doublon ou esclave.
    case duplicateOrSlave = "DOUB"
    /// Désactivé.
    case deactivated = "DESA"
    /// Doublon potentiel.
    case potentialDuplicate = "DPOT"
    /// Doublon avéré.
    case confirmedDuplicate = "DOUA"
    /// Collision potentielle.
    case potentialCollision = "COLP"
    /// Collision validée.
    case confirmedCollision = "COLV"
    /// Filiation.
    case filiation = "FILI"
    /// Cachée.
    case hidden = "CACH"
    /// Anonyme.
    case anonymous = "ANOM"
    /// Identité vérifiée par le patient.
    case verifiedByPatient = "IDVER"
    /// Reçue d'un autre domaine.
    case receivedFromOtherDomain = "RECD"
    /// Identité rapprochée dans un autre domaine.
    case linkedInOtherDomain = "IDRA"
    /// Usurpation.
    case usurpation = "USUR"
    /// Homonyme détecté.
    case homonymDetected = "HOMD"
    /// Homonyme avéré (RNIV attribute « homonyme »).
    case homonymConfirmed = "HOMA"
    /// Invalidation de l'identité.
    case invalidated = "INVA"
    /// Identité fictive (RNIV attribute).
    case fictitious = "FICT"
    /// Identité douteuse (RNIV attribute).
    case doubtful = "DOUT"

    /// The RNIV attribute this code carries, if any.
    public var attribute: IdentityAttribute? { IdentityAttribute(rawValue: rawValue) }

    /// The code carrying an RNIV attribute.
    public init(_ attribute: IdentityAttribute) { self.init(rawValue: attribute.rawValue)! }
}
