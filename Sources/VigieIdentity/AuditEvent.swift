import Foundation

/// The journal entry of one identity change: who, when, what, why, and the RNIV state before and after.
/// It holds no identity trait and no INS (only whether one is present and its authority).
public struct AuditEvent: Sendable, Hashable, Codable {
    /// Who made the change (user or system id).
    public var actor: String
    /// When.
    public var time: Date
    /// The event's name (``IdentityEvent/name``).
    public var event: String
    /// Trait-free detail (document type, attribute code, INS authority).
    public var detail: String?
    /// Why (free text from the actor).
    public var reason: String
    /// Status before the change.
    public var statusBefore: IdentityStatus
    /// Status after the change.
    public var statusAfter: IdentityStatus
    /// Attributes before the change, sorted by code.
    public var attributesBefore: [IdentityAttribute]
    /// Attributes after the change, sorted by code.
    public var attributesAfter: [IdentityAttribute]
    /// Whether an active INS was held before and after.
    public var hadINS: Bool
    /// Whether an active INS is held after the change.
    public var hasINS: Bool

    /// Creates an entry.
    public init(
        actor: String, time: Date, event: String, detail: String?, reason: String, statusBefore: IdentityStatus,
        statusAfter: IdentityStatus, attributesBefore: [IdentityAttribute], attributesAfter: [IdentityAttribute],
        hadINS: Bool, hasINS: Bool
    ) {
        self.actor = actor
        self.time = time
        self.event = event
        self.detail = detail
        self.reason = reason
        self.statusBefore = statusBefore
        self.statusAfter = statusAfter
        self.attributesBefore = attributesBefore
        self.attributesAfter = attributesAfter
        self.hadINS = hadINS
        self.hasINS = hasINS
    }
}
