/// The body of the verification operation — **Vigie's best-knowledge shape, not a published schema**.
///
/// WSDL 1.5.0 has no verification operation. The element names come from a third-party sample
/// (`re-connect/sesame-ins:check_ins.xml`: `RequeteUnitaire/IndividuVerifie/{INSFourni, TraitsIdentiteIndividu}`),
/// the action name from the GIE SESAM-Vitale editor kit sample (`verifierInsAvecTraitsIdentite`), the
/// namespace from the same sample's results namespace. Replace them when the CNAM "INSi lot 2" WSDL is available.
public struct INSVerification: Sendable, Hashable {
    /// `INSFourni`: the INS to verify.
    public var ins: INSRecord
    /// `TraitsIdentiteIndividu`: the local traits.
    public var traits: ReturnedTraits

    /// Creates a verification body.
    public init(ins: INSRecord, traits: ReturnedTraits) {
        self.ins = ins
        self.traits = traits
    }

    /// The `RequeteUnitaire` element.
    public var xml: String {
        let e = XMLEscaping.text
        var s = "<v:RequeteUnitaire xmlns:v=\"\(INSiNamespace.verification)\"><v:IndividuVerifie><v:INSFourni><v:IdIndividu>"
        s += "<v:NumIdentifiant>\(e(ins.number))</v:NumIdentifiant>"
        if let key = ins.key { s += "<v:Cle>\(e(key))</v:Cle>" }
        s += "</v:IdIndividu><v:OID>\(e(ins.oid))</v:OID></v:INSFourni><v:TraitsIdentiteIndividu>"
        func field(_ name: String, _ value: String?) { if let value { s += "<v:\(name)>\(e(value))</v:\(name)>" } }
        field("NomNaissance", traits.birthName)
        field("Prenom", traits.firstName)
        field("ListePrenom", traits.firstNames)
        field("Sexe", traits.sex)
        field("DateNaissance", traits.birthDate)
        field("LieuNaissance", traits.birthPlace)
        s += "</v:TraitsIdentiteIndividu></v:IndividuVerifie></v:RequeteUnitaire>"
        return s
    }

    /// Reads a `RequeteUnitaire` element.
    public init(element r: XMLElement) throws(INSiMessageError) {
        let ns = INSiNamespace.verification
        guard r.namespace == ns, r.localName == "RequeteUnitaire" else { throw .unexpectedElement(path: "Body/\(r.localName)", offset: r.offset) }
        guard let individual = r.child(ns, "IndividuVerifie") else { throw .missingElement(path: "RequeteUnitaire/IndividuVerifie") }
        guard let fourni = individual.child(ns, "INSFourni"), let id = fourni.child(ns, "IdIndividu"),
            let number = id.child(ns, "NumIdentifiant")?.text.trimmedXMLSpace, let oid = fourni.child(ns, "OID")?.text.trimmedXMLSpace
        else { throw .missingElement(path: "IndividuVerifie/INSFourni") }
        guard let t = individual.child(ns, "TraitsIdentiteIndividu") else { throw .missingElement(path: "IndividuVerifie/TraitsIdentiteIndividu") }
        self.init(
            ins: INSRecord(number: number, key: id.child(ns, "Cle")?.text.trimmedXMLSpace, oid: oid),
            traits: ReturnedTraits(
                birthName: t.child(ns, "NomNaissance")?.text, firstName: t.child(ns, "Prenom")?.text,
                firstNames: t.child(ns, "ListePrenom")?.text, sex: t.child(ns, "Sexe")?.text,
                birthDate: t.child(ns, "DateNaissance")?.text, birthPlace: t.child(ns, "LieuNaissance")?.text))
    }
}
