import VigieText

/// The behaviour of the INSi teleservice, without transport: a request's bytes in, an HTTP status and a
/// SOAP answer out. ``INSiMockServer`` puts it on HTTP; tests may call it directly.
///
/// Checks, as the real service does: a SOAP 1.2 envelope, `wsa:Action` of a known operation,
/// `wsa:MessageID`, `wsse:Security`, `ctxlps:ContexteLPS` with an authorised software number (`IDAM R="4"`),
/// and the traits' syntax. Faults use the real codes: `siram_100`/`desir_550` for unknown software,
/// `siram_40`/`insi_102` (technical error) for everything else the service cannot process — the real
/// service answered the latter to a request it could not process (`padoa/tlsi-ins` aeion-coeur fixture).
///
/// Search semantics (Vigie's best knowledge, see docs/insi.md): the traits are compared in INS form; the
/// birth name, sex and birth date must be equal; the queried first name(s) must equal either the first
/// birth first name or the whole list; a birth place, when given, must be the same. One identity: `00`;
/// none: `01`; several: `02` (adding the birth place narrows it).
public struct MockTeleservice: Sendable {
    /// The identities searched.
    public var identities: ReferenceIdentities
    /// Software authorisation numbers accepted; an empty set accepts any non-empty number.
    public var authorisedSoftware: Set<String>

    /// The authorisation number of the captured `padoa/tlsi-ins` request and Vigie's own test number.
    public static let defaultAuthorisedSoftware: Set<String> = ["PDP17NF21DD0", "VIGIE-TEST-0001"]

    /// Creates a mock over these identities.
    public init(identities: ReferenceIdentities = .cnda(), authorisedSoftware: Set<String> = MockTeleservice.defaultAuthorisedSoftware) {
        self.identities = identities
        self.authorisedSoftware = authorisedSoftware
    }

    /// An HTTP answer: status, SOAP body, and the request's message id (for logs; not a trait).
    public struct Answer: Sendable, Hashable {
        /// HTTP status.
        public var status: Int
        /// The SOAP 1.2 envelope.
        public var body: String
        /// The parsed outcome.
        public var outcome: INSiAnswer
    }

    /// Answers one request.
    public func answer(request bytes: [UInt8]) -> Answer {
        let request: INSiRequest
        do { request = try INSiRequest(bytes: bytes) } catch { return fault(.technicalError(messageID: nil)) }
        let id = request.messageID
        guard let action = request.action, let operation = INSiOperation(rawValue: action) else {
            return fault(.technicalError(messageID: id))
        }
        guard let messageID = id, !messageID.isEmpty, request.hasSecurity else { return fault(.technicalError(messageID: id)) }
        guard request.hasContextLPS, let software = request.software, !software.authorisationNumber.isEmpty,
            authorisedSoftware.isEmpty || authorisedSoftware.contains(software.authorisationNumber)
        else { return fault(.unknownSoftware(messageID: messageID)) }
        guard request.hasContextBAM else { return fault(.technicalError(messageID: messageID)) }
        switch operation {
        case .searchByTraits:
            guard let search = request.search, let result = self.search(search) else { return fault(.technicalError(messageID: messageID)) }
            return Answer(status: 200, body: result.xml, outcome: .result(result))
        case .verifyINS:
            guard let body = request.bodyElement, let verification = try? INSVerification(element: body) else {
                return fault(.technicalError(messageID: messageID))
            }
            let result = verify(verification)
            return Answer(status: 200, body: result.xml, outcome: .result(result))
        case .searchWithVitaleCard:
            // Needs a Vitale card assertion Vigie cannot produce: answered as the service answers an
            // unusable request.
            return fault(.technicalError(messageID: messageID))
        }
    }

    func fault(_ f: SOAPFault) -> Answer { Answer(status: f.httpStatus, body: f.xml, outcome: .fault(f)) }

    /// The result of a search, or nil when the traits do not have the service's syntax (→ fault).
    public func search(_ s: TraitSearch) -> INSiResult? {
        guard let name = s.birthName, TraitSyntax.isName(name), !s.firstNames.isEmpty,
            s.firstNames.allSatisfy({ TraitSyntax.isName($0) }), let sex = s.sex, TraitSyntax.isSex(sex),
            let date = s.birthDate, TraitSyntax.isDate(date)
        else { return nil }
        if let place = s.birthPlace, !TraitSyntax.isCOG(place) { return nil }
        let queried = s.firstNames.joined(separator: " ")
        let fits = identities.candidates(birthName: name, birthDate: date).filter { identity in
            identity.sex == sex
                && (identity.firstNames.first == queried || identity.firstNames.joined(separator: " ") == queried)
                && (s.birthPlace == nil || s.birthPlace!.uppercased() == identity.birthPlace)
        }
        switch fits.count {
        case 0: return INSiResult(.notFound)
        case 1: return INSiResult(.found, individual: fits[0].individual)
        default: return INSiResult(.several)
        }
    }

    /// Verification of a known INS (best-knowledge operation): `00` with the identity when the INS is
    /// known and every given trait equals the reference, `01` otherwise.
    public func verify(_ v: INSVerification) -> INSiResult {
        guard let identity = identities.identity(insNumber: v.ins.number), identity.active.key == v.ins.key,
            identity.active.oid == v.ins.oid
        else { return INSiResult(.notFound) }
        let t = v.traits
        let same =
            t.birthName == identity.birthName && t.sex == identity.sex && t.birthDate == identity.birthDate
            && (t.firstNames == nil || t.firstNames == identity.firstNames.joined(separator: " "))
            && (t.firstName == nil || t.firstName == identity.firstNames.first)
            && (t.birthPlace == nil || t.birthPlace == identity.birthPlace)
        return same ? INSiResult(.found, individual: identity.individual) : INSiResult(.notFound)
    }
}
