/// Administrative sex, as the INS carries it (`M`, `F`) plus unknown.
///
/// INSi only returns `M` or `F` (PAM FR §6.6.5); `U` exists in PID-8 for identities that are not qualified.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    /// Masculin.
    case male = "M"
    /// Féminin.
    case female = "F"
    /// Not known or not given.
    case unknown = "U"

    /// Reads a sex code: `M` or `F` (case-insensitive, surrounding spaces ignored); anything else,
    /// including the HL7 values `U`, `O`, `A`, `N`, is unknown.
    public init(code: some StringProtocol) {
        var trimmed = Substring(code)
        while trimmed.first == " " { trimmed.removeFirst() }
        while trimmed.last == " " { trimmed.removeLast() }
        switch trimmed {
        case "M", "m": self = .male
        case "F", "f": self = .female
        default: self = .unknown
        }
    }
}
