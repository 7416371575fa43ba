/// The one check every identifier from outside passes before it is used, for a write or for a lookup: an IPP
/// (CX-1) and its authority (CX-4), an RI id, a message control id, a CSV record id, a JSON request id.
///
/// Why at lookups too: SQLite and C strings stop at NUL, so `777\0nobody` would find IPP `777` (another
/// patient). Control characters are never part of an identifier, and a bounded length keeps one request
/// from costing more than a record number should.
public enum IdentifierText {
    /// Why a text is not a usable identifier.
    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// Empty (only when the caller requires a value).
        case empty
        /// Longer than the limit, in UTF-8 bytes.
        case tooLong(limit: Int)
        /// A control character (C0, DEL or C1, NUL included) at this 1-based character position.
        case controlCharacter(position: Int)

        public var description: String {
            switch self {
            case .empty: "is empty"
            case .tooLong(let limit): "is longer than \(limit) bytes"
            case .controlCharacter(let position): "contains a control character at character \(position)"
            }
        }
    }

    /// The default limit, in UTF-8 bytes (an IPP, an OID or a message id is far shorter).
    public static let maximumLength = 256

    /// The first problem of `text` as an identifier, or nil when it is usable.
    public static func problem(_ text: some StringProtocol, maximumLength: Int = IdentifierText.maximumLength, allowEmpty: Bool = false) -> Problem? {
        if text.isEmpty { return allowEmpty ? nil : .empty }
        if text.utf8.count > maximumLength { return .tooLong(limit: maximumLength) }
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if isControl(scalar) { return .controlCharacter(position: position) }
        }
        return nil
    }

    /// Throws the first problem of `text` as an identifier.
    public static func check(_ text: some StringProtocol, maximumLength: Int = IdentifierText.maximumLength, allowEmpty: Bool = false) throws(Problem) {
        if let problem = problem(text, maximumLength: maximumLength, allowEmpty: allowEmpty) { throw problem }
    }

    /// Unicode Cc: C0 (NUL, LF, CR, ESC…), DEL and C1.
    @inlinable public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
