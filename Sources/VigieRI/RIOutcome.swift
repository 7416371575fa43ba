import VigieIdentity
import VigieMatch
import VigieStore

/// What a write command did: the identity concerned, its status, the action, the matching decision, the
/// potential duplicates or collisions queued for the cell (never merged automatically), notices to acknowledge,
/// and the status changes the RNIV status machine made.
public struct RIOutcome: Sendable, Hashable {
    /// The RI identity id (`V…`).
    public var identityID: String
    /// The RNIV status after the command.
    public var status: IdentityStatus
    /// What happened.
    public var action: RIAction
    /// The matching outcome.
    public var decision: RIDecision
    /// Potential duplicates and collisions, best score first.
    public var candidates: [RICandidate]
    /// What the sender should know (acknowledged as warnings: HL7 ERR severity W).
    public var notices: [RINotice]
    /// The status machine's events, as journaled.
    public var statusChanges: [AuditEvent]
    /// The review item, for `resolveReview`.
    public var reviewItem: ReviewItem?
    /// What the INSi call concluded, for `qualify` and `verify` (journaled as `insi-called`).
    public var insiCall: RIINSiCallOutcome?

    public init(
        identityID: String, status: IdentityStatus, action: RIAction, decision: RIDecision = .nonMatch,
        candidates: [RICandidate] = [], notices: [RINotice] = [], statusChanges: [AuditEvent] = [], reviewItem: ReviewItem? = nil
    ) {
        self.identityID = identityID
        self.status = status
        self.action = action
        self.decision = decision
        self.candidates = candidates
        self.notices = notices
        self.statusChanges = statusChanges
        self.reviewItem = reviewItem
    }
}

/// What happened to the identity.
public enum RIAction: String, Sendable, Hashable, Codable {
    case created, updated, unchanged, merged, unmerged, linked, unlinked
    case identifiersChanged = "identifiers-changed"
    /// Updated, and the update ended the qualification (a strict trait changed without INSi): see the notices.
    case demoted
    /// Qualified (or re-qualified) through INSi.
    case qualified
    /// A review item was resolved (or deferred).
    case reviewed
    /// The change had already been made (e.g. an A40 re-sent under another control id).
    case alreadyDone = "already-done"
}

/// The matching outcome of a write.
public enum RIDecision: String, Sendable, Hashable, Codable {
    case match, review
    case nonMatch = "non-match"
    /// A potential collision was found.
    case collision

    init(_ decision: MatchDecision) {
        switch decision {
        case .match: self = .match
        case .review: self = .review
        case .nonMatch: self = .nonMatch
        }
    }
}

/// One potential duplicate or collision of an identity.
public struct RICandidate: Sendable, Hashable, Codable {
    /// Duplicate (two identities, one patient) or collision (one INS or identity, two patients).
    public enum Kind: String, Sendable, Hashable, Codable {
        case duplicate, collision
    }

    /// The other identity.
    public var identityID: String
    /// The pair's match weight (log2 odds).
    public var score: Double
    /// `match` or `review` (or `non-match` for a collision found through the INS).
    public var decision: RIDecision
    public var kind: Kind
    /// The review queue item opened (or refreshed) for the pair; nil when the cell already decided the pair.
    public var reviewItem: Int64?
    /// Why (per-field contributions and alerts); never an identity trait.
    public var explanation: String

    public init(identityID: String, score: Double, decision: RIDecision, kind: Kind, reviewItem: Int64?, explanation: String) {
        self.identityID = identityID
        self.score = score
        self.decision = decision
        self.kind = kind
        self.reviewItem = reviewItem
        self.explanation = explanation
    }

    /// The score with two decimals at most, as answers print it.
    public static func format(_ score: Double) -> String {
        let rounded = (score * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Something the sender should know about an accepted command (HL7: an ERR of severity W on the field).
public struct RINotice: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The identity lost its qualification (a strict trait changed without INSi): status before → after.
        case demoted
        /// The INS is not shared (the identity is not QUAL); it stays in the identity's history and journal.
        case insWithheld = "ins-withheld"
        /// The claimed status was not granted (missing evidence); the status machine's status was kept.
        case statusNotGranted = "status-not-granted"
        /// A merge: the merged-away identity held a higher status than the survivor.
        case mergedAwayHigherStatus = "merged-away-higher-status"
        /// A merge: only the merged-away identity held an INS (now set aside in the survivor's history).
        case mergedAwayOnlyINS = "merged-away-only-ins"
        /// A value was not integrated (e.g. an INS without `VALI`), the rest was.
        case notIntegrated = "not-integrated"
    }

    public var kind: Kind
    public var field: RIField?
    /// Trait-free words for the answer.
    public var message: String

    public init(_ kind: Kind, _ field: RIField?, _ message: String) {
        self.kind = kind
        self.field = field
        self.message = message
    }
}

/// An identity as the RI shows it, with the share policy applied: `ins` is present only for a QUAL identity
/// (RNIV EXI SI 08: an INS leaves the RI only for a qualified identity, whatever the channel).
public struct RIIdentityView: Sendable, Hashable {
    public var id: String
    public var version: Int
    public var status: IdentityStatus
    public var attributes: Set<IdentityAttribute>
    public var traits: StrictTraits
    public var usedName: String?
    public var usedFirstName: String?
    /// The INS, only when the identity is QUAL.
    public var ins: INS?
    public var localIDs: [LocalIdentifier]
    public var formerLocalIDs: [LocalIdentifier]
    public var mergedIDs: [String]
    public var linkedIDs: [String]
    /// The identity with the share policy applied (no INS unless QUAL), for encoders that take an `Identity`.
    public var shareable: Identity

    init(_ stored: StoredIdentity) {
        id = stored.id
        version = stored.version
        shareable = RISharePolicy.shareable(stored.identity)
        status = shareable.status
        attributes = shareable.attributes
        traits = shareable.traits
        usedName = shareable.usedName
        usedFirstName = shareable.usedFirstName
        ins = shareable.ins
        localIDs = stored.localIDs
        formerLocalIDs = stored.formerLocalIDs
        mergedIDs = stored.mergedIDs
        linkedIDs = stored.linkedIDs
    }
}

/// A search result: the candidate and its score (best first).
public struct RIMatch: Sendable {
    public var identityID: String
    public var score: PairScore
}
