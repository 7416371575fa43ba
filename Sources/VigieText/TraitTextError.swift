/// Why a text could not become a valid identity trait.
///
/// Offsets count Unicode scalars of the *input* (0-based), so that a caller can point at the faulty
/// character without this error ever carrying the text itself: descriptions never contain identity traits.
public enum TraitTextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing is left after normalisation (empty input, only separators or ignorable characters).
    case empty
    /// A decimal digit (any script) at this scalar offset: traits never contain digits.
    case digit(offset: Int)
    /// A control character (Unicode category Cc, tab and line breaks included) at this scalar offset.
    case controlCharacter(offset: Int)
    /// A character that cannot be transliterated to A–Z or a separator (punctuation, symbols...).
    case unsupportedCharacter(offset: Int)
    /// The normalised trait is longer than the limit (in characters of the INS form).
    case tooLong(length: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty:
            return "empty trait: nothing left after normalisation"
        case .digit(let offset):
            return "digit at character \(offset + 1): traits contain letters only"
        case .controlCharacter(let offset):
            return "control character at character \(offset + 1)"
        case .unsupportedCharacter(let offset):
            return "character \(offset + 1) cannot be written with A-Z, space, hyphen or apostrophe"
        case .tooLong(let length, let limit):
            return "trait too long: \(length) characters, limit \(limit)"
        }
    }
}
