import Foundation

/// A potential duplicate or collision waiting for the identitovigilance cell.
///
/// Duplicate (doublon): one patient with two identities. Collision: one identity mixing two patients (e.g. an
/// update whose traits disagree with the stored ones). Uncertain pairs come here; they are never merged
/// automatically.
public struct ReviewItem: Sendable, Hashable, Codable {
    /// What the cell is asked to decide (PAM FR table 0445 terms in the comments).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Two identities may be the same patient (DPOT, doublon potentiel).
        case potentialDuplicate = "duplicate"
        /// One identity may hold two patients, or a message may target the wrong identity (COLP).
        case potentialCollision = "collision"
    }

    /// Open until someone decides.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case resolved
    }

    /// The decision that closed an item.
    public enum Resolution: String, Sendable, Hashable, Codable, CaseIterable {
        /// Same patient; the identities were merged (set by `merge` on open duplicate items of the pair).
        case merged
        /// Same patient (DOUA), kept apart for now.
        case confirmedDuplicate = "confirmed-duplicate"
        /// Different patients: the pair is not queued again by later `enqueueReview` calls.
        case notDuplicate = "not-duplicate"
        /// The collision is real (COLV) and was handled outside the store.
        case confirmedCollision = "confirmed-collision"
        /// No collision.
        case noCollision = "no-collision"
        /// Different patients with near-identical traits: homonyms (HOMD/HOMA set on both); never queued again.
        case homonym
    }

    /// The item number, assigned by the store (0 before it is enqueued).
    public var id: Int64
    /// Duplicate or collision.
    public var kind: Kind
    /// The identities concerned: two for a duplicate, one or two for a collision. Stored in id order.
    public var identityIDs: [String]
    /// The match score that raised the item (model weight), for sorting.
    public var score: Double
    /// Why: the match explanation (per-field contributions). Never an identity trait.
    public var explanation: String
    /// Open or resolved.
    public var status: Status
    /// The decision, when resolved.
    public var resolution: Resolution?
    /// When the item was opened.
    public var createdAt: Date
    /// When it was last re-scored or resolved.
    public var updatedAt: Date
    /// Who resolved it, when resolved.
    public var resolvedBy: String?

    /// Creates an item to enqueue.
    public init(kind: Kind, identityIDs: [String], score: Double, explanation: String) {
        self.id = 0
        self.kind = kind
        self.identityIDs = identityIDs
        self.score = score
        self.explanation = explanation
        self.status = .open
        self.resolution = nil
        self.createdAt = Date(timeIntervalSince1970: 0)
        self.updatedAt = Date(timeIntervalSince1970: 0)
        self.resolvedBy = nil
    }
}
