/// An error a registration desk makes when typing an identity, modelled on French hospital practice
/// (identity-vigilance literature summarised in the project's research notes, §10.6).
///
/// The raw value is the name used in `errors.csv` and in the profile.
public enum ErrorKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A keyboard slip on AZERTY: a neighbouring key substituted or inserted, a letter dropped, two letters swapped.
    case typo
    /// A spelling that sounds the same (PH/F, AI/É, EAU/O, doubled or single consonant, C/K/QU, Y/I…).
    case phonetic
    /// Diacritics dropped (desk software without accents).
    case accentsLost = "accents-lost"
    /// Lower or title case where the desk normally types capitals.
    case caseVariant = "case"
    /// A compound first name typed with a space instead of its hyphen, or two first names joined by a hyphen.
    case compoundSeparator = "compound-separator"
    /// Only the first part of a compound first name (JEAN for JEAN-PIERRE).
    case compoundFirstPart = "compound-first-part"
    /// Only the first birth first name; the others are missing.
    case otherFirstNamesMissing = "other-first-names-missing"
    /// The used (married) name typed in the birth-name field.
    case usedNameAsBirthName = "used-name-as-birth-name"
    /// Birth name and first name inverted.
    case nameInverted = "name-inverted"
    /// Day and month swapped (MM/DD read as DD/MM).
    case dayMonthSwap = "day-month-swap"
    /// One wrong digit in the birth date.
    case dateDigit = "date-digit"
    /// 1 January entered because the day and month were unknown at the desk.
    case unknownDateAsJanuaryFirst = "date-01-01"
    /// Another commune (same département) or another country typed as the birth place.
    case birthPlaceWrong = "birth-place-wrong"
    /// No birth place.
    case birthPlaceMissing = "birth-place-missing"
    /// Today's code of a commune that has merged or changed code since the birth, instead of the code at birth.
    case birthPlaceCurrentCode = "birth-place-current-code"
    /// A particle glued, dropped or spaced differently (DE LA FONTAINE, DELAFONTAINE, FONTAINE; D'ARC, DARC).
    case particleVariant = "particle"
    /// SAINT written ST, with a space or a hyphen (SAINT-MARTIN, ST MARTIN).
    case saintVariant = "saint"
    /// Sex typed wrong.
    case sexWrong = "sex-wrong"
    /// A marital marker in the name field (DURAND EP MARTIN, MARTIN NEE DURAND, DURAND VVE MARTIN).
    case maritalMarker = "marital-marker"
    /// Only one part of a double surname (loi 2002-304), or its parts separated by `--`.
    case doubleNamePart = "double-name"

    /// Declaration order, so that reports and files list kinds the same way everywhere.
    public static func < (a: ErrorKind, b: ErrorKind) -> Bool { a.order < b.order }

    /// The kind's position in ``allCases``.
    public var order: Int { ErrorKind.ordered.firstIndex(of: self)! }

    /// `allCases` computed once (the synthesised property builds a new array on every call).
    static let ordered = ErrorKind.allCases
}

/// A set of ``ErrorKind`` values held in one integer (a record carries few kinds; sets are compared and
/// merged in the evaluator's inner loops).
public struct ErrorSet: Sendable, Hashable, Sequence {
    /// Bit `i` set = `ErrorKind.allCases[i]` present.
    public var bits: UInt32

    /// The empty set.
    public init() { bits = 0 }

    /// A set with these kinds.
    public init(_ kinds: some Sequence<ErrorKind>) {
        bits = 0
        for k in kinds { insert(k) }
    }

    /// Adds `kind`.
    public mutating func insert(_ kind: ErrorKind) { bits |= 1 << UInt32(kind.order) }

    /// Whether `kind` is present.
    public func contains(_ kind: ErrorKind) -> Bool { bits & (1 << UInt32(kind.order)) != 0 }

    /// Whether there is no kind.
    public var isEmpty: Bool { bits == 0 }

    /// Both sets' kinds.
    public func union(_ other: ErrorSet) -> ErrorSet {
        var s = self
        s.bits |= other.bits
        return s
    }

    /// The kinds in declaration order.
    public func makeIterator() -> IndexingIterator<[ErrorKind]> {
        ErrorKind.ordered.filter { contains($0) }.makeIterator()
    }

    /// The `errors.csv` form: kinds in declaration order, `;`-separated (empty for none).
    public var field: String { map(\.rawValue).joined(separator: ";") }
}
