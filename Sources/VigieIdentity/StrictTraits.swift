/// The five strict traits (traits stricts) of the INS: birth name, birth first names, sex, birth date,
/// birth place. They travel with the matricule and must not be altered once retrieved from INSi.
///
/// Names are kept as given; callers normalise them with VigieText (`INSForm`, `FirstNames`).
public struct StrictTraits: Sendable, Hashable, Codable {
    /// Nom de naissance.
    public var birthName: String
    /// Prénoms de naissance, in order (compound first names keep their hyphen).
    public var firstNames: [String]
    /// Sexe.
    public var sex: Sex
    /// Date de naissance.
    public var birthDate: BirthDate
    /// Lieu de naissance (COG code), when known.
    public var birthPlace: BirthPlace?

    /// Creates the traits.
    public init(birthName: String, firstNames: [String], sex: Sex, birthDate: BirthDate, birthPlace: BirthPlace?) {
        self.birthName = birthName
        self.firstNames = firstNames
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
    }

    /// Premier prénom: the first of the birth first names (what INSi's `Prenom` and XPN-2 carry).
    public var firstName: String? { firstNames.first }

    /// The first names as INSi's `ListePrenom` writes them: separated by single spaces.
    public var firstNamesList: String { firstNames.joined(separator: " ") }
}
