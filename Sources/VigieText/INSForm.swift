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

    // `String` overloads: callers in other modules would otherwise go through the unspecialised generic
    // entry point (witness-table calls per access), which costs more than the table lookup itself.

    /// The INS form of `text`.
    public static func normalise(_ text: String) throws(TraitTextError) -> String {
        try UTF8FastPath.normalise(text, limit: defaultLimit) { String(decoding: $0, as: UTF8.self) }
    }

    /// The INS form of `text`, refusing results longer than `limit` characters.
    public static func normalise(_ text: String, limit: Int) throws(TraitTextError) -> String {
        try UTF8FastPath.normalise(text, limit: limit) { String(decoding: $0, as: UTF8.self) }
    }

    /// The INS form as ASCII bytes, for hot loops that compare bytes rather than strings.
    public static func bytes(_ text: some StringProtocol, limit: Int = defaultLimit) throws(TraitTextError) -> [UInt8] {
        try UTF8FastPath.normalise(text, limit: limit) { Array($0) }
    }

    /// The INS form as ASCII bytes, for hot loops that compare bytes rather than strings.
    public static func bytes(_ text: String, limit: Int = defaultLimit) throws(TraitTextError) -> [UInt8] {
        try UTF8FastPath.normalise(text, limit: limit) { Array($0) }
    }

    /// The INS form of the UTF-8 bytes `utf8`, written into `output`; returns the number of bytes written.
    ///
    /// The hot-loop entry point: no `String`, no allocation, one pass over the bytes with the lookup table
    /// (separators collapsed and trimmed as they are written) whenever every scalar is in U+0000–U+017F and the
    /// input fits in `output`; otherwise the same ICU path as `normalise(_:)`. Malformed UTF-8 is read as
    /// `String(decoding:as:)` reads it (each bad sequence a U+FFFD, an unsupported character), so the result,
    /// errors and offsets included, is always that of `normalise(String(decoding: utf8, as: UTF8.self))`.
    ///
    /// - Precondition: `output.count >= limit` (a result longer than `limit` is an error, never written).
    public static func normalise(
        utf8: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>, limit: Int = defaultLimit
    ) throws(TraitTextError) -> Int {
        precondition(output.count >= limit, "INSForm.normalise(utf8:into:): output smaller than limit")
        if utf8.count <= output.count, let base = output.baseAddress {
            switch UTF8FastPath.normalise(utf8, into: base) {
            case .done(let count):
                if count == 0 { throw .empty }
                if count > limit { throw .tooLong(length: count, limit: limit) }
                return count
            case .failure(let error):
                throw error
            case .needsICU, .invalidUTF8:
                break
            }
        }
        return try UTF8FastPath.normalise(String(decoding: utf8, as: UTF8.self), limit: limit) { bytes in
            _ = output.initialize(fromContentsOf: bytes)
            return bytes.count
        }
    }

    /// The INS form computed by ICU alone (no lookup table): the reference the fast path is checked
    /// against, in tests and benchmarks. Same result as `normalise`, slower.
    public static func referenceNormalise(_ text: some StringProtocol, limit: Int = defaultLimit) throws(TraitTextError) -> String {
        String(decoding: try TraitNormaliser.normalise(text.unicodeScalars, capacity: text.utf8.count, limit: limit, forceICU: true), as: UTF8.self)
    }

    /// `normalise(utf8:into:limit:)` computed by ICU alone: the bytes are decoded (ICU works on UTF-16),
    /// transliterated, then collapsed into `output`. The reference of the byte API in tests and benchmarks.
    ///
    /// - Precondition: `output.count >= limit`.
    public static func referenceNormalise(
        utf8: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>, limit: Int = defaultLimit
    ) throws(TraitTextError) -> Int {
        precondition(output.count >= limit, "INSForm.referenceNormalise(utf8:into:): output smaller than limit")
        let text = String(decoding: utf8, as: UTF8.self)
        let bytes = try TraitNormaliser.normalise(text.unicodeScalars, capacity: utf8.count, limit: limit, forceICU: true)
        _ = output.initialize(fromContentsOf: bytes)
        return bytes.count
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
