/// Why a birth date was refused. Descriptions never repeat the date.
public enum BirthDateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text does not have the 10 characters of `YYYY-MM-DD`.
    case length(found: Int)
    /// The character at this 1-based position is not a digit (or not `-` at positions 5 and 8).
    case character(position: Int)
    /// The year is outside 1000...9999.
    case yearOutOfRange
    /// The month is outside 0...12 (0 = unknown).
    case monthOutOfRange
    /// The day is outside 0...31, or after the last day of the month (0 = unknown).
    case dayOutOfRange

    public var description: String {
        switch self {
        case .length(let found): return "birth date: \(found) characters, expected 10 (YYYY-MM-DD)"
        case .character(let position): return "birth date: character \(position) is not allowed (YYYY-MM-DD)"
        case .yearOutOfRange: return "birth date: year out of range"
        case .monthOutOfRange: return "birth date: month out of range (01-12, or 00 when unknown)"
        case .dayOutOfRange: return "birth date: day out of range for the month (or 00 when unknown)"
        }
    }
}
