import VigieHL7
import VigieIdentity

/// What the RI did with one request: the identity concerned, its status, what happened, and the potential
/// duplicates or collisions found (each queued for the identitovigilance cell, never merged automatically).
public struct RIResult: Sendable, Hashable, Codable {
    /// What happened to the identity.
    public enum Action: String, Sendable, Hashable, Codable {
        case created, updated, unchanged, merged, linked, unlinked
        case identifiersChanged = "identifiers-changed"
        /// The change had already been made (e.g. an A40 re-sent under another control id).
        case alreadyDone = "already-done"
    }

    /// The RI identity id (`V…`).
    public var identityID: String
    /// The RNIV status after the request.
    public var status: IdentityStatus
    /// What happened.
    public var action: Action
    /// The matching outcome: `collision` when one was found, else the best candidate's decision, else `non-match`.
    public var decision: String
    /// Potential duplicates and collisions, best score first.
    public var candidates: [RICandidate]
    /// Warnings to acknowledge with the result.
    public var warnings: [HL7ErrorReport]

    /// ZVG: the RI's result in an acknowledgement.
    ///
    /// ZVG-1 identity id, ZVG-2 RNIV status (PROV/RECUP/VALI/QUAL), ZVG-3 action, ZVG-4 matching decision,
    /// ZVG-5 (repeating) candidates `id^score^decision^kind^review item`.
    var zvg: HL7Segment {
        var zvg = HL7Segment("ZVG")
        zvg[1] = HL7Field(identityID)
        zvg[2] = HL7Field(status.rawValue)
        zvg[3] = HL7Field(action.rawValue)
        zvg[4] = HL7Field(decision)
        zvg[5] = HL7Field(repetitions: candidates.map { candidate in
            HL7Repetition([
                candidate.identityID, RICandidate.format(candidate.score), candidate.decision, candidate.kind.rawValue,
                candidate.reviewItem.map { String($0) } ?? "",
            ])
        })
        return zvg
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
    public var decision: String
    /// Duplicate or collision.
    public var kind: Kind
    /// The review queue item opened (or refreshed) for the pair; nil when the cell already decided the pair.
    public var reviewItem: Int64?
    /// Why (per-field contributions and alerts); never an identity trait.
    public var explanation: String

    static func format(_ score: Double) -> String {
        let rounded = (score * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
