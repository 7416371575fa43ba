import VigieStore

/// What an INSi call the RI made concluded, journaled as `insi-called` with the identity (the cell's indicators
/// count them): INSi returned the identity and the RI accepted it, INSi gave no INS the RI could take (CR 01, 02,
/// traits that differ, a re-check that no longer confirms), or the call failed (nothing changed).
public enum RIINSiCallOutcome: String, Sendable, Hashable {
    case accepted, refused, failed

    /// The outcome of an INSi answer.
    init(_ result: RIQualificationResult, confirmed: Bool = true) {
        switch result {
        case .accepted: self = confirmed ? .accepted : .refused
        case .refused: self = .refused
        }
    }
}

extension StoreTransaction {
    /// Journals an INSi call on `id` (the one place the RI writes `insi-called`).
    func journalINSiCall(of id: String, _ outcome: RIINSiCallOutcome, change: ChangeContext) throws(StoreError) {
        try journalINSiCall(of: id, outcome: outcome.rawValue, change: change)
    }
}
