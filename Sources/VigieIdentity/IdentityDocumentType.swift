/// Types of identity document (PAM FR ZFD-7 "Type de justificatif d'identité", §6.18.7) and how far each
/// can be trusted for the RNIV coherence check.
public enum IdentityDocumentType: String, Sendable, Hashable, Codable, CaseIterable {
    /// AN: extrait d'acte de naissance.
    case birthCertificateExtract = "AN"
    /// CC: carnet de circulation.
    case travelBooklet = "CC"
    /// CE: carte d'identité européenne (EU, Switzerland and others).
    case europeanIdentityCard = "CE"
    /// CM: carte militaire.
    case militaryCard = "CM"
    /// CN: carte nationale d'identité.
    case nationalIdentityCard = "CN"
    /// CS: titre de séjour.
    case residencePermit = "CS"
    /// LE: livret de famille.
    case familyRecordBook = "LE"
    /// PA: passeport.
    case passport = "PA"
    /// PC: permis de conduire.
    case drivingLicence = "PC"
    /// TC: tiers de confiance.
    case trustedThirdParty = "TC"
    /// AV: application carte Vitale (the identity is considered qualified, no INSi call).
    case vitaleApplication = "AV"
    /// DC: document de circulation pour étranger mineur.
    case minorTravelDocument = "DC"
    /// AC: acte de naissance + carte Vitale avec photo (EHPAD admissions).
    case birthCertificateWithVitalePhoto = "AC"
    /// IE: identification électronique (eIDAS).
    case electronicIdentification = "IE"

    /// How far a document of this type can be trusted on its own.
    public var trust: DocumentTrust {
        switch self {
        case .passport, .nationalIdentityCard, .europeanIdentityCard, .residencePermit, .electronicIdentification,
            .vitaleApplication:
            return .high
        // RNIV 2024 special cases: minors (birth extract or family book + a parent's high-trust document),
        // EHPAD residents (AC), unaccompanied foreign minors (DC).
        case .birthCertificateExtract, .familyRecordBook, .minorTravelDocument, .birthCertificateWithVitalePhoto:
            return .highInSpecialCases
        case .drivingLicence, .militaryCard, .travelBooklet, .trustedThirdParty:
            return .low
        }
    }
}

/// Trust level of an identity document for the RNIV.
public enum DocumentTrust: String, Sendable, Hashable, Codable {
    /// A "dispositif d'identification à haut niveau de confiance".
    case high
    /// High trust only in the RNIV special cases (minors, EHPAD residents), which the checker attests.
    case highInSpecialCases
    /// Never enough to validate an identity (e.g. driving licence).
    case low
}

/// A coherence check of the identity's traits against an identity document.
public struct DocumentCheck: Sendable, Hashable, Codable {
    /// The document's type.
    public var type: IdentityDocumentType
    /// For a ``DocumentTrust/highInSpecialCases`` type: the checker attests that the RNIV special case
    /// applies (e.g. a parent's high-trust document was also seen).
    public var specialCaseAttested: Bool
    /// The document's end of validity, when known (`YYYY-MM-DD`; informative, the RNIV rule on expiry is not applied).
    public var expires: String?
    /// Who checked the document (an operator's login), when known: the evidence the RI asks before VALI.
    public var checkedBy: String?
    /// When the document was checked (`YYYY-MM-DD` or ISO 8601), when known.
    public var checkedAt: String?

    /// Creates a check record.
    public init(
        type: IdentityDocumentType, specialCaseAttested: Bool = false, expires: String? = nil, checkedBy: String? = nil,
        checkedAt: String? = nil
    ) {
        self.type = type
        self.specialCaseAttested = specialCaseAttested
        self.expires = expires
        self.checkedBy = checkedBy
        self.checkedAt = checkedAt
    }

    /// True when the check can validate an identity: a high-trust type, or a special-case type with the case attested.
    public var isHighTrust: Bool {
        switch type.trust {
        case .high: return true
        case .highInSpecialCases: return specialCaseAttested
        case .low: return false
        }
    }
}
