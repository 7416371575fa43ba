import Foundation
import VigieIdentity

/// The identifiers a change retires (PAM FR MRG-1): the merged-away identity's (A40), the obsolete ones (A47).
public struct OutboxPrior: Sendable, Hashable, Codable {
    /// The RI id retired (the merged-away identity), if any.
    public var id: String?
    /// Local identifiers retired.
    public var localIDs: [LocalIdentifier]
    /// The INS retired, only when it had been shared (the identity was QUAL): receivers know no other.
    public var ins: INS?

    public init(id: String? = nil, localIDs: [LocalIdentifier] = [], ins: INS? = nil) {
        self.id = id
        self.localIDs = localIDs
        self.ins = ins
    }

    /// Nothing to retire.
    public var isEmpty: Bool { id == nil && localIDs.isEmpty && ins == nil }
}

/// A change the référentiel committed, as the outbound feed sends it: one outbox row, one message.
///
/// Each identity is a `ListedIdentity` (what a PID shows) taken when the change was committed, in the form that may
/// leave the RI: the référentiel applies its share policy (no INS unless QUAL) before it writes the outbox, so the
/// outbox itself never holds an INS that may not be shared.
public enum OutboxChange: Sendable, Hashable, Codable {
    /// A new identity (PAM FR A28).
    case created(ListedIdentity)
    /// Traits, status or attributes changed (A31).
    case updated(ListedIdentity)
    /// `mergedAway` was merged into `survivor` (A40).
    case merged(survivor: ListedIdentity, mergedAway: OutboxPrior)
    /// A merge was undone: the identity is back on its own (A28 for it; its former survivor follows as `updated`).
    case unmerged(ListedIdentity)
    /// Identifiers replaced, or the shared INS changed or withdrawn (A47).
    case identifiersChanged(ListedIdentity, prior: OutboxPrior)
    /// Two identities linked (A24) or unlinked (A37).
    case linked(ListedIdentity, ListedIdentity)
    case unlinked(ListedIdentity, ListedIdentity)

    /// The kind, as stored in the outbox's `kind` column.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case created, updated, merged, unmerged, linked, unlinked
        case identifiersChanged = "identifiers-changed"
    }

    public var kind: Kind {
        switch self {
        case .created: .created
        case .updated: .updated
        case .merged: .merged
        case .unmerged: .unmerged
        case .identifiersChanged: .identifiersChanged
        case .linked: .linked
        case .unlinked: .unlinked
        }
    }

    /// The identity the message is about (PID): the survivor of a merge, the first of a link.
    public var subject: ListedIdentity {
        switch self {
        case .created(let identity), .updated(let identity), .unmerged(let identity), .identifiersChanged(let identity, _),
            .linked(let identity, _), .unlinked(let identity, _):
            identity
        case .merged(let survivor, _): survivor
        }
    }
}

/// One row of the outbox: a committed change, its place in commit order, who made it and when.
public struct OutboxEntry: Sendable, Hashable {
    /// The commit order (strictly increasing).
    public var sequence: Int64
    public var change: OutboxChange
    /// Who made the change (EVN-5): an operator's login or the sending application. Never a trait.
    public var actor: String
    public var time: Date
    /// The message that caused it (MSH-10, a JSON id), if any.
    public var messageID: String?

    public init(sequence: Int64, change: OutboxChange, actor: String, time: Date, messageID: String? = nil) {
        self.sequence = sequence
        self.change = change
        self.actor = actor
        self.time = time
        self.messageID = messageID
    }
}
