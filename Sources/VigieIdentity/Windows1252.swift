/// Files saved as Windows-1252 (French Excel's "CSV (séparateur: point-virgule)", many hospital exports), read
/// as UTF-8 so that their accented names are not lost.
///
/// A batch file is UTF-8 by contract; a row that is not is refused. But a whole file in Windows-1252 would lose
/// every row with an accent (`HÉLÈNE` is the bytes `48 C9 4C C8 4E 45`, invalid UTF-8). The file is transcoded
/// only when it can mean nothing else: it is not valid UTF-8, holds no valid UTF-8 multi-byte sequence (a mixed
/// file stays as it is and its bad rows are refused), uses no byte Windows-1252 leaves undefined, and every
/// non-ASCII byte touches a letter or another non-ASCII byte (accented letters sit inside words; a stray byte
/// between punctuation is damage, not text).
public enum Windows1252 {
    /// The characters of bytes 0x80–0x9F (0 where Windows-1252 defines none); 0xA0–0xFF are Latin-1.
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// True when `bytes` are Windows-1252 text by the rules above.
    public static func isWindows1252(_ bytes: [UInt8]) -> Bool {
        var sawHigh = false
        func isLetterOrHigh(_ b: UInt8) -> Bool { b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            sawHigh = true
            if validUTF8Sequence(bytes, at: i) > 0 { return false }
            if b < 0xA0 && high[Int(b - 0x80)] == 0 { return false }
            let before = i > 0 && isLetterOrHigh(bytes[i - 1])
            let after = i + 1 < n && isLetterOrHigh(bytes[i + 1])
            if !before && !after { return false }
            i += 1
        }
        return sawHigh
    }

    /// Length of the valid UTF-8 multi-byte sequence starting at `i`, 0 when there is none.
    static func validUTF8Sequence(_ bytes: [UInt8], at i: Int) -> Int {
        let b = bytes[i]
        let length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
        guard length > 0, i + length <= bytes.count else { return 0 }
        for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return 0 }
        return String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil ? 0 : length
    }

    /// The bytes as UTF-8 (every byte is one character).
    public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
            out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
        }
        return out
    }

    /// `bytes` as UTF-8: transcoded when they are Windows-1252 text, unchanged otherwise.
    public static func utf8IfWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        return isWindows1252(bytes) ? utf8(bytes) : bytes
    }
}
