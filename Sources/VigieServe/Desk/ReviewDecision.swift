/// What the cell decides about a review item (the JSON API's `decision` values).
public enum ReviewDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// Same patient: the two identities are merged (the survivor keeps both's local identifiers).
    case merge
    /// Two patients: the item is closed and the pair is never queued again.
    case notDuplicate = "not-duplicate"
    /// Not decided yet: the item stays open, marked as postponed.
    case `defer`
    /// Two patients who share their traits: closed as not a duplicate, and both identities get HOMA.
    case homonym

    /// Merge and not-duplicate change the RI for good: they need a written reason.
    public var requiresComment: Bool { self == .merge || self == .notDuplicate }

    /// French label, as the pages show it.
    public var label: String {
        switch self {
        case .merge: "Fusionner"
        case .notDuplicate: "Pas un doublon"
        case .defer: "Reporter"
        case .homonym: "Homonymes"
        }
    }

    /// The keyboard shortcut on the pair page.
    public var shortcut: Character {
        switch self {
        case .merge: "f"
        case .notDuplicate: "n"
        case .defer: "r"
        case .homonym: "h"
        }
    }
}
