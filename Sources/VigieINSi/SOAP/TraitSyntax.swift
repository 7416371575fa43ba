import VigieText

/// Syntax of the values on the wire, as the XSD patterns and the service check them. The meaning of the
/// values (a matricule's key, a commune that existed) is VigieIdentity's business, not this.
public enum TraitSyntax {
    /// `\d{4}-\d{2}-\d{2}` ("date lunaire": 00 for an unknown month or day passes).
    public static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { isDigit(u[$0]) }
    }

    /// `[A-Za-z0-9]{5}`: a COG code.
    public static func isCOG(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 5 && u.allSatisfy { isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
    }

    /// `\d{6}[A-Za-z0-9]{1}(\d{6})`: the 13 characters of a NIR or NIA (result schema pattern).
    public static func isINSNumber(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 13 else { return false }
        for (i, b) in u.enumerated() {
            if i == 6 { guard isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) else { return false } } else if !isDigit(b) {
                return false
            }
        }
        return true
    }

    /// `M` or `F`: INSi knows no other sex.
    public static func isSex(_ s: String) -> Bool { s == "M" || s == "F" }

    /// A birth name or one first name (or a space-separated list) as INSi accepts it: the INS form
    /// (upper-case A–Z, space, hyphen, straight apostrophe), checked by ``VigieText/INSForm``.
    public static func isName(_ s: String) -> Bool { INSForm.isValid(s) }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
