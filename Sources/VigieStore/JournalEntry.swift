import Foundation

/// One line of the append-only journal: who did what to which identity, when, why, with the state before
/// and after. The journal is the RI's audit trail; it holds traits (it is the identity's own history), so
/// nothing from it goes to logs.
public struct JournalEntry: Sendable, Hashable, Codable {
    /// What happened.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case created
        case updated
        /// `identityID` absorbed `relatedID` (A40); before/after hold both ids.
        case merged
        case linked
        case unlinked
        case localIdentifierAdded = "local-identifier-added"
        case localIdentifierRemoved = "local-identifier-removed"
        case reviewOpened = "review-opened"
        case reviewResolved = "review-resolved"
        /// A status-machine event (``AuditEvent`` in `after`): qualification, demotion, attributes, INS deletion.
        case statusChanged = "status-changed"
        /// A merge undone: `identityID` is the restored identity, `relatedID` the former survivor.
        case unmerged
        /// The cell deferred a review item (it stays open).
        case reviewDeferred = "review-deferred"
        /// A person looked at the identity (RNIV: every view by a person is traced).
        case viewed
    }

    /// Position in the journal (strictly increasing, never reused).
    public var sequence: Int64
    /// The identity the change is about (for a merge, the survivor).
    public var identityID: String
    /// The other identity, for merges, links and reviews.
    public var relatedID: String?
    /// What happened.
    public var action: Action
    /// Who.
    public var actor: String
    /// When.
    public var time: Date
    /// Why.
    public var reason: String
    /// The message that caused it, if any.
    public var messageID: String?
    /// State before, as JSON (an `Identity`, a `LocalIdentifier`, a `ReviewItem`…); nil for a creation.
    public var before: String?
    /// State after, as JSON.
    public var after: String?

    /// Creates an entry (the store builds these).
    public init(
        sequence: Int64, identityID: String, relatedID: String?, action: Action, actor: String, time: Date,
        reason: String, messageID: String?, before: String?, after: String?
    ) {
        self.sequence = sequence
        self.identityID = identityID
        self.relatedID = relatedID
        self.action = action
        self.actor = actor
        self.time = time
        self.reason = reason
        self.messageID = messageID
        self.before = before
        self.after = after
    }
}
