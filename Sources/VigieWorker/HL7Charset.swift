/// PAM FR MSH-18 (character set): `UNICODE UTF-8` or `8859/1`. Many French EAIs still send ISO 8859-1; the worker
/// decodes such a line to UTF-8 before parsing and answers in the sender's character set.
enum HL7Charset: Sendable, Equatable {
    case utf8
    case latin1

    /// True when a byte is 0x80 or above. A line without one reads the same in ISO 8859-1 and UTF-8, so its
    /// MSH-18 need not be looked for (almost every line: the scan of MSH for MSH-18 cost ≈ 1 500 instructions a
    /// query, this test ≈ 190 for a Q22), eight bytes at a time.
    static func hasHighBytes(_ line: [UInt8]) -> Bool {
        line.withUnsafeBytes { raw in
            var offset = 0
            var high: UInt64 = 0
            while offset + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < raw.count {
                high |= UInt64(raw[offset])
                offset += 1
            }
            return high & 0x8080_8080_8080_8080 != 0
        }
    }

    /// The character set in which a line's bytes must be read: ISO 8859-1 only when the line has a byte above
    /// 0x7F and declares `8859/1`; otherwise (ASCII is both) UTF-8.
    static func decoding(_ line: [UInt8]) -> HL7Charset {
        hasHighBytes(line) ? declared(by: line) : .utf8
    }

    /// The character set an HL7 line declares in MSH-18 (UTF-8 when absent or anything else).
    static func declared(by line: [UInt8]) -> HL7Charset {
        guard line.count > 8, line[0] == UInt8(ascii: "M"), line[1] == UInt8(ascii: "S"), line[2] == UInt8(ascii: "H") else { return .utf8 }
        let separator = line[3]
        let end = line.firstIndex { $0 == 0x0D || $0 == 0x0A } ?? line.count
        // MSH-1 is the separator itself: MSH-18 is the 17th field after it.
        var field = 1
        var start = 4
        var index = 4
        while index <= end {
            if index == end || line[index] == separator {
                field += 1
                if field == 18 {
                    let value = line[start..<index]
                    return value.elementsEqual("8859/1".utf8) ? .latin1 : .utf8
                }
                start = index + 1
            }
            index += 1
        }
        return .utf8
    }

    /// ISO 8859-1 bytes as UTF-8 (every byte is the code point of the same value).
    static func utf8(fromLatin1 bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte) } else {
                out.append(0xC0 | (byte >> 6))
                out.append(0x80 | (byte & 0x3F))
            }
        }
        return out
    }

    /// An answer in ISO 8859-1: characters beyond U+00FF (which a Latin-1 sender cannot read) become `?`.
    static func latin1(_ text: String) -> [UInt8] {
        return text.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : UInt8(ascii: "?") }
    }
}
