import VigieIdentity
import VigieText

/// The check made on local traits before any call: INSi receives only traits already in INS form.
///
/// Decision (research brief §1.7): characters outside the INS form — the typographic apostrophe `’`, the
/// ligatures `Æ`/`Œ`, accents, lower case — are **refused, not transliterated**. The CNDA test 2.03 cas 3
/// (`D’ÆION` / `CŒUR`) expects the software not to call INSi at all (SAPA's conformity test expects no
/// call); the one client that sent a transliteration (`D'AEION` / `COEUR`, PADOA) got a technical fault
/// from the qualification service. Silently rewriting a strict trait also breaks the rule that strict
/// traits are only changed against a document: the identity must be corrected by a person first.
public enum TraitCheck {
    /// The search bodies' wire values for these traits, or the first field that cannot be sent.
    public static func wireValues(_ traits: StrictTraits) throws(INSiClientError) -> WireTraits {
        guard INSForm.isValid(traits.birthName) else { throw .invalidTrait(field: "birth_name") }
        guard !traits.firstNames.isEmpty,
            traits.firstNames.allSatisfy({ INSForm.isValid($0) && !$0.contains(" ") })
        else { throw .invalidTrait(field: "first_names") }
        let sex: String
        switch traits.sex {
        case .male: sex = "M"
        case .female: sex = "F"
        default: throw .invalidTrait(field: "sex")
        }
        let date = traits.birthDate.iso
        guard TraitSyntax.isDate(date) else { throw .invalidTrait(field: "birth_date") }
        var place: String?
        if let p = traits.birthPlace, !p.isUnknown {
            guard TraitSyntax.isCOG(p.code) else { throw .invalidTrait(field: "birth_place") }
            place = p.code
        }
        return WireTraits(birthName: traits.birthName, firstNames: traits.firstNames, sex: sex, birthDate: date, birthPlace: place)
    }
}

/// Local traits as they go on the wire, checked.
public struct WireTraits: Sendable, Hashable {
    /// `NomNaissance`.
    public var birthName: String
    /// Birth first names, in order.
    public var firstNames: [String]
    /// `M` / `F`.
    public var sex: String
    /// `YYYY-MM-DD`.
    public var birthDate: String
    /// COG code, when known.
    public var birthPlace: String?

    /// The search with these first names (one, or the space-separated list), with or without the place.
    public func search(firstNames query: String, withPlace: Bool) -> TraitSearch {
        TraitSearch(birthName: birthName, firstNames: [query], sex: sex, birthDate: birthDate, birthPlace: withPlace ? birthPlace : nil)
    }
}
