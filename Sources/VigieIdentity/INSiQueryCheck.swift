import VigieText

/// Why strict traits cannot be sent to INSi as they are. Descriptions name the field, never its value.
public enum INSiQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The birth name is not in INS form (A–Z, space, hyphen, straight apostrophe): normalise it first.
    case birthNameNotINSForm
    /// The first name at this 0-based index is not in INS form, or holds a space (the list is split on spaces).
    case firstNameNotINSForm(index: Int)
    /// No birth first name.
    case noFirstName
    /// INSi knows only `M` and `F`.
    case sexUnknown

    public var description: String {
        switch self {
        case .birthNameNotINSForm: return "INSi query: the birth name is not in INS form"
        case .firstNameNotINSForm(let index): return "INSi query: first name \(index + 1) is not in INS form"
        case .noFirstName: return "INSi query: no birth first name"
        case .sexUnknown: return "INSi query: the sex must be M or F"
        }
    }
}

extension StrictTraits {
    /// Checks that the traits can be sent to INSi unchanged: birth name and each first name already in INS
    /// form (so that `D’ÆION` / `CŒUR`, CNDA test 2.03 case 3, are refused locally and never sent), at least
    /// one first name, sex M or F. The birth date may be partial or lunar (INSi's `DateLunaire`).
    public func checkForINSiQuery() throws(INSiQueryError) {
        guard INSForm.isValid(birthName) else { throw .birthNameNotINSForm }
        guard !firstNames.isEmpty else { throw .noFirstName }
        for (index, name) in firstNames.enumerated() where name.contains(" ") || !INSForm.isValid(name) {
            throw .firstNameNotINSForm(index: index)
        }
        guard sex != .unknown else { throw .sexUnknown }
    }
}
