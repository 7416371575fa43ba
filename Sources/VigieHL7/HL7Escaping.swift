/// HL7 v2.5 escape sequences (§2.7): how delimiters and special characters travel inside values.
///
/// Decoding resolves `\F\ \S\ \T\ \R\ \E\` to the delimiters, `\Xhh..\` to bytes, drops the highlighting marks
/// `\H\ \N\`, and renders the formatting commands of §2.7.6 as plain text: `\.br\`, `\.ce\` and `\.sp n\` as line
/// breaks, `\.sk n\` as spaces, `\.fi\ \.nf\ \.in n\ \.ti n\` (layout only) as nothing. Character-set switching
/// (`\C..\`, `\M..\`) and locally defined escapes (`\Z..\`) are refused: the receiver cannot know what they mean.
///
/// Formatting commands are honoured only where the caller allows them (`allowFormatting`): HL7 defines them for the
/// formatted-text types (FT, TX, CF), never for ST, ID or HD fields such as MSH-10. Their output counts against
/// the caller's `HL7Limits`, so that `\.sp1000\` cannot turn a short line into megabytes.
///
/// Encoding escapes the five delimiters, and CR and LF as `\X0D\` and `\X0A\` (CR ends a segment, LF ends a line
/// on the worker's input); other C0 controls are written as `\Xhh\` too.
public enum HL7Escaping {
    /// Appends the escaped form of `text` to `output`.
    public static func escape(_ text: String, delimiters: HL7Delimiters, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var needs = false
            for byte in bytes where byte < 0x20 || delimiters.isDelimiter(byte) {
                needs = true
                break
            }
            guard needs else {
                output.append(contentsOf: bytes)
                return
            }
            let escape = delimiters.escape
            for byte in bytes {
                let code: UInt8?
                switch byte {
                case delimiters.field: code = UInt8(ascii: "F")
                case delimiters.component: code = UInt8(ascii: "S")
                case delimiters.subcomponent: code = UInt8(ascii: "T")
                case delimiters.repetition: code = UInt8(ascii: "R")
                case delimiters.escape: code = UInt8(ascii: "E")
                default: code = nil
                }
                if let code {
                    output.append(escape)
                    output.append(code)
                    output.append(escape)
                } else if byte < 0x20 && byte != 0x09 {
                    output.append(escape)
                    output.append(UInt8(ascii: "X"))
                    output.append(hexDigit(byte >> 4))
                    output.append(hexDigit(byte & 0x0F))
                    output.append(escape)
                } else {
                    output.append(byte)
                }
            }
        }
    }

    /// The escaped form of `text`.
    public static func escape(_ text: String, delimiters: HL7Delimiters = .standard) -> String {
        var output: [UInt8] = []
        escape(text, delimiters: delimiters, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// The decoded form of an escaped value. Throws with `location` when a sequence is malformed or unsupported.
    public static func unescape(
        _ text: String, delimiters: HL7Delimiters = .standard, location: HL7ErrorLocation = HL7ErrorLocation(segmentID: ""),
        allowFormatting: Bool = true, limit: Int = HL7Limits.maximumFieldBytes
    ) throws(HL7ParseError) -> String {
        var text = text
        var output: [UInt8] = []
        let result: Result<Void, HL7ParseError> = text.withUTF8 { bytes in
            Result { () throws(HL7ParseError) in
                try unescape(
                    bytes, escape: delimiters.escape, delimiters: delimiters, into: &output, location: location,
                    allowFormatting: allowFormatting, limit: limit)
            }
        }
        try result.get()
        guard let decoded = String(validating: output, as: UTF8.self) else { throw .invalidUTF8(location) }
        return decoded
    }

    /// Appends the decoded bytes to `output`; throws `valueTooLong` as soon as `output` would pass `limit` bytes
    /// (checked before a formatting command expands, not after).
    static func unescape(
        _ bytes: UnsafeBufferPointer<UInt8>, escape: UInt8, delimiters: HL7Delimiters, into output: inout [UInt8],
        location: HL7ErrorLocation, allowFormatting: Bool, limit: Int
    ) throws(HL7ParseError) {
        var index = 0
        while index < bytes.count {
            if output.count > limit { throw .valueTooLong(location, limit: limit) }
            let byte = bytes[index]
            guard byte == escape else {
                output.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != escape { end += 1 }
            guard end < bytes.count else { throw .unterminatedEscape(location) }
            let body = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
            try resolve(
                body, delimiters: delimiters, into: &output, location: location, allowFormatting: allowFormatting,
                room: limit - output.count)
            index = end + 1
        }
        if output.count > limit { throw .valueTooLong(location, limit: limit) }
    }

    private static func resolve(
        _ body: UnsafeBufferPointer<UInt8>, delimiters: HL7Delimiters, into output: inout [UInt8],
        location: HL7ErrorLocation, allowFormatting: Bool, room: Int
    ) throws(HL7ParseError) {
        guard let first = body.first else { throw .unsupportedEscape(location) }
        if body.count == 1 {
            switch first {
            case UInt8(ascii: "F"): output.append(delimiters.field)
            case UInt8(ascii: "S"): output.append(delimiters.component)
            case UInt8(ascii: "T"): output.append(delimiters.subcomponent)
            case UInt8(ascii: "R"): output.append(delimiters.repetition)
            case UInt8(ascii: "E"): output.append(delimiters.escape)
            case UInt8(ascii: "H"), UInt8(ascii: "N"): break  // start / end highlighting: no plain-text form
            default: throw .unsupportedEscape(location)
            }
            return
        }
        switch first {
        case UInt8(ascii: "X"):
            let digits = body.count - 1
            guard digits % 2 == 0 else { throw .invalidHexEscape(location) }
            var offset = 1
            while offset < body.count {
                guard let high = hexValue(body[offset]), let low = hexValue(body[offset + 1]) else {
                    throw .invalidHexEscape(location)
                }
                output.append(high << 4 | low)
                offset += 2
            }
        case UInt8(ascii: "."):
            guard allowFormatting else { throw .formattingNotAllowed(location) }
            try formatting(UnsafeBufferPointer(rebasing: body[1...]), into: &output, location: location, room: room)
        default:
            throw .unsupportedEscape(location)
        }
    }

    /// Formatting commands (§2.7.6): two letters, then an optional signed number.
    private static func formatting(
        _ command: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], location: HL7ErrorLocation, room: Int
    ) throws(HL7ParseError) {
        guard command.count >= 2 else { throw .unsupportedEscape(location) }
        let name = String(decoding: UnsafeBufferPointer(rebasing: command[0..<2]), as: UTF8.self)
        let argumentBytes = UnsafeBufferPointer(rebasing: command[2...])
        var argument: Int? = nil
        if !argumentBytes.isEmpty {
            var text = String(decoding: argumentBytes, as: UTF8.self)
            if text.first == " " { text.removeFirst() }
            guard let value = Int(text), abs(value) <= 1000 else { throw .unsupportedEscape(location) }
            argument = value
        }
        switch name {
        case "br", "ce":
            guard argument == nil else { throw .unsupportedEscape(location) }
            output.append(0x0A)
        case "sp":
            let count = max(argument ?? 1, 1)
            guard count <= room else { throw .valueTooLong(location, limit: output.count + room) }
            output.append(contentsOf: repeatElement(0x0A, count: count))
        case "sk":
            let count = max(argument ?? 1, 0)
            guard count <= room else { throw .valueTooLong(location, limit: output.count + room) }
            output.append(contentsOf: repeatElement(0x20, count: count))
        case "fi", "nf":
            guard argument == nil else { throw .unsupportedEscape(location) }
        case "in", "ti":
            break
        default:
            throw .unsupportedEscape(location)
        }
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
