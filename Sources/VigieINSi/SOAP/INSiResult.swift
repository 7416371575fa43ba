/// The report code (`CR/CodeCR`) of a search, with the exact labels of the service.
public enum INSiReportCode: String, Sendable, Hashable, CaseIterable, Codable {
    /// One identity found: `INDIVIDU` follows.
    case found = "00"
    /// No identity found.
    case notFound = "01"
    /// Several identities fit the traits.
    case several = "02"

    /// `LibelleCR` exactly as the service writes it (`padoa/tlsi-ins:src/ins/models/insi-fetch-ins.models.ts`,
    /// captured answer `REP_CR01.xml`).
    public var label: String {
        switch self {
        case .found: return "OK"
        case .notFound: return "Aucune identite trouvee"
        case .several: return "Plusieurs identites trouvees"
        }
    }
}

/// One INS as `INSACTIF` / `INSHISTO` carry it (type `IdentifiantNationalSante`). Wire strings: a mock
/// must be able to return the CNDA's keys that fail the mod-97 check, and the client decides what to accept.
public struct INSRecord: Sendable, Hashable {
    /// `IdIndividu/NumIdentifiant`: the 13 characters.
    public var number: String
    /// `IdIndividu/Cle`: the 2-digit key (optional in the XSD).
    public var key: String?
    /// `IdIndividu/TypeMatricule`, rarely sent.
    public var matriculeType: String?
    /// `OID`: the assigning authority (NIR `…4.8`, NIA `…4.9`, test `…4.10`, demo `…4.11`).
    public var oid: String
    /// `DateDeb` / `DateFin`: "never filled" per PAM FR; parsed, not trusted.
    public var start: String?
    /// `DateFin`.
    public var end: String?

    /// Creates a record.
    public init(number: String, key: String?, matriculeType: String? = nil, oid: String, start: String? = nil, end: String? = nil) {
        self.number = number
        self.key = key
        self.matriculeType = matriculeType
        self.oid = oid
        self.start = start
        self.end = end
    }
}

/// The traits returned (`TIQ`, type `TraitsDIdentite` of `INSi_RESULTAT_INS.xsd`).
public struct ReturnedTraits: Sendable, Hashable {
    /// `NomNaissance`.
    public var birthName: String?
    /// `Prenom`: the first birth first name (optional; the first token of `ListePrenom` otherwise).
    public var firstName: String?
    /// `ListePrenom`: the birth first names, space-separated.
    public var firstNames: String?
    /// `Sexe`.
    public var sex: String?
    /// `DateNaissance`.
    public var birthDate: String?
    /// `LieuNaissance` (COG code).
    public var birthPlace: String?

    /// Creates returned traits.
    public init(birthName: String?, firstName: String? = nil, firstNames: String?, sex: String?, birthDate: String?, birthPlace: String?) {
        self.birthName = birthName
        self.firstName = firstName
        self.firstNames = firstNames
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
    }
}

/// `INDIVIDU`: the active INS, its history, and the traits.
public struct INSiIndividual: Sendable, Hashable {
    /// `INSACTIF`.
    public var active: INSRecord
    /// `INSHISTO` (0..n), in order.
    public var history: [INSRecord]
    /// `TIQ`.
    public var traits: ReturnedTraits

    /// Creates an individual.
    public init(active: INSRecord, history: [INSRecord] = [], traits: ReturnedTraits) {
        self.active = active
        self.history = history
        self.traits = traits
    }
}

/// `RESULTAT`: the answer to a search.
public struct INSiResult: Sendable, Hashable {
    /// `CR/CodeCR` as sent.
    public var code: String
    /// `CR/LibelleCR` as sent.
    public var label: String
    /// `INDIVIDU` (with CR 00).
    public var individual: INSiIndividual?

    /// The report code, when it is one of the documented ones.
    public var reportCode: INSiReportCode? { INSiReportCode(rawValue: code) }

    /// Creates a result with the exact label of a documented code.
    public init(_ code: INSiReportCode, individual: INSiIndividual? = nil) {
        self.code = code.rawValue
        self.label = code.label
        self.individual = individual
    }

    /// Creates a result with any code and label.
    public init(code: String, label: String, individual: INSiIndividual?) {
        self.code = code
        self.label = label
        self.individual = individual
    }

    /// The `RESULTAT` element alone, with its namespace declarations (what the XSD validates).
    public var resultatXML: String {
        let e = XMLEscaping.text
        var s = "<RESULTAT xmlns:ns3=\"\(INSiNamespace.rechercheVitale)\" xmlns:ns2=\"\(INSiNamespace.rechercheSansVitale)\""
        s += " xmlns=\"\(INSiNamespace.resultat)\"><CR><CodeCR>\(e(code))</CodeCR><LibelleCR>\(e(label))</LibelleCR></CR>"
        if let individual {
            s += "<INDIVIDU>"
            func ins(_ tag: String, _ r: INSRecord) {
                s += "<\(tag)><IdIndividu><NumIdentifiant>\(e(r.number))</NumIdentifiant>"
                if let key = r.key { s += "<Cle>\(e(key))</Cle>" }
                if let t = r.matriculeType { s += "<TypeMatricule>\(e(t))</TypeMatricule>" }
                s += "</IdIndividu><OID>\(e(r.oid))</OID>"
                if let d = r.start { s += "<DateDeb>\(e(d))</DateDeb>" }
                if let d = r.end { s += "<DateFin>\(e(d))</DateFin>" }
                s += "</\(tag)>"
            }
            ins("INSACTIF", individual.active)
            for h in individual.history { ins("INSHISTO", h) }
            let t = individual.traits
            s += "<TIQ>"
            func field(_ name: String, _ value: String?) { if let value { s += "<\(name)>\(e(value))</\(name)>" } }
            field("NomNaissance", t.birthName)
            field("Prenom", t.firstName)
            field("ListePrenom", t.firstNames)
            field("Sexe", t.sex)
            field("DateNaissance", t.birthDate)
            field("LieuNaissance", t.birthPlace)
            s += "</TIQ></INDIVIDU>"
        }
        s += "</RESULTAT>"
        return s
    }

    /// The whole SOAP 1.2 answer, in the shape of the captured qualification answers (`responses/*.xml`).
    public var xml: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"\(INSiNamespace.soap)\">"
            + "<S:Body xmlns:S=\"\(INSiNamespace.soap)\">" + resultatXML + "</S:Body></soap:Envelope>"
    }

    /// Reads a `RESULTAT` element.
    public init(element r: XMLElement) throws(INSiMessageError) {
        let ns = INSiNamespace.resultat
        guard r.namespace == ns, r.localName == "RESULTAT" else { throw .unexpectedElement(path: "Body/\(r.localName)", offset: r.offset) }
        guard let cr = r.child(ns, "CR") else { throw .missingElement(path: "RESULTAT/CR") }
        guard let code = cr.child(ns, "CodeCR")?.text.trimmedXMLSpace else { throw .missingElement(path: "RESULTAT/CR/CodeCR") }
        guard let label = cr.child(ns, "LibelleCR")?.text else { throw .missingElement(path: "RESULTAT/CR/LibelleCR") }
        var individual: INSiIndividual?
        if let ind = r.child(ns, "INDIVIDU") {
            func record(_ e: XMLElement, _ path: String) throws(INSiMessageError) -> INSRecord {
                guard let id = e.child(ns, "IdIndividu") else { throw .missingElement(path: "\(path)/IdIndividu") }
                guard let number = id.child(ns, "NumIdentifiant")?.text.trimmedXMLSpace else {
                    throw .missingElement(path: "\(path)/IdIndividu/NumIdentifiant")
                }
                guard let oid = e.child(ns, "OID")?.text.trimmedXMLSpace else { throw .missingElement(path: "\(path)/OID") }
                return INSRecord(
                    number: number, key: id.child(ns, "Cle")?.text.trimmedXMLSpace,
                    matriculeType: id.child(ns, "TypeMatricule")?.text, oid: oid,
                    start: e.child(ns, "DateDeb")?.text.trimmedXMLSpace, end: e.child(ns, "DateFin")?.text.trimmedXMLSpace)
            }
            guard let active = ind.child(ns, "INSACTIF") else { throw .missingElement(path: "INDIVIDU/INSACTIF") }
            guard let tiq = ind.child(ns, "TIQ") else { throw .missingElement(path: "INDIVIDU/TIQ") }
            var history: [INSRecord] = []
            for h in ind.children(ns, "INSHISTO") { history.append(try record(h, "INDIVIDU/INSHISTO")) }
            let traits = ReturnedTraits(
                birthName: tiq.child(ns, "NomNaissance")?.text, firstName: tiq.child(ns, "Prenom")?.text,
                firstNames: tiq.child(ns, "ListePrenom")?.text, sex: tiq.child(ns, "Sexe")?.text,
                birthDate: tiq.child(ns, "DateNaissance")?.text, birthPlace: tiq.child(ns, "LieuNaissance")?.text)
            individual = INSiIndividual(active: try record(active, "INDIVIDU/INSACTIF"), history: history, traits: traits)
        }
        self.init(code: code, label: label, individual: individual)
    }
}
