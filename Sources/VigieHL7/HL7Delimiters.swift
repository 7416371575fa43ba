/// The five characters that structure an ER7 message, read from MSH-1 and MSH-2.
///
/// HL7 v2.5 §2.5.4: the field separator is the character after `MSH`; MSH-2 holds, in order, the component,
/// repetition, escape and subcomponent separators. Every message carries its own, so a receiver never assumes `|^~\&`.
public struct HL7Delimiters: Sendable, Hashable {
    /// Field separator (MSH-1), usually `|`.
    public var field: UInt8
    /// Component separator, usually `^`.
    public var component: UInt8
    /// Repetition separator, usually `~`.
    public var repetition: UInt8
    /// Escape character, usually `\`.
    public var escape: UInt8
    /// Subcomponent separator, usually `&`.
    public var subcomponent: UInt8

    /// The recommended delimiters `|^~\&`.
    public static let standard = HL7Delimiters(
        field: UInt8(ascii: "|"), component: UInt8(ascii: "^"), repetition: UInt8(ascii: "~"),
        escape: UInt8(ascii: "\\"), subcomponent: UInt8(ascii: "&"))

    /// Creates a set of delimiters; `isValid` says whether they can structure a message.
    public init(field: UInt8, component: UInt8, repetition: UInt8, escape: UInt8, subcomponent: UInt8) {
        self.field = field
        self.component = component
        self.repetition = repetition
        self.escape = escape
        self.subcomponent = subcomponent
    }

    /// MSH-2 as it is written on the wire: component, repetition, escape, subcomponent.
    public var encodingCharacters: String {
        String(decoding: [component, repetition, escape, subcomponent], as: UTF8.self)
    }

    /// True when the five characters are distinct printable ASCII punctuation, as HL7 requires
    /// (a letter, digit, space or control character would be ambiguous with data or with the segment separator).
    public var isValid: Bool {
        let all = [field, component, repetition, escape, subcomponent]
        guard Set(all).count == all.count else { return false }
        return all.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F
                && !(byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                && !(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                && !(byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        }
    }

    @inline(__always)
    func isDelimiter(_ byte: UInt8) -> Bool {
        byte == field || byte == component || byte == repetition || byte == escape || byte == subcomponent
    }
}
