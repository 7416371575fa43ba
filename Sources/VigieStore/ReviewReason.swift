/// Why a review item was opened: the matcher's alerts (VigieMatch `MatchAlerts` names) and the RI's own reasons
/// (an INS shared by two identities, an update incoherent with the stored traits).
///
/// The store keeps an item's explanation as the one line the matcher writes (`field=level(+w) … alerts=a+b`),
/// after the RI's reasons (`same-ins; `); the reasons are decoded from it here, once, for every reader (the
/// queue's API and pages, the queue filter), so that no layer parses the text again.
public enum ReviewReason: String, Sendable, Hashable, Codable, CaseIterable {
    // The RI's reasons, written before the matcher's explanation.
    case sameINS = "same-ins"
    case updateIncoherentWithStoredTraits = "update-incoherent-with-stored-traits"
    // The matcher's alerts.
    case insCollision = "ins-collision"
    case conflictingINS = "conflicting-ins"
    case firstNamesDiffer = "first-names-differ"
    case laterFirstNamesDiffer = "later-first-names-differ"
    case birthDatesDiffer = "birth-dates-differ"
    case birthDateMissing = "birth-date-missing"
    case birthNamesDiffer = "birth-names-differ"
    case birthPlacesDiffer = "birth-places-differ"
    case sexDiffers = "sex-differs"
    case usedNamesDiffer = "used-names-differ"
    case possibleTwins = "possible-twins"
    case clusterConflict = "cluster-conflict"
    case ambiguousRecord = "ambiguous-record"

    /// Reasons that point at two different patients mixed up (the queue shows them first and in red).
    public var isSevere: Bool {
        switch self {
        case .insCollision, .conflictingINS, .sameINS, .updateIncoherentWithStoredTraits, .sexDiffers: true
        default: false
        }
    }

    /// The explanation line with the RI's `reasons` written before the matcher's `explanation`.
    public static func explanation(_ reasons: [ReviewReason], then explanation: String) -> String {
        reasons.map { $0.rawValue + "; " }.joined() + explanation
    }

    /// The reasons an explanation names, in order: the RI's, then the alerts. A word no case names (a store
    /// written by a later version) is left out.
    public static func decode(explanation: String) -> [ReviewReason] {
        var reasons: [ReviewReason] = []
        var rest = Substring(explanation)
        while let semicolon = rest.range(of: "; ") {
            let word = rest[..<semicolon.lowerBound]
            guard !word.contains(" "), !word.contains("=") else { break }
            if let reason = ReviewReason(rawValue: String(word)) { reasons.append(reason) }
            rest = rest[semicolon.upperBound...]
        }
        if let alerts = rest.range(of: "alerts=") {
            let list = rest[alerts.upperBound...].prefix { $0 != " " }
            reasons += list.split(separator: "+").compactMap { ReviewReason(rawValue: String($0)) }
        }
        return reasons
    }
}

extension ReviewItem {
    /// Why the item was opened, decoded from its explanation (``ReviewReason/decode(explanation:)``).
    public var reasons: [ReviewReason] { ReviewReason.decode(explanation: explanation) }
}
