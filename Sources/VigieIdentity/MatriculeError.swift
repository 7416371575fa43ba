/// Why a string is not a matricule INS. Descriptions name the position, never the value.
public enum MatriculeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input does not have the expected number of characters (15 with the key, 13 without).
    case length(found: Int, expected: Int)
    /// The character at this 1-based position is not allowed there (a digit, or `A`/`B` at position 7 after `2`).
    case character(position: Int)
    /// The key does not match the 13 characters; `expected` is the key computed from them.
    case keyMismatch(found: Int, expected: Int)

    public var description: String {
        switch self {
        case .length(let found, let expected):
            return "matricule: \(found) characters, expected \(expected)"
        case .character(let position):
            return position == 6 || position == 7
                ? "matricule: character \(position) is not allowed (expected a digit, or 2A/2B at positions 6-7)"
                : "matricule: character \(position) is not allowed (expected a digit)"
        case .keyMismatch(let found, let expected):
            return "matricule: key \(found) does not match the number (expected \(expected))"
        }
    }
}
