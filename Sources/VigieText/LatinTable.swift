/// The fast path's transliteration of U+0000–U+017F (ASCII, Latin-1 Supplement, Latin Extended-A).
///
/// Each entry is what ICU's `Any-Latin; Latin-ASCII; Upper` gives for that scalar alone, packed as up to two
/// ASCII bytes (low byte first), or 0 when the result is not A–Z / apostrophe (the scalar is unsupported).
/// Generated from ICU 72.1 and checked against ICU on every name of the corpus and on random strings
/// (`INSFormDifferentialTests`): a change of ICU data shows up there, not silently.
/// Separators, controls, digits and ignorable characters never reach this table (see `ScalarClass`).
enum LatinTable {
    static let limit: UInt32 = 0x180

    /// ICU's output for U+00C0 … U+017F; "" = unsupported (× and ÷).
    private static let latin: [StaticString] = [
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // U+00C0
        "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "SS",  // U+00D0
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // U+00E0
        "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "Y",  // U+00F0
        "A", "A", "A", "A", "A", "A", "C", "C", "C", "C", "C", "C", "C", "C", "D", "D",  // U+0100
        "D", "D", "E", "E", "E", "E", "E", "E", "E", "E", "E", "E", "G", "G", "G", "G",  // U+0110
        "G", "G", "G", "G", "H", "H", "H", "H", "I", "I", "I", "I", "I", "I", "I", "I",  // U+0120
        "I", "I", "IJ", "IJ", "J", "J", "K", "K", "Q", "L", "L", "L", "L", "L", "L", "L",  // U+0130
        "L", "L", "L", "N", "N", "N", "N", "N", "N", "'N", "N", "N", "O", "O", "O", "O",  // U+0140
        "O", "O", "OE", "OE", "R", "R", "R", "R", "R", "R", "S", "S", "S", "S", "S", "S",  // U+0150
        "S", "S", "T", "T", "T", "T", "T", "T", "U", "U", "U", "U", "U", "U", "U", "U",  // U+0160
        "U", "U", "U", "U", "W", "W", "Y", "Y", "Y", "Z", "Z", "Z", "Z", "Z", "Z", "S",  // U+0170
    ]

    /// Packed entries for U+0000 … U+017F.
    static let entries: [UInt16] = {
        var table = [UInt16](repeating: 0, count: Int(limit))
        for value in UInt16(0x41)...0x5A { table[Int(value)] = value }
        for value in UInt16(0x61)...0x7A { table[Int(value)] = value - 0x20 }
        for (index, text) in latin.enumerated() {
            var packed: UInt16 = 0
            text.withUTF8Buffer { bytes in
                precondition(bytes.count <= 2)
                for (position, byte) in bytes.enumerated() { packed |= UInt16(byte) << (8 * position) }
            }
            table[0xC0 + index] = packed
        }
        return table
    }()
}
