/// The body of a search by identity traits: `insi_recsans_ins:RECSANSVITALE` (type `TraitsDIdentite`,
/// `INSi_RECSANS_INS.xsd`). Values are the wire strings; the client checks them before building one.
public struct TraitSearch: Sendable, Hashable {
    /// `NomNaissance`.
    public var birthName: String?
    /// `Prenom` elements (0..n in the XSD). Vigie sends one: a single first name, or the whole
    /// space-separated list, as the doctrine's call sequence asks.
    public var firstNames: [String]
    /// `Sexe` (`M` or `F`).
    public var sex: String?
    /// `DateNaissance` (`YYYY-MM-DD`, "date lunaire": 00 allowed).
    public var birthDate: String?
    /// `LieuNaissance` (5-character COG code), optional.
    public var birthPlace: String?

    /// Creates a search body.
    public init(birthName: String?, firstNames: [String], sex: String?, birthDate: String?, birthPlace: String? = nil) {
        self.birthName = birthName
        self.firstNames = firstNames
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
    }

    /// The `RECSANSVITALE` element, elements prefixed `insi_recsans_ins` as the CNAM sample requests do.
    public var xml: String {
        var s = "<insi_recsans_ins:RECSANSVITALE xmlns:insi_recsans_ins=\"\(INSiNamespace.rechercheSansVitale)\">"
        func field(_ name: String, _ value: String?) {
            guard let value else { return }
            s += "<insi_recsans_ins:\(name)>\(XMLEscaping.text(value))</insi_recsans_ins:\(name)>"
        }
        field("NomNaissance", birthName)
        for first in firstNames { field("Prenom", first) }
        field("Sexe", sex)
        field("DateNaissance", birthDate)
        field("LieuNaissance", birthPlace)
        s += "</insi_recsans_ins:RECSANSVITALE>"
        return s
    }

    /// Reads a `RECSANSVITALE` element, checking the XSD sequence order and cardinalities.
    public init(element e: XMLElement) throws(INSiMessageError) {
        let ns = INSiNamespace.rechercheSansVitale
        guard e.namespace == ns, e.localName == "RECSANSVITALE" else { throw .unexpectedElement(path: "Body", offset: e.offset) }
        let order = ["NomNaissance", "Prenom", "Sexe", "DateNaissance", "LieuNaissance"]
        var last = -1
        var birthName: String?, sex: String?, date: String?, place: String?
        var firstNames: [String] = []
        for child in e.children {
            guard child.namespace == ns, let rank = order.firstIndex(of: child.localName) else {
                throw .unexpectedElement(path: "RECSANSVITALE/\(child.localName)", offset: child.offset)
            }
            // Sequence order (Prenom may repeat); anything else repeated or out of order is invalid.
            guard rank > last || (rank == 1 && last == 1) else {
                throw .unexpectedElement(path: "RECSANSVITALE/\(child.localName)", offset: child.offset)
            }
            last = rank
            guard child.children.isEmpty else { throw .unexpectedElement(path: "RECSANSVITALE/\(child.localName)/*", offset: child.offset) }
            switch rank {
            case 0: birthName = child.text
            case 1: firstNames.append(child.text)
            case 2: sex = child.text
            case 3: date = child.text
            default: place = child.text
            }
        }
        self.init(birthName: birthName, firstNames: firstNames, sex: sex, birthDate: date, birthPlace: place)
    }
}
