/// Writes ER7 straight into a byte buffer, one value at a time: for answers built per message (RSP^K22 candidates),
/// where an `HL7Segment` per PID — a field array holding repetition, component and subcomponent arrays — costs more
/// than the encoding itself.
///
/// The caller writes the structure (segment IDs and separators) in order; values are escaped as `ER7Encoder`
/// escapes them (`HL7Escaping.escape`), so the bytes are the same as encoding the equivalent `HL7Segment`s, provided
/// the caller writes every empty field up to the segment's last one, as a segment padded by its subscript does.
public struct ER7Writer: Sendable {
    /// The delimiters written (an answer is always written with the standard ones).
    public let delimiters: HL7Delimiters
    /// The bytes written so far.
    public var bytes: [UInt8] = []

    /// Creates an empty writer; `capacity` avoids regrowing the buffer for a typical answer.
    public init(delimiters: HL7Delimiters = .standard, capacity: Int = 2048) {
        self.delimiters = delimiters
        bytes.reserveCapacity(capacity)
    }

    /// Starts a segment: a CR after the previous one (none before the first), then the ID.
    @inline(__always)
    public mutating func segment(_ id: StaticString) {
        if !bytes.isEmpty { bytes.append(0x0D) }
        id.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A field separator (the next field starts).
    @inline(__always)
    public mutating func field() { bytes.append(delimiters.field) }

    /// `count` field separators: the empty fields before the next one.
    @inline(__always)
    public mutating func fields(_ count: Int) {
        for _ in 0..<count { bytes.append(delimiters.field) }
    }

    /// A component separator.
    @inline(__always)
    public mutating func component() { bytes.append(delimiters.component) }

    /// A repetition separator.
    @inline(__always)
    public mutating func repetition() { bytes.append(delimiters.repetition) }

    /// A subcomponent separator.
    @inline(__always)
    public mutating func subcomponent() { bytes.append(delimiters.subcomponent) }

    /// A value, escaped where a byte needs it.
    @inline(__always)
    public mutating func value(_ text: String) {
        HL7Escaping.escape(text, delimiters: delimiters, into: &bytes)
    }

    /// A value known to need no escaping (ASCII letters, digits, `.`, `-`, spaces), written as is.
    @inline(__always)
    public mutating func plain(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A non-negative integer in decimal, without going through `String`.
    public mutating func decimal(_ number: Int) {
        precondition(number >= 0, "decimal writes non-negative numbers")
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    /// A whole field (repetitions, components, subcomponents), as `ER7Encoder` writes it: for the fields an answer
    /// echoes from the request.
    public mutating func field(_ field: HL7Field) {
        ER7Encoder.encode(field, delimiters: delimiters, into: &bytes)
    }

    /// A whole segment built the slow way (headers, echoed segments), encoded as `ER7Encoder` does.
    public mutating func append(_ segment: HL7Segment) {
        if !bytes.isEmpty { bytes.append(0x0D) }
        // Moved in and out (never two owners while appending), so the buffer is not copied.
        var encoder = ER7Encoder(delimiters: delimiters, output: [])
        swap(&encoder.output, &bytes)
        encoder.append(segment)
        swap(&encoder.output, &bytes)
    }
}
