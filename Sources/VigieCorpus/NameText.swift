/// Character-level helpers for French names as the generator writes and perturbs them.
///
/// These model what a desk produces (accents dropped, case changed); they are not the engine's normalisation
/// (VigieText's `INSForm`), which the generator uses for records copied from a qualified identity.
enum NameText {
    /// The ASCII letter(s) a French diacritic letter loses its accent to, or nil when `c` has none.
    static func unaccented(_ c: Character) -> String? {
        switch c {
        case "À", "Â", "Ä", "Á", "Ã", "Å": return "A"
        case "à", "â", "ä", "á", "ã", "å": return "a"
        case "Ç": return "C"
        case "ç": return "c"
        case "É", "È", "Ê", "Ë": return "E"
        case "é", "è", "ê", "ë": return "e"
        case "Î", "Ï", "Í", "Ì": return "I"
        case "î", "ï", "í", "ì": return "i"
        case "Ô", "Ö", "Ó", "Ò", "Õ": return "O"
        case "ô", "ö", "ó", "ò", "õ": return "o"
        case "Ù", "Û", "Ü", "Ú": return "U"
        case "ù", "û", "ü", "ú": return "u"
        case "Ÿ": return "Y"
        case "ÿ": return "y"
        case "Ñ": return "N"
        case "ñ": return "n"
        case "Œ": return "OE"
        case "œ": return "oe"
        case "Æ": return "AE"
        case "æ": return "ae"
        default: return nil
        }
    }

    /// `text` without diacritics (ligatures spelled out).
    static func strippingAccents(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if let plain = unaccented(c) { out += plain } else { out.append(c) }
        }
        return out
    }

    /// Whether `text` holds a letter with a diacritic.
    static func hasAccent(_ text: String) -> Bool {
        text.utf8.contains(where: { $0 >= 0x80 }) && text.contains { unaccented($0) != nil }
    }

    /// Upper case (French letters keep their accents: é → É).
    static func upper(_ text: String) -> String { text.uppercased() }

    /// Title case per word part: `JEAN-PIERRE LE GALL` → `Jean-Pierre Le Gall`.
    static func title(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var startOfWord = true
        for c in text {
            if c == " " || c == "-" || c == "'" {
                out.append(c)
                startOfWord = true
            } else {
                out += startOfWord ? String(c).uppercased() : String(c).lowercased()
                startOfWord = false
            }
        }
        return out
    }
}
