/// French phonetic keys, each exactly as a named reference implementation computes it (see each algorithm's
/// file for its source and the deliberate, tested differences). Feed them INS forms: the reference
/// implementations disagree on accents, Ç, Œ and separators, INS forms have none of those.
public enum FrenchPhonetic {
    /// Phonex (Brouard 1999), string form, as talisman: `MARTIN` → `NORTIN`, `ROUSSEAU` → `R3SO`.
    public static func phonex(_ insForm: some StringProtocol) -> String {
        Phonex.code(insForm)
    }

    /// Soundex2 (Brouard/Carlier), as talisman (at most 4 letters, no padding): `MARTIN` → `MRTN`.
    public static func soundex2(_ insForm: some StringProtocol) -> String {
        Soundex2.code(insForm)
    }

    /// Sonnex (Bisson 2014), as talisman, word by word: `DUPONT` → `dup3`, `JEAN` → `j2`.
    public static func sonnex(_ insForm: some StringProtocol) -> String {
        Sonnex.code(insForm)
    }

    /// The key the blocking index uses: Phonex of the name's core, i.e. its words without particles, with
    /// SAINT forms expanded, glued together (`DE LA FONTAINE` → Phonex of `FONTAINE`; `ST-MARTIN` and
    /// `SAINT MARTIN` → Phonex of `SAINTMARTIN`).
    ///
    /// Why Phonex: blocking must keep true duplicates together (a pair never compared is a duplicate
    /// missed), and most real variation of French names is spelling of the same sound — EAU/AU/O, C/K/QU,
    /// PH/F, silent H, doubled letters, final D/T/X (`DUPONT`/`DUPOND`, `LEFEBVRE`/`LEFEVRE`,
    /// `GAUTHIER`/`GAUTIER`, `ROUSSEAU`/`ROUSSOT`) — which Phonex models and keeps in full length, while
    /// Soundex2 keeps 4 consonants (large blocks, and `LEFEBVRE` ≠ `LEFEVRE`). Typing errors that change the
    /// sound are caught by the other blocking passes (birth date, INS), not by this key.
    public static func blockingKey(_ insForm: some StringProtocol) -> String {
        let bytes = Array(insForm.utf8)
        let tokens = NameForm.tokens(of: bytes)
        var core: [UInt8] = []
        core.reserveCapacity(bytes.count + 4)
        for token in tokens where !token.isParticle { core.append(contentsOf: token.text.utf8) }
        return Phonex.code(String(decoding: core, as: UTF8.self))
    }

    /// ``blockingKey(_:)`` of one word given as bytes (the compact or glued letters of a name), as ASCII bytes,
    /// without building a `String`: a single word is its own core (the last word is never a particle), with
    /// `ST`/`STE` expanded. Nil when `word` holds a separator or a non-ASCII byte: ``blockingKey(_:)`` decides.
    public static func blockingKey(word: some Collection<UInt8>) -> [UInt8]? {
        var core: [UInt8] = []
        core.reserveCapacity(word.count + 4)
        for byte in word {
            if byte >= 0x80 || byte == 0x20 || byte == 0x2D || byte == 0x27 { return nil }
            core.append(byte)
        }
        if core.count >= 2 && core.count <= 3, let saint = NameVocabulary.saintForms[String(decoding: core, as: UTF8.self)] {
            core = Array(saint.utf8)
        }
        // Phonex's input step on ASCII: upper-case, letters only.
        var write = 0
        for read in core.indices {
            let byte = core[read]
            if byte >= 0x61 && byte <= 0x7A { core[write] = byte - 0x20; write += 1 }
            else if byte >= 0x41 && byte <= 0x5A { core[write] = byte; write += 1 }
        }
        core.removeSubrange(write...)
        Phonex.encode(&core)
        return core
    }
}
