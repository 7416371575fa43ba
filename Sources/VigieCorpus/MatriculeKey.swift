import VigieIdentity

/// The NIR key, through VigieIdentity's `Matricule` once it lands (temporary local computation until then).
enum MatriculeKey {
    /// 97 − (number mod 97), with 2A read as 19 and 2B as 18 (Corsica).
    static func expected(forNumber number: String) -> Int {
        var n: UInt64 = 0
        var digits = number
        if digits.count == 13 {
            let chars = Array(digits)
            if chars[5] == "2" && chars[6] == "A" { digits = String(chars[0 ..< 5]) + "19" + String(chars[7...]) }
            if chars[5] == "2" && chars[6] == "B" { digits = String(chars[0 ..< 5]) + "18" + String(chars[7...]) }
        }
        for c in digits.utf8 { n = n * 10 + UInt64(c &- 48) }
        return 97 - Int(n % 97)
    }
}
