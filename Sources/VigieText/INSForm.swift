/// The INS form of a trait: upper-case A–Z, space, hyphen, straight apostrophe; collapsed and trimmed.
///
/// This is the form the INSi teleservice and the INS rules accept: diacritics removed, ligatures expanded
/// (Œ→OE, Æ→AE, ß→SS), typographic apostrophes, dashes and exotic spaces mapped, other scripts romanised
/// (`Any-Latin; Latin-ASCII; Upper`). What cannot become a valid trait is a typed error, never a silent drop:
/// digits, control characters, punctuation and symbols (`.`, `,`, `(`…), nothing left. Invisible formatting
/// characters (soft hyphen, zero-width space, BOM) are the one exception: they carry no letter and are dropped.
///
/// ```swift
/// try INSForm.normalise("D’Alembert-Cœur")   // "D'ALEMBERT-COEUR"
/// ```
public enum INSForm {
    /// The longest trait accepted by default: 100 characters, the birth-name field of the ANS
    /// "Guide d'implémentation de l'identité INS" (2020) and of the INS Datamatrix.
    public static let defaultLimit = 100

    /// The INS form of `text`.
    ///
    /// Text made of ASCII, Latin-1 and Latin Extended-A goes through a lookup table; anything else through ICU.
    /// Both give byte-identical results wherever both apply (tested on the whole corpus).
    public static func normalise(_ text: some StringProtocol) throws(TraitTextError) -> String {
        try UTF8FastPath.normalise(text, limit: defaultLimit) { String(decoding: $0, as: UTF8.self) }
    }

    /// The INS form of `text`, refusing results longer than `limit` characters.
    public static func normalise(_ text: some StringProtocol, limit: Int) throws(TraitTextError) -> String {
        try UTF8FastPath.normalise(text, limit: limit) { String(decoding: $0, as: UTF8.self) }
    }

    /// The INS form as ASCII bytes, for hot loops that compare bytes rather than strings.
    public static func bytes(_ text: some StringProtocol, limit: Int = defaultLimit) throws(TraitTextError) -> [UInt8] {
        try UTF8FastPath.normalise(text, limit: limit) { Array($0) }
    }

    /// The INS form computed by ICU alone (no lookup table): the reference the fast path is checked
    /// against, in tests and benchmarks. Same result as `normalise`, slower.
    public static func referenceNormalise(_ text: some StringProtocol, limit: Int = defaultLimit) throws(TraitTextError) -> String {
        String(decoding: try TraitNormaliser.normalise(text.unicodeScalars, capacity: text.utf8.count, limit: limit, forceICU: true), as: UTF8.self)
    }

    /// True when `text` is already a valid INS-form trait (what INSi accepts): words of A–Z separated by
    /// one space, one apostrophe, or one or two hyphens (the legacy double hyphen of double names, which
    /// `normalise` collapses), at most `defaultLimit` characters.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        var count = 0
        var previous: UInt8 = 0x20  // as if preceded by a separator: the text must start with a letter
        var previousButOne: UInt8 = 0x20
        for byte in text.utf8 {
            count += 1
            if byte >= 0x41 && byte <= 0x5A {
                // letter
            } else if byte == 0x20 || byte == 0x27 || byte == 0x2D {
                let previousIsLetter = previous >= 0x41 && previous <= 0x5A
                let doubleHyphen = byte == 0x2D && previous == 0x2D && previousButOne >= 0x41 && previousButOne <= 0x5A
                if !previousIsLetter && !doubleHyphen { return false }
            } else {
                return false
            }
            previousButOne = previous
            previous = byte
        }
        return count > 0 && count <= defaultLimit && previous >= 0x41 && previous <= 0x5A
    }
}
