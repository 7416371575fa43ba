/// Why a birth-place code was refused. Descriptions never repeat the code.
public enum BirthPlaceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The code does not have 5 characters.
    case length(found: Int)
    /// The character at this 1-based position is not allowed (digits, or `2A`/`2B` at positions 1–2).
    case character(position: Int)

    public var description: String {
        switch self {
        case .length(let found): return "birth place: \(found) characters, expected a 5-character COG code"
        case .character(let position):
            return "birth place: character \(position) is not allowed (digits, or 2A/2B at positions 1-2)"
        }
    }
}
