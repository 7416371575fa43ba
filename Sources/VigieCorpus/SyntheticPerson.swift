import VigieIdentity

/// One generated person: the true identity every record of theirs derives from (the ground truth).
///
/// Names are in capitals with their accents, as on an identity card; compound first names keep their hyphen.
public struct SyntheticPerson: Sendable, Hashable {
    /// `P` + number, as in `truth.csv`.
    public var id: String
    /// Birth name (nom de naissance).
    public var birthName: String
    /// Birth first names, in order.
    public var firstNames: [String]
    /// True for a woman.
    public var isFemale: Bool
    /// `YYYY-MM-DD`; `YYYY-00-00` when day and month are unknown (some persons born abroad).
    public var birthDate: String
    /// INSEE code of the birth place in force on the birth date (commune, or `99xxx` country).
    public var birthPlace: String
    /// Today's code of the birth commune when it differs from `birthPlace` (merged or renumbered since).
    public var currentBirthPlace: String?
    /// Used (married) name, if any.
    public var usedName: String?
    /// The 15-character matricule (NIR): sex, year, month, place, order number, key.
    public var matricule: String
    /// The two parts of a double surname (loi 2002-304), if the birth name is one.
    public var doubleNameParts: [String]?

    /// `M` or `F`.
    public var sexCode: String { isFemale ? "F" : "M" }
    /// Whether the person was born abroad.
    public var isBornAbroad: Bool { birthPlace.hasPrefix("99") }
}

/// A look-alike relation between two different persons: what a careless engine merges.
public struct HardNegativePair: Sendable, Hashable {
    /// The kind of look-alike.
    public var kind: HardNegativeKind
    /// The first person's id.
    public var personID: String
    /// The other person's id.
    public var otherPersonID: String
}

/// Kinds of look-alike persons.
public enum HardNegativeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Same birth name, birth date and place; different first names (sex the same or not).
    case twin
    /// Father and son with the same birth name and first name(s), born 20 to 45 years apart.
    case parentChild = "parent-child"
    /// Same birth name, first names and birth date; born in different places.
    case namesake
}

/// One generated record with its ground truth.
public struct GeneratedRecord: Sendable, Hashable {
    /// The record as it appears in `records.csv`.
    public var record: RawRecord
    /// The id of the person it belongs to.
    public var personID: String
    /// Errors the record carries (empty for a qualified copy or an error-free desk entry).
    public var errors: ErrorSet
    /// True when copied from a qualified identity (INS form, INS present).
    public var isQualified: Bool
}
