import VigieSupport

/// Reads ER7 bytes into an `HL7Message`. Works on bytes: every delimiter is ASCII, and UTF-8 never uses ASCII
/// bytes inside a multi-byte character, so splitting on bytes is safe before decoding.
enum ER7Parser {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(HL7ParseError) -> HL7Message {
        let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        // Segment boundaries: CR is HL7's separator; LF and CR LF are tolerated (files written by hand).
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == cr || byte == lf {
                if index > start { ranges.append(start..<index) }
                start = index + 1
            }
            index += 1
        }
        if bytes.count > start { ranges.append(start..<bytes.count) }
        guard let headerRange = ranges.first else { throw .empty }

        // MSH|^~\&|...: the field separator is the 4th byte, MSH-2 runs to the next field separator.
        guard headerRange.count >= 4, bytes[headerRange.lowerBound] == UInt8(ascii: "M"),
            bytes[headerRange.lowerBound + 1] == UInt8(ascii: "S"), bytes[headerRange.lowerBound + 2] == UInt8(ascii: "H")
        else { throw .missingHeader }
        let fieldSeparator = bytes[headerRange.lowerBound + 3]
        var encodingEnd = headerRange.lowerBound + 4
        while encodingEnd < headerRange.upperBound, bytes[encodingEnd] != fieldSeparator { encodingEnd += 1 }
        // Read in place (no array of the encoding characters per message).
        let encoding = UnsafeBufferPointer(rebasing: bytes[(headerRange.lowerBound + 4)..<encodingEnd])
        // v2.5 defines four encoding characters; v2.7 adds a fifth (truncation), which is read as data here.
        guard encoding.count == 4 || encoding.count == 5 else { throw .invalidDelimiters }
        let delimiters = HL7Delimiters(
            field: fieldSeparator, component: encoding[0], repetition: encoding[1], escape: encoding[2],
            subcomponent: encoding[3])
        guard delimiters.isValid else { throw .invalidDelimiters }

        var reader = SegmentReader(bytes: bytes, delimiters: delimiters)
        var segments: [HL7Segment] = []
        segments.reserveCapacity(ranges.count)
        // Occurrences per segment ID, for error locations: a message has a handful of IDs, so a linear scan
        // beats hashing each ID into a dictionary.
        var occurrences: [(id: String, count: Int)] = []
        occurrences.reserveCapacity(ranges.count)
        for (position, range) in ranges.enumerated() {
            let id = try segmentID(bytes, range, fieldSeparator: fieldSeparator, position: position + 1)
            let sequence: Int
            if let seen = occurrences.firstIndex(where: { $0.id == id }) {
                occurrences[seen].count += 1
                sequence = occurrences[seen].count
            } else {
                occurrences.append((id, 1))
                sequence = 1
            }
            // MSH holds ST, ID, HD and TS fields only: formatting commands there (MSH-10 `\.sp1000\`) are refused.
            reader.allowFormatting = position != 0
            reader.segmentID = id
            reader.sequence = sequence
            if position == 0 {
                // MSH-1 and MSH-2, then the fields read into the same array (one allocation for the segment).
                var fields = [HL7Field(String(decoding: CollectionOfOne(fieldSeparator), as: UTF8.self)),
                              HL7Field(String(decoding: encoding, as: UTF8.self))]
                if encodingEnd < range.upperBound {
                    try reader.fields((encodingEnd + 1)..<range.upperBound, firstField: 3, into: &fields)
                }
                // MSH-10 keys idempotency and is echoed and logged: it is an identifier like any other.
                if fields.count >= 10, let problem = IdentifierText.problem(fields[9].value, allowEmpty: true) {
                    throw .invalidIdentifier(HL7ErrorLocation(segmentID: "MSH", field: 10), problem)
                }
                segments.append(HL7Segment(id, fields: fields))
            } else {
                let fieldsStart = range.lowerBound + 4
                var fields: [HL7Field] = []
                if fieldsStart <= range.upperBound && range.count > 3 {
                    try reader.fields(fieldsStart..<range.upperBound, firstField: 1, into: &fields)
                }
                segments.append(HL7Segment(id, fields: fields))
            }
        }
        return HL7Message(segments: segments, delimiters: delimiters)
    }

    /// A segment ID is three upper-case letters or digits, starting with a letter, then a field separator or the end.
    private static func segmentID(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, fieldSeparator: UInt8, position: Int
    ) throws(HL7ParseError) -> String {
        guard range.count >= 3, range.count == 3 || bytes[range.lowerBound + 3] == fieldSeparator else {
            throw .invalidSegmentID(segmentIndex: position)
        }
        for offset in 0..<3 {
            let byte = bytes[range.lowerBound + offset]
            let isLetter = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || (offset > 0 && isDigit) else { throw .invalidSegmentID(segmentIndex: position) }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<(range.lowerBound + 3)]), as: UTF8.self)
    }
}

/// Splits a segment's fields, repetitions, components and subcomponents, decoding each value once.
///
/// Where it is in the segment travels as four integers (`Position`); an `HL7ErrorLocation` (a `String` and five
/// optionals, copied at every level) is built only for an error or an escape sequence.
private struct SegmentReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiters: HL7Delimiters
    /// Buffer for values with escape sequences (grown at the first one: most messages have none).
    var scratch: [UInt8] = []
    /// Whether formatting commands (§2.7.6) are decoded in the current segment.
    var allowFormatting = true
    /// The current segment, for error locations.
    var segmentID = ""
    var sequence = 1
    /// Decoded bytes so far: in the message, and in the current field (`HL7Limits`).
    var messageBytes = 0
    var fieldBytes = 0

    /// A place in the current segment, 1-based; 0 where the location does not go that deep.
    struct Position {
        var field: Int
        var repetition = 0
        var component = 0
        var subcomponent = 0
    }

    init(bytes: UnsafeBufferPointer<UInt8>, delimiters: HL7Delimiters) {
        self.bytes = bytes
        self.delimiters = delimiters
    }

    /// The error location of `position` in the current segment.
    func location(_ position: Position) -> HL7ErrorLocation {
        HL7ErrorLocation(
            segmentID: segmentID, segmentSequence: sequence, field: position.field,
            repetition: position.repetition == 0 ? nil : position.repetition,
            component: position.component == 0 ? nil : position.component,
            subcomponent: position.subcomponent == 0 ? nil : position.subcomponent)
    }

    /// The location of the whole field `position` is in.
    func fieldLocation(_ position: Position) -> HL7ErrorLocation {
        HL7ErrorLocation(segmentID: segmentID, segmentSequence: sequence, field: position.field)
    }

    /// Appends the fields of `range` (the first one numbered `firstField`) to `fields`.
    mutating func fields(_ range: Range<Int>, firstField: Int, into fields: inout [HL7Field]) throws(HL7ParseError) {
        // One allocation for the segment's fields rather than regrowing the array field by field.
        var separators = 1
        for index in range where bytes[index] == delimiters.field { separators += 1 }
        fields.reserveCapacity(fields.count + separators)
        var position = Position(field: firstField)
        var start = range.lowerBound
        var index = range.lowerBound
        while true {
            if index == range.upperBound || bytes[index] == delimiters.field {
                fieldBytes = 0
                fields.append(try field(start..<index, position: position))
                position.field += 1
                if index == range.upperBound { break }
                start = index + 1
            }
            index += 1
        }
    }

    private mutating func field(_ range: Range<Int>, position: Position) throws(HL7ParseError) -> HL7Field {
        if range.isEmpty { return .empty }
        // Most fields are one plain value: no splitting (three arrays of ranges) when no delimiter occurs.
        if !range.contains(where: { isDelimiter(bytes[$0]) }) {
            var single = position
            single.repetition = 1
            single.component = 1
            single.subcomponent = 1
            let value = try decode(range, position: single)
            return HL7Field(HL7Repetition(HL7Component(value)))
        }
        var position = position
        position.repetition = 1
        if !range.contains(where: { bytes[$0] == delimiters.repetition }) {
            return HL7Field(try repetition(range, position: position))
        }
        var repetitions: [HL7Repetition] = []
        var count = 1
        for index in range where bytes[index] == delimiters.repetition { count += 1 }
        guard count <= HL7Limits.maximumRepetitions else {
            throw .tooManyRepetitions(fieldLocation(position), limit: HL7Limits.maximumRepetitions)
        }
        repetitions.reserveCapacity(count)
        // Split in place (no array of ranges per level): fields, repetitions and components are short.
        var start = range.lowerBound
        var index = range.lowerBound
        while true {
            if index == range.upperBound || bytes[index] == delimiters.repetition {
                repetitions.append(try repetition(start..<index, position: position))
                position.repetition += 1
                if index == range.upperBound { break }
                start = index + 1
            }
            index += 1
        }
        return HL7Field(repetitions: repetitions)
    }

    private mutating func repetition(_ range: Range<Int>, position: Position) throws(HL7ParseError) -> HL7Repetition {
        var position = position
        position.component = 1
        // One value (no component separator): no array of components.
        if !range.contains(where: { bytes[$0] == delimiters.component }) {
            return HL7Repetition(try component(range, position: position))
        }
        var components: [HL7Component] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while true {
            if index == range.upperBound || bytes[index] == delimiters.component {
                components.append(try component(start..<index, position: position))
                position.component += 1
                if index == range.upperBound { break }
                start = index + 1
            }
            index += 1
        }
        return HL7Repetition(components: components)
    }

    private mutating func component(_ range: Range<Int>, position: Position) throws(HL7ParseError) -> HL7Component {
        var position = position
        position.subcomponent = 1
        if !range.contains(where: { bytes[$0] == delimiters.subcomponent }) {
            return HL7Component(try decode(range, position: position))
        }
        var subcomponents: [String] = []
        var start = range.lowerBound
        var index = range.lowerBound
        while true {
            if index == range.upperBound || bytes[index] == delimiters.subcomponent {
                subcomponents.append(try decode(start..<index, position: position))
                position.subcomponent += 1
                if index == range.upperBound { break }
                start = index + 1
            }
            index += 1
        }
        return HL7Component(subcomponents: subcomponents)
    }

    /// A byte that splits a field (repetition, component, subcomponent) or starts an escape sequence.
    @inline(__always)
    private func isDelimiter(_ byte: UInt8) -> Bool {
        byte == delimiters.repetition || byte == delimiters.component || byte == delimiters.subcomponent
            || byte == delimiters.escape
    }

    /// Decodes one value: resolves escape sequences (HL7 v2.5 §2.7) and checks UTF-8.
    /// Counts the decoded bytes against the field's and the message's bounds before building the string.
    private mutating func decode(_ range: Range<Int>, position: Position) throws(HL7ParseError) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard slice.contains(delimiters.escape) else {
            try count(slice.count, position: position)
            guard let text = Self.text(slice) else { throw .invalidUTF8(location(position)) }
            return text
        }
        scratch.removeAll(keepingCapacity: true)
        do {
            try HL7Escaping.unescape(
                slice, escape: delimiters.escape, delimiters: delimiters, into: &scratch, location: location(position),
                allowFormatting: allowFormatting, limit: HL7Limits.maximumFieldBytes - fieldBytes)
        } catch {
            // The bound is the field's: name the field, and the field's limit.
            if case .valueTooLong = error { throw .valueTooLong(fieldLocation(position), limit: HL7Limits.maximumFieldBytes) }
            throw error
        }
        try count(scratch.count, position: position)
        let decoded: String? = scratch.withUnsafeBufferPointer { Self.text($0) }
        guard let text = decoded else { throw .invalidUTF8(location(position)) }
        return text
    }

    @inline(__always)
    private mutating func count(_ decoded: Int, position: Position) throws(HL7ParseError) {
        fieldBytes += decoded
        messageBytes += decoded
        if fieldBytes > HL7Limits.maximumFieldBytes {
            throw .valueTooLong(fieldLocation(position), limit: HL7Limits.maximumFieldBytes)
        }
        if messageBytes > HL7Limits.maximumMessageBytes { throw .messageTooLong(limit: HL7Limits.maximumMessageBytes) }
    }

    /// The bytes as a string, nil when they are not UTF-8. ASCII (most values) skips `String(validating:)`,
    /// which runs unspecialised here (~900 instructions per value): ASCII is valid UTF-8 as it stands.
    @inline(__always)
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }
}
