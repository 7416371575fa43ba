import Foundation

/// Who makes a change, why, when, and on behalf of which message: what the journal records with it.
public struct ChangeContext: Sendable, Hashable {
    /// Who: a user, or the sending application (e.g. `GAM@CHU-X` from MSH-3/MSH-4). Must not be empty.
    public var actor: String
    /// Why, in words or as an event code (e.g. `ADT^A31`). Never put an identity trait here.
    public var reason: String
    /// The message that caused the change (MSH-10 or a JSON request id), if any. Journaled only; idempotency
    /// is `IdentityStore.perform(messageID:request:_:)`'s job.
    public var messageID: String?
    /// When the change happened.
    public var time: Date

    /// Creates a change context; `time` defaults to now.
    public init(actor: String, reason: String, messageID: String? = nil, time: Date = Date()) {
        self.actor = actor
        self.reason = reason
        self.messageID = messageID
        self.time = time
    }

    func validate() throws(StoreError) {
        if actor.isEmpty { throw .invalidChange(field: "actor", reason: "is empty") }
        if !time.timeIntervalSince1970.isFinite { throw .invalidChange(field: "time", reason: "is not a finite date") }
    }
}
