/// A SOAP 1.2 fault as INSi sends it: `Code/Value` (`Sender` / `Receiver`), `Subcode/Value` (`siram_NN`),
/// `Reason/Text`, and `Detail/siram:Erreur` with `code` (`desir_NNN`, `insi_NNN`), `severite`, `messageID`.
public struct SOAPFault: Error, Sendable, Hashable, CustomStringConvertible {
    /// Who is at fault, as SOAP 1.2 says it.
    public enum Role: String, Sendable, Hashable {
        /// The request is wrong (`soap:Sender`): do not retry as is.
        case sender = "Sender"
        /// The service failed (`soap:Receiver`): may be retried later.
        case receiver = "Receiver"
    }

    /// `Code/Value`.
    public var role: Role
    /// `Subcode/Value` local name, e.g. `siram_100`.
    public var subcode: String
    /// `Reason/Text`.
    public var reason: String
    /// `Detail/siram:Erreur/@code`, e.g. `desir_550`.
    public var detailCode: String
    /// `Detail/siram:Erreur/@severite` (`information|avertissement|erreur|fatale`; the live service also
    /// sends `fatal`).
    public var severity: String
    /// `Detail/siram:Erreur/@messageID`: the `wsa:MessageID` of the request, when echoed.
    public var messageID: String?
    /// `Detail/siram:Erreur` text.
    public var detail: String

    /// Creates a fault.
    public init(role: Role, subcode: String, reason: String, detailCode: String, severity: String, messageID: String?, detail: String) {
        self.role = role
        self.subcode = subcode
        self.reason = reason
        self.detailCode = detailCode
        self.severity = severity
        self.messageID = messageID
        self.detail = detail
    }

    /// `siram_100` / `desir_550`: unknown software authorisation number (texts as captured by
    /// `padoa/tlsi-ins:src/ins/fixtures/service-errors/siram_100-desir_500-fake-idam.fixtures.ts`).
    public static func unknownSoftware(messageID: String?) -> SOAPFault {
        SOAPFault(
            role: .sender, subcode: "siram_100",
            reason: "L'accès par ce progiciel au service n'est pas autorisé. Contactez l'éditeur du progiciel ou votre responsable informatique.",
            detailCode: "desir_550", severity: "erreur", messageID: messageID, detail: "Numéro d'autorisation du logiciel inconnu.")
    }

    /// `siram_40` / `insi_102`: technical error (texts as captured by
    /// `padoa/tlsi-ins:src/fixtures/persons/aeion-coeur.fixture.ts` @a9396f7). The live service sent
    /// `severite="fatal"`, which its own XSD (`schema_faultSOAP_V01_01.xsd`) does not allow; the mock
    /// writes the XSD's `fatale` and the client reads either.
    public static func technicalError(messageID: String?) -> SOAPFault {
        SOAPFault(
            role: .receiver, subcode: "siram_40",
            reason: "Le service est temporairement inaccessible. Veuillez renouveler votre demande ultérieurement. Si le problème persiste, contactez l'éditeur du progiciel ou votre responsable informatique.",
            detailCode: "insi_102", severity: "fatale", messageID: messageID,
            detail: "L'appel au service de recherche avec les traits d'identité renvoie une erreur technique.")
    }

    /// The HTTP status of a SOAP 1.2 fault (SOAP 1.2 part 2 §7.5.1.2: Sender → 400, Receiver → 500).
    public var httpStatus: Int { role == .sender ? 400 : 500 }

    /// The `siram:Erreur` element alone (what `schema_faultSOAP_V01_01.xsd` validates).
    public var erreurXML: String {
        let a = XMLEscaping.attribute
        var s = "<siram:Erreur code=\"\(a(detailCode))\""
        if let messageID { s += " messageID=\"\(a(messageID))\"" }
        s += " severite=\"\(a(severity))\" xmlns:siram=\"\(INSiNamespace.siram)\">\(XMLEscaping.text(detail))</siram:Erreur>"
        return s
    }

    /// The whole SOAP 1.2 fault envelope, in the shape of the captured `siram_100` answer.
    public var xml: String {
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"\(INSiNamespace.soap)\">"
        s += "<env:Body xmlns:env=\"\(INSiNamespace.soap)\"><soap:Fault><soap:Code><soap:Value>soap:\(role.rawValue)</soap:Value>"
        s += "<soap:Subcode><soap:Value>soap:\(XMLEscaping.text(subcode))</soap:Value></soap:Subcode></soap:Code>"
        s += "<soap:Reason><soap:Text xml:lang=\"fr\">\(XMLEscaping.text(reason))</soap:Text></soap:Reason>"
        s += "<soap:Detail>\(erreurXML)</soap:Detail></soap:Fault></env:Body></soap:Envelope>"
        return s
    }

    /// Reads a `soap:Fault` element.
    public init(element f: XMLElement) throws(INSiMessageError) {
        let ns = INSiNamespace.soap
        guard let codeValue = f.child(ns, "Code")?.child(ns, "Value") else { throw .missingElement(path: "Fault/Code/Value") }
        let code = codeValue.resolveQName(codeValue.text.trimmedXMLSpace)
        guard code.namespace == ns, let role = Role(rawValue: code.localName) else { throw .invalidValue(path: "Fault/Code/Value") }
        var subcode = ""
        if let sub = f.child(ns, "Code")?.child(ns, "Subcode")?.child(ns, "Value") {
            subcode = sub.resolveQName(sub.text.trimmedXMLSpace).localName
        }
        let reason = f.child(ns, "Reason")?.child(ns, "Text")?.text ?? ""
        let erreur = f.child(ns, "Detail")?.child(INSiNamespace.siram, "Erreur")
        self.init(
            role: role, subcode: subcode, reason: reason, detailCode: erreur?.attribute("code") ?? "",
            severity: erreur?.attribute("severite") ?? "", messageID: erreur?.attribute("messageID"), detail: erreur?.text ?? "")
    }

    /// Codes only: never the reason text, which a future service could fill with request values.
    public var description: String { "INSi fault \(role.rawValue)/\(subcode)/\(detailCode)" }
}

/// What an INSi answer holds: a result or a fault.
public enum INSiAnswer: Sendable, Hashable {
    /// `RESULTAT`.
    case result(INSiResult)
    /// `soap:Fault`.
    case fault(SOAPFault)

    /// Decodes an answer envelope.
    public init(bytes: [UInt8]) throws(INSiMessageError) {
        let root: XMLElement
        do { root = try XMLDocumentParser.parse(bytes) } catch { throw .xml(error) }
        guard root.namespace == INSiNamespace.soap, root.localName == "Envelope",
            let body = root.child(INSiNamespace.soap, "Body"), let first = body.children.first
        else { throw .notSOAPEnvelope }
        if first.namespace == INSiNamespace.soap, first.localName == "Fault" {
            self = .fault(try SOAPFault(element: first))
        } else {
            self = .result(try INSiResult(element: first))
        }
    }
}
