/// A decoded HL7 v2 message: its delimiters and segments, in order.
///
/// Read one with `init(parsing:)` (ER7, segments separated by CR), write one with `encoded()`. Parsing keeps the
/// structure exactly (empty trailing fields and components included), so a message without escape sequences
/// encodes back to the same bytes.
public struct HL7Message: Sendable, Hashable {
    /// The delimiters read from MSH-1 and MSH-2 (and used to encode).
    public var delimiters: HL7Delimiters
    /// The segments, MSH first.
    public var segments: [HL7Segment]

    /// Creates a message from its segments.
    public init(segments: [HL7Segment], delimiters: HL7Delimiters = .standard) {
        self.segments = segments
        self.delimiters = delimiters
    }

    /// Parses an ER7 message. Segments are separated by CR (LF and CR LF are tolerated); escape sequences are decoded.
    public init(parsing bytes: some Collection<UInt8>) throws(HL7ParseError) {
        let array = Array(bytes)
        let result: Result<HL7Message, HL7ParseError> = array.withUnsafeBufferPointer { buffer in
            Result { () throws(HL7ParseError) in try ER7Parser.parse(buffer) }
        }
        self = try result.get()
    }

    /// Parses an ER7 message from a byte array, read in place (the generic initialiser copies it first, byte by
    /// byte when it is not specialised for the caller's type).
    public init(parsing bytes: [UInt8]) throws(HL7ParseError) {
        let result: Result<HL7Message, HL7ParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(HL7ParseError) in try ER7Parser.parse(buffer) }
        }
        self = try result.get()
    }

    /// Parses an ER7 message from an array slice (a line's segment), read in place.
    public init(parsing bytes: ArraySlice<UInt8>) throws(HL7ParseError) {
        let result: Result<HL7Message, HL7ParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(HL7ParseError) in try ER7Parser.parse(buffer) }
        }
        self = try result.get()
    }

    /// Parses an ER7 message from text.
    public init(parsing text: String) throws(HL7ParseError) {
        var text = text
        let result: Result<HL7Message, HL7ParseError> = text.withUTF8 { buffer in
            Result { () throws(HL7ParseError) in try ER7Parser.parse(buffer) }
        }
        self = try result.get()
    }

    /// The message as ER7 bytes, segments separated by CR, without a trailing separator.
    public func encodedBytes() -> [UInt8] {
        var encoder = ER7Encoder(delimiters: delimiters)
        for (index, segment) in segments.enumerated() {
            if index > 0 { encoder.output.append(0x0D) }
            encoder.append(segment)
        }
        return encoder.output
    }

    /// The message as ER7 text, segments separated by CR.
    public func encoded() -> String {
        String(decoding: encodedBytes(), as: UTF8.self)
    }

    /// The first segment with this ID.
    public func first(_ id: String) -> HL7Segment? {
        segments.first { $0.id == id }
    }

    /// Every segment with this ID, in order.
    public func segments(_ id: String) -> [HL7Segment] {
        segments.filter { $0.id == id }
    }

    /// The MSH segment (always the first of a parsed message).
    public var header: HL7Segment { segments.first ?? HL7Segment("MSH") }

    /// MSH-9.1, the message type (`ADT`, `QBP`).
    public var messageType: String { header[9][1] }
    /// MSH-9.2, the trigger event (`A28`, `Q22`).
    public var triggerEvent: String { header[9][2] }
    /// MSH-10, the message control ID the acknowledgement refers to.
    public var controlID: String { header[10].value }
}
