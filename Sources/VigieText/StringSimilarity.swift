/// String similarity on bytes (normalised names: ASCII, one byte per character).
///
/// Definitions follow jellyfish (jamesturk/jellyfish `src/jaro.rs`, `src/levenshtein.rs`) and rapidfuzz;
/// their published test vectors are in `StringSimilarityTests`. Both libraries count Unicode characters, these
/// functions count bytes: feed them INS forms (A–Z, space, hyphen, apostrophe), where the two agree.
///
/// Empty strings (rapidfuzz's convention, not jellyfish's): two empty strings are identical (similarity 1,
/// distance 0); an empty and a non-empty string have similarity 0. A missing trait is not an empty name:
/// callers decide what a missing value means before comparing.
public enum StringSimilarity {
    /// Jaro similarity in [0, 1]: matches within a window of ⌊max(|a|,|b|)/2⌋−1, half-transpositions.
    public static func jaro(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let (matches, transpositions) = JaroMatcher.matches(a, b)
        return JaroMatcher.similarity(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    /// Jaro similarity of two byte arrays.
    public static func jaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaro(a, b) } }
    }

    /// Jaro–Winkler similarity in [0, 1]: Jaro plus 0.1 × (common prefix, at most 4) × (1 − Jaro), the boost
    /// applied only when Jaro > 0.7 (Winkler 1990, as jellyfish and rapidfuzz). No allocation: a bit-parallel
    /// match for strings up to 64 bytes, stack buffers beyond.
    public static func jaroWinkler(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let (matches, transpositions) = JaroMatcher.matches(a, b)
        let jaro = JaroMatcher.similarity(matches: matches, transpositions: transpositions, a.count, b.count)
        guard jaro > 0.7 else { return jaro }
        var prefix = 0
        let limit = min(4, a.count, b.count)
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + 0.1 * Double(prefix) * (1 - jaro)
    }

    /// Jaro–Winkler similarity of two byte arrays.
    public static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in jaroWinkler(a, b) } }
    }

    /// Levenshtein distance: insertions, deletions, substitutions, each costing 1.
    public static func levenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
        EditDistance.levenshtein(a, b)
    }

    /// Optimal string alignment distance (restricted Damerau–Levenshtein): Levenshtein plus transposition of
    /// two adjacent characters, no substring edited twice, so `CA`/`ABC` = 3 (rapidfuzz `OSA`).
    public static func osaDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        EditDistance.optimalStringAlignment(a, b)
    }

    /// `osaDistance(a, b) <= 1`, in one pass and without a table: the strings are equal, or one edit apart (a byte
    /// changed, added or dropped, or two adjacent bytes swapped). The matching's one-edit levels ask only this, for
    /// most compared pairs, and filling the table for each was a hot spot of scoring (issues #15, #13).
    /// `StringSimilarityTests` checks it against `osaDistance` on every pair of short strings.
    public static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in EditDistance.withinOneEdit(a, b) } }
    }

    /// True (unrestricted) Damerau–Levenshtein distance (Lowrance–Wagner), so `CA`/`ABC` = 2
    /// (jellyfish `damerau_levenshtein_distance`, rapidfuzz `DamerauLevenshtein`).
    public static func damerauLevenshtein(_ a: [UInt8], _ b: [UInt8]) -> Int {
        EditDistance.damerauLevenshtein(a, b)
    }
}
