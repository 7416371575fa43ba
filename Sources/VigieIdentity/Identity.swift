/// What the référentiel d'identité keeps per identity: the strict traits, the used names, the INS and
/// its history, the RNIV status and attributes, and the two facts the status derives from.
///
/// Change it through ``IdentityLifecycle`` so that the status follows the RNIV rules and every change
/// yields an ``AuditEvent``.
public struct Identity: Sendable, Hashable, Codable {
    /// The five strict traits.
    public var traits: StrictTraits
    /// Nom utilisé (not a strict trait).
    public var usedName: String?
    /// Prénom utilisé (not a strict trait).
    public var usedFirstName: String?
    /// The active INS, present only once retrieved from INSi (RECUP or QUAL).
    public var ins: INS?
    /// Earlier INS of the same person (INSi's `INSHISTO`, or INS replaced later), newest first.
    public var insHistory: [INS]
    /// The RNIV status.
    public var status: IdentityStatus
    /// The RNIV attributes.
    public var attributes: Set<IdentityAttribute>
    /// The birth date was corrected locally (PAM FR ZFD-4): the identity cannot be RECUP or QUAL.
    public var birthDateCorrected: Bool
    /// The high-trust document check the identity rests on, if any.
    public var hasHighTrustDocument: DocumentCheck?
    /// The strict traits and INS come from an accepted INSi answer.
    public var insiRetrieved: Bool
    /// The sender (application) that declared the identity validated (PAM FR PID-32 `VALI`) without naming the
    /// document (ZFD-7 empty): the RI takes the sender's word for the high-trust document check.
    public var documentAttestedBy: String?
    /// PAM FR ZFD-5: how the identity was obtained (e.g. `INSI`), as the sender wrote it.
    public var identityMode: String?
    /// PAM FR ZFD-6: the date of the INSi call that returned the INS (`YYYY-MM-DD`).
    public var insiQueryDate: String?

    /// Creates an identity; a new identity is provisional with no INS.
    public init(
        traits: StrictTraits, usedName: String? = nil, usedFirstName: String? = nil, ins: INS? = nil,
        insHistory: [INS] = [], status: IdentityStatus = .provisional, attributes: Set<IdentityAttribute> = [],
        birthDateCorrected: Bool = false, hasHighTrustDocument: DocumentCheck? = nil, insiRetrieved: Bool = false,
        documentAttestedBy: String? = nil, identityMode: String? = nil, insiQueryDate: String? = nil
    ) {
        self.traits = traits
        self.usedName = usedName
        self.usedFirstName = usedFirstName
        self.ins = ins
        self.insHistory = insHistory
        self.status = status
        self.attributes = attributes
        self.birthDateCorrected = birthDateCorrected
        self.hasHighTrustDocument = hasHighTrustDocument
        self.insiRetrieved = insiRetrieved
        self.documentAttestedBy = documentAttestedBy
        self.identityMode = identityMode
        self.insiQueryDate = insiQueryDate
    }

    /// True when a high-trust document check stands: one the RI recorded, or a sender's `VALI` attestation.
    public var hasDocumentEvidence: Bool {
        (hasHighTrustDocument?.isHighTrust ?? false) || documentAttestedBy != nil
    }

    /// True when INSi may be called for this identity: no DOUT or FICT attribute (EXI SI 09) and the birth
    /// date was not corrected (a corrected date cannot be RECUP or QUAL, PAM FR §6.6.4).
    public var mayCallINSi: Bool {
        !attributes.contains(where: \.blocksQualification) && !birthDateCorrected
    }

    /// True when the matricule may be shared (EXI SI 08: only a qualified identity).
    public var mayShareINS: Bool { status == .qualified && ins != nil }
}

extension Identity {
    enum CodingKeys: String, CodingKey {
        case traits, usedName, usedFirstName, ins, insHistory, status, attributes, birthDateCorrected
        case hasHighTrustDocument, insiRetrieved, documentAttestedBy, identityMode, insiQueryDate
    }

    /// Decodes the form ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            traits: try c.decode(StrictTraits.self, forKey: .traits),
            usedName: try c.decodeIfPresent(String.self, forKey: .usedName),
            usedFirstName: try c.decodeIfPresent(String.self, forKey: .usedFirstName),
            ins: try c.decodeIfPresent(INS.self, forKey: .ins),
            insHistory: try c.decodeIfPresent([INS].self, forKey: .insHistory) ?? [],
            status: try c.decode(IdentityStatus.self, forKey: .status),
            attributes: Set(try c.decodeIfPresent([IdentityAttribute].self, forKey: .attributes) ?? []),
            birthDateCorrected: try c.decodeIfPresent(Bool.self, forKey: .birthDateCorrected) ?? false,
            hasHighTrustDocument: try c.decodeIfPresent(DocumentCheck.self, forKey: .hasHighTrustDocument),
            insiRetrieved: try c.decodeIfPresent(Bool.self, forKey: .insiRetrieved) ?? false,
            documentAttestedBy: try c.decodeIfPresent(String.self, forKey: .documentAttestedBy),
            identityMode: try c.decodeIfPresent(String.self, forKey: .identityMode),
            insiQueryDate: try c.decodeIfPresent(String.self, forKey: .insiQueryDate))
    }

    /// Encodes with the attributes sorted by code, so that equal identities give equal JSON (journals compare them).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(traits, forKey: .traits)
        try c.encodeIfPresent(usedName, forKey: .usedName)
        try c.encodeIfPresent(usedFirstName, forKey: .usedFirstName)
        try c.encodeIfPresent(ins, forKey: .ins)
        try c.encode(insHistory, forKey: .insHistory)
        try c.encode(status, forKey: .status)
        try c.encode(attributes.sorted { $0.rawValue < $1.rawValue }, forKey: .attributes)
        try c.encode(birthDateCorrected, forKey: .birthDateCorrected)
        try c.encodeIfPresent(hasHighTrustDocument, forKey: .hasHighTrustDocument)
        try c.encode(insiRetrieved, forKey: .insiRetrieved)
        try c.encodeIfPresent(documentAttestedBy, forKey: .documentAttestedBy)
        try c.encodeIfPresent(identityMode, forKey: .identityMode)
        try c.encodeIfPresent(insiQueryDate, forKey: .insiQueryDate)
    }
}
