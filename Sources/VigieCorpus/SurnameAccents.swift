/// Puts back the accents the surname list lacks (it is written in plain ASCII), by a documented rule:
///
/// 1. a part of a surname (between spaces, hyphens and apostrophes) that is, accents aside, a French first name
///    written with an accent takes that first name's spelling — many surnames are first names
///    (ANDRÉ, FRANÇOIS, GÉRARD, NOËL, CLÉMENT, HERVÉ);
/// 2. otherwise the endings -IERE and -EVRE take their grave accent (RIVIÈRE, LEFÈVRE), as the état civil writes
///    them in the vast majority of cases.
///
/// Other surnames stay unaccented (GUERIN, HEBERT keep their plain form): the share of accented surnames is
/// therefore lower than in reality, which under-states rather than over-states accent errors.
enum SurnameAccents {
    static func restore(_ upper: String, firstNames: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(upper.utf8.count + 2)
        var part = ""
        func flush() {
            if part.count > 2 {
                if let accented = firstNames[part] {
                    out += accented
                } else if part.hasSuffix("IERE") {
                    out += part.dropLast(3) + "ÈRE"
                } else if part.hasSuffix("EVRE") {
                    out += part.dropLast(4) + "ÈVRE"
                } else {
                    out += part
                }
            } else {
                out += part
            }
            part = ""
        }
        for c in upper {
            if c == " " || c == "-" || c == "'" {
                flush()
                out.append(c)
            } else {
                part.append(c)
            }
        }
        flush()
        return out
    }
}
