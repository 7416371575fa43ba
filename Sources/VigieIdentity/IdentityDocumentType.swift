/// Types of identity document: the codes of PAM FR ZFD-7 "Type de justificatif d'identité" (§6.18.7 p.86) and of
/// FR Core's code system `fr-core-cs-mode-validation-identity`, with how far each can be trusted for the RNIV.
///
/// The trust table follows FR Core's value set of the documents authorised for the INS,
/// `fr-core-vs-mode-validation-identity-ins` (`Interop-Sante/hl7.fhir.fr.core`,
/// input/fsh/valuesets/FRCoreValueSetModeValidationIdentityINS.fsh at 3a99199: CN, PA, CS, eCN, IN, AV, LECV, AN,
/// LE, CC, CIMS, ANCV; labels from input/fsh/codesystems/FRCoreCodeSystemIdentityModeValidation.fsh at 031b431,
/// which adds LEP and comments CIMS out). A code outside that value set never validates an identity; inside it,
/// the documents the RNIV accepts only in its special cases (minors, EHPAD residents: RNIV 2024 §3.3.3) need the
/// checker to attest the case. Choices where PAM FR and FR Core differ are in docs/ri.md.
public enum IdentityDocumentType: String, Sendable, Hashable, Codable, CaseIterable {
    /// CN: carte nationale d'identité.
    case nationalIdentityCard = "CN"
    /// PA: passeport.
    case passport = "PA"
    /// CS: carte de séjour ou titre de séjour.
    case residencePermit = "CS"
    /// eCN: e-carte d'identité (FR Core).
    case electronicIdentityCard = "eCN"
    /// IN: Identité Numérique La Poste (FR Core).
    case laPosteDigitalIdentity = "IN"
    /// AV: application carte Vitale (the identity is considered qualified, no INSi call).
    case vitaleApplication = "AV"
    /// LECV: livret de famille, accompagné de la carte Vitale avec photographie (FR Core; EHPAD residents).
    case familyRecordBookWithVitalePhoto = "LECV"
    /// ANCV: (extrait d')acte de naissance, accompagné de la carte Vitale avec photographie (FR Core; EHPAD residents).
    case birthCertificateWithVitalePhotoFRCore = "ANCV"
    /// AN: extrait d'acte de naissance (minors).
    case birthCertificateExtract = "AN"
    /// LE: livret de famille (minors).
    case familyRecordBook = "LE"
    /// LEP: livret de famille des parents (FR Core code system; minors).
    case parentsFamilyRecordBook = "LEP"
    /// CC: carnet de circulation; FR Core: "pour étranger mineur" (unaccompanied foreign minors).
    case travelBooklet = "CC"
    /// CE: carte d'identité européenne (a national identity card of another European state: FR Core's CN).
    case europeanIdentityCard = "CE"
    /// DC: document de circulation pour étranger mineur (PAM FR; FR Core's CC).
    case minorTravelDocument = "DC"
    /// AC: acte de naissance + carte Vitale avec photo (PAM FR; FR Core's ANCV).
    case birthCertificateWithVitalePhoto = "AC"
    /// CIMS: carte d'identité professionnelle multiservices (in one version of the FR Core value set, commented out
    /// of its code system since: not trusted until FR Core settles it).
    case multiServiceProfessionalCard = "CIMS"
    /// CM: carte militaire.
    case militaryCard = "CM"
    /// PC: permis de conduire.
    case drivingLicence = "PC"
    /// TC: tiers de confiance.
    case trustedThirdParty = "TC"
    /// IE: identification électronique (eIDAS): not in FR Core's INS value set, which names the means it accepts
    /// (eCN, IN).
    case electronicIdentification = "IE"

    /// The type for a code as written by a sender (ZFD-7, JSON, a CSV column): the exact code, or the same letters
    /// in another case (`ECN`, `ecn`, `pa`): every code differs from the others by more than case.
    public init?(code: String) {
        if let exact = Self(rawValue: code) {
            self = exact
            return
        }
        let upper = code.uppercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.uppercased() == upper }) else { return nil }
        self = match
    }

    /// The FR Core code this type is sent as (FHIR `validationMode`): PAM FR codes FR Core merged are mapped to
    /// its code (CE → CN, DC → CC, AC → ANCV); codes FR Core does not have keep their PAM FR code.
    public var frCoreCode: String {
        switch self {
        case .europeanIdentityCard: Self.nationalIdentityCard.rawValue
        case .minorTravelDocument: Self.travelBooklet.rawValue
        case .birthCertificateWithVitalePhoto: Self.birthCertificateWithVitalePhotoFRCore.rawValue
        default: rawValue
        }
    }

    /// True when FR Core's `fr-core-vs-mode-validation-identity-ins` authorises the document (through its FR Core
    /// code) for the INS. CIMS is left out (see its case).
    public var isINSAuthorised: Bool { trust != .low }

    /// How far a document of this type can be trusted on its own.
    public var trust: DocumentTrust {
        switch self {
        // FR Core INS value set: identity documents and the digital identities built on them.
        case .nationalIdentityCard, .passport, .residencePermit, .electronicIdentityCard, .laPosteDigitalIdentity,
            .vitaleApplication, .europeanIdentityCard:
            return .high
        // RNIV 2024 special cases: minors (birth extract or family book + a parent's high-trust document, or the
        // travel document of an unaccompanied foreign minor), EHPAD residents (family book or birth certificate
        // + a Vitale card with photo).
        case .birthCertificateExtract, .familyRecordBook, .parentsFamilyRecordBook, .travelBooklet, .minorTravelDocument,
            .familyRecordBookWithVitalePhoto, .birthCertificateWithVitalePhotoFRCore, .birthCertificateWithVitalePhoto:
            return .highInSpecialCases
        case .drivingLicence, .militaryCard, .trustedThirdParty, .electronicIdentification, .multiServiceProfessionalCard:
            return .low
        }
    }

    /// The French label (FR Core's display, else PAM FR's), for the cell's pages.
    public var label: String {
        switch self {
        case .nationalIdentityCard: "Carte nationale d’identité"
        case .passport: "Passeport"
        case .residencePermit: "Carte de séjour ou titre de séjour"
        case .electronicIdentityCard: "e-carte d’identité"
        case .laPosteDigitalIdentity: "Identité Numérique La Poste"
        case .vitaleApplication: "Application carte Vitale"
        case .familyRecordBookWithVitalePhoto: "Livret de famille, accompagné de la carte Vitale avec photographie"
        case .birthCertificateWithVitalePhotoFRCore: "Extrait d’acte de naissance, accompagné de la carte Vitale avec photographie"
        case .birthCertificateExtract: "Extrait d’acte de naissance"
        case .familyRecordBook: "Livret de famille"
        case .parentsFamilyRecordBook: "Livret de famille des parents"
        case .travelBooklet: "Carnet de circulation pour étranger mineur"
        case .europeanIdentityCard: "Carte d’identité européenne"
        case .minorTravelDocument: "Document de circulation pour étranger mineur"
        case .birthCertificateWithVitalePhoto: "Acte de naissance et carte Vitale avec photo"
        case .multiServiceProfessionalCard: "Carte d’identité professionnelle multiservices"
        case .militaryCard: "Carte militaire"
        case .drivingLicence: "Permis de conduire"
        case .trustedThirdParty: "Tiers de confiance"
        case .electronicIdentification: "Identification électronique (eIDAS)"
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
    /// The document's end of validity (PAM FR ZFD-8), when known (`YYYY-MM-DD`; informative, the RNIV rule on expiry
    /// is not applied).
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
