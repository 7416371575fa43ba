internal import CICU

/// ICU's transliteration, through the CICU shim (each transform opened once, cloned once per thread).
enum ICUTransliteration {
    /// `Any-Latin; Latin-ASCII; Upper` of UTF-16 `units`; nil when ICU fails (it should not).
    static func insTransform(_ units: [UInt16]) -> [UInt16]? {
        transliterate(units, transform: CICU_TRANSFORM_INS)
    }

    /// `Latin-ASCII; Upper`: Latin text folded, other scripts kept (diagnostics and tests).
    static func latinASCIIUpper(_ units: [UInt16]) -> [UInt16]? {
        transliterate(units, transform: CICU_TRANSFORM_LATIN_ASCII_UPPER)
    }

    private static func transliterate(_ units: [UInt16], transform: cicu_transform) -> [UInt16]? {
        var capacity = max(32, units.count * 4 + 16)
        // Romanisation can lengthen text (Han syllables); grow a few times, then give up.
        for _ in 0..<6 {
            var output = [UInt16](repeating: 0, count: capacity)
            let length = units.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    cicu_transliterate(
                        Int32(bitPattern: transform.rawValue), source.baseAddress, Int32(source.count),
                        destination.baseAddress, Int32(destination.count))
                }
            }
            if length >= 0 {
                output.removeSubrange(Int(length)...)
                return output
            }
            if length != -2 { return nil }
            capacity *= 4
        }
        return nil
    }

    /// The ICU version in use ("72.1").
    static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        _ = cicu_icu_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
