/// Turning a text into the upper-case A–Z bytes the phonetic algorithms work on.
enum PhoneticInput {
    /// Upper-cases `text`, maps each scalar with `unaccent` (nil = dropped) and keeps only A–Z.
    /// ASCII text (every INS form) takes a byte loop; anything else Unicode upper-casing first, as
    /// JavaScript's `toUpperCase` does in the reference implementations.
    static func upperLetters(_ text: some StringProtocol, unaccent: (Unicode.Scalar) -> UInt8?) -> [UInt8] {
        var letters: [UInt8] = []
        letters.reserveCapacity(text.utf8.count)
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if byte >= 0x61 && byte <= 0x7A { letters.append(byte - 0x20) }
            else if byte >= 0x41 && byte <= 0x5A { letters.append(byte) }
        }
        if ascii { return letters }
        letters.removeAll(keepingCapacity: true)
        for scalar in String(text).uppercased().unicodeScalars {
            if let byte = unaccent(scalar), byte >= 0x41 && byte <= 0x5A { letters.append(byte) }
        }
        return letters
    }

    /// Upper-case A–Z letters of `text` with diacritics removed by the INS table (lodash `deburr` in talisman
    /// for Soundex2: the same on French letters); other characters dropped.
    static func deburredLetters(_ text: some StringProtocol) -> [UInt8] {
        var letters: [UInt8] = []
        letters.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 0x61 && value <= 0x7A { letters.append(UInt8(value) - 0x20); continue }
            if value >= 0x41 && value <= 0x5A { letters.append(UInt8(value)); continue }
            guard value >= 0xC0 && value < LatinTable.limit else { continue }
            let entry = LatinTable.entries[Int(value)]
            for byte in [UInt8(truncatingIfNeeded: entry), UInt8(truncatingIfNeeded: entry >> 8)]
            where byte >= 0x41 && byte <= 0x5A {
                letters.append(byte)
            }
        }
        return letters
    }
}
