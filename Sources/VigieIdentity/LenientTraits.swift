/// Lenient readers for traits that came through spreadsheets, desks and scanners, for *matching* batches.
///
/// The strict initialisers (``BirthDate/init(lunar:)``, ``BirthPlace/init(_:)``, ``Matricule/init(_:)``,
/// ``Sex/init(code:)``) are what INSi, HL7 and the RI require and stay unchanged. These readers are tried
/// only after a strict reader refused a value, and accept a form only when it can mean one thing:
/// a 4-digit place code whose zero-padded form exists in the COG (the leading zero a spreadsheet drops),
/// a matricule written in groups (as printed on the carte Vitale) or as a spreadsheet number with all its
/// digits, whose key still checks, a date in a
/// common layout with a 4-digit year. Anything else is refused (nil), and the caller treats the field as
/// missing. None of them guesses a value that would *add* evidence: a matricule with a wrong key is
/// never accepted, a 2-digit year never given a century.
public enum LenientTraits {
    // MARK: - Birth date

    /// Reads a birth date written in another layout: `DD/MM/YYYY` (also `-`, `.` or space between the parts,
    /// one-digit day or month), `YYYY/MM/DD`, `YYYY-M-D`, `YYYYMMDD`, `DDMMYYYY`, or any of them followed by a
    /// time (`1970-05-12T00:00:00`, `12/05/1970 00:00`), as spreadsheets export them. `MM/DD/YYYY` is read
    /// as such only when the first part cannot be a month's day order (second part above 12).
    /// Like ``BirthDate/init(lunar:)``, month and day are kept as written even when they make no calendar
    /// date (a swapped `1970-13-05` keeps its digits for the swapped-date comparison). Nil when the year is
    /// not 4 digits or the text is not one of these layouts.
    public static func birthDate(_ text: some StringProtocol) -> BirthDate? {
        var bytes = Array(text.utf8)
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes.removeLast() }
        // Drop a time part: after a `T` or the first space that follows at least 8 characters.
        if let t = bytes.firstIndex(where: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }), t >= 8 {
            bytes.removeSubrange(t...)
        } else if let s = bytes.indices.first(where: { $0 >= 8 && bytes[$0] == 0x20 }) {
            bytes.removeSubrange(s...)
        }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func number(_ s: ArraySlice<UInt8>) -> Int { s.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        var groups: [ArraySlice<UInt8>] = []
        var start = 0
        for i in 0...bytes.count {
            if i == bytes.count || !isDigit(bytes[i]) {
                if i < bytes.count {
                    let c = bytes[i]
                    guard c == UInt8(ascii: "/") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == 0x20
                    else { return nil }
                }
                guard i > start else { return nil }  // two separators in a row, or one at an end
                groups.append(bytes[start..<i])
                start = i + 1
            }
        }
        var y = 0, m = 0, d = 0
        if groups.count == 1 {
            let g = groups[0]
            guard g.count == 8 else { return nil }
            let first4 = number(g.prefix(4))
            let last4 = number(g.suffix(4))
            // YYYYMMDD when it starts with a plausible year, else DDMMYYYY.
            if (1800...2100).contains(first4) {
                (y, m, d) = (first4, number(g.dropFirst(4).prefix(2)), number(g.suffix(2)))
            } else if (1800...2100).contains(last4) {
                (y, m, d) = (last4, number(g.dropFirst(2).prefix(2)), number(g.prefix(2)))
            } else {
                return nil
            }
        } else if groups.count == 3 {
            guard groups[1].count <= 2 else { return nil }
            if groups[0].count == 4 && groups[2].count <= 2 {
                (y, m, d) = (number(groups[0]), number(groups[1]), number(groups[2]))
            } else if groups[2].count == 4 && groups[0].count <= 2 {
                (y, m, d) = (number(groups[2]), number(groups[1]), number(groups[0]))
                if m > 12 && d <= 12 { swap(&m, &d) }  // MM/DD/YYYY: only when DD/MM cannot be meant
            } else {
                return nil
            }
        } else {
            return nil
        }
        guard (1000...9999).contains(y) else { return nil }
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return try? BirthDate(lunar: "\(y)-\(pad(m))-\(pad(d))")
    }

    // MARK: - Birth place

    /// Reads a birth-place code damaged by a spreadsheet: surrounding or inner spaces, a decimal tail
    /// (`75056.0`, `1053,0`) and the leading zero of departments 01–09 dropped (`1053` for `01053`), the
    /// last only when the padded code is in the COG. Nil when the result is not a valid code shape.
    public static func birthPlace(_ text: some StringProtocol, cog: COG = .shared) -> BirthPlace? {
        var bytes = Array(text.utf8).filter { $0 != 0x20 && $0 != 0x09 }
        if bytes.count > 2, bytes[bytes.count - 2] == UInt8(ascii: ".") || bytes[bytes.count - 2] == UInt8(ascii: ","),
            bytes[bytes.count - 1] == UInt8(ascii: "0")
        {
            bytes.removeLast(2)
        }
        if bytes.count == 4, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let padded = try? BirthPlace(String(decoding: [UInt8(ascii: "0")] + bytes, as: UTF8.self)),
                cog.contains(padded)
            else { return nil }
            return padded
        }
        return try? BirthPlace(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Matricule

    /// Reads a matricule written in groups (`1 70 05 75 056 123 45`, with spaces, no-break spaces, dots or
    /// hyphens between digits), or turned into a number by a spreadsheet (`1.70057505612345E+14`) when all
    /// 15 digits are still there. The strict parser judges the 15 characters left: a wrong key is refused.
    public static func matricule(_ text: some StringProtocol) -> Matricule? {
        if let digits = scientificNotation(text) { return try? Matricule(digits) }
        return try? Matricule(withoutGroupSeparators(text))
    }

    /// Why ``matricule(_:)`` reads no matricule from `text`: the strict parser's error on the characters left
    /// once the group separators are removed (so that `1 70 05 75 056 123 99` is a key that does not match, not
    /// "21 characters"); nil when it reads one.
    public static func matriculeError(_ text: some StringProtocol) -> MatriculeError? {
        if let digits = scientificNotation(text) {
            do { _ = try Matricule(digits); return nil } catch { return error }
        }
        do { _ = try Matricule(withoutGroupSeparators(text)); return nil } catch { return error }
    }

    /// `text` without the spaces, no-break spaces, dots, hyphens and underscores written between groups.
    static func withoutGroupSeparators(_ text: some StringProtocol) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x20, 0x09, 0xA0, 0x202F, 0x2E, 0x2D, 0x5F: continue
            default: scalars.append(s)
            }
        }
        return String(scalars)
    }

    /// The 15 digits of a number a spreadsheet wrote as `d.dddddddddddddd E+14` (`.` or `,`), only when the
    /// mantissa keeps all 15 of them: a shortened one (`1.70058E+14`) has lost digits, and padding them with
    /// zeros would be a guess.
    static func scientificNotation(_ text: some StringProtocol) -> String? {
        let bytes = Array(text.utf8).filter { $0 != 0x20 }
        guard let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) else { return nil }
        var exponent = bytes[(e + 1)...]
        if exponent.first == UInt8(ascii: "+") { exponent = exponent.dropFirst() }
        guard exponent.elementsEqual("14".utf8) else { return nil }
        let mantissa = bytes[..<e]
        guard mantissa.count == 16, mantissa[mantissa.startIndex + 1] == UInt8(ascii: ".") || mantissa[mantissa.startIndex + 1] == UInt8(ascii: ","),
            let first = mantissa.first, first >= 0x31 && first <= 0x39
        else { return nil }
        let digits = [first] + mantissa.dropFirst(2)
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }

    // MARK: - Sex

    /// How a sex code was read.
    public enum SexReading: Sendable, Hashable {
        /// `M`, `F`, empty, or a code that means unknown (`U`, `O`, `A`, `N`, `I`, `X`, `0`, `9`).
        case standard
        /// A code mapped to `M` or `F`: the NIR / ISO 5218 digits `1`, `2`, or French words (`H`, `HOMME`,
        /// `FEMME`, `MASCULIN`, `FEMININ`) and English ones (`MALE`, `FEMALE`).
        case mapped
        /// Not a known code: read as unknown.
        case unrecognised
    }

    /// Reads a sex code as it comes in batches: the strict codes first, then the mapped ones.
    public static func sex(_ code: some StringProtocol) -> (sex: Sex, reading: SexReading) {
        let strict = Sex(code: code)
        if strict != .unknown { return (strict, .standard) }
        var word = ""
        for c in code.unicodeScalars where c != " " && c != "\t" && c != "." {
            switch c {
            case "é", "É", "è", "È": word.append("E")
            default: word.unicodeScalars.append(contentsOf: String(c).uppercased().unicodeScalars)
            }
        }
        switch word {
        case "1", "H", "HOMME", "MASCULIN", "MASC", "MALE": return (.male, .mapped)
        case "2", "FEMME", "FEMININ", "FEM", "FEMALE": return (.female, .mapped)
        case "", "U", "O", "A", "N", "I", "X", "0", "9", "INCONNU", "INDETERMINE", "UNKNOWN": return (.unknown, .standard)
        default: return (.unknown, .unrecognised)
        }
    }
}
