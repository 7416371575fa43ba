/// The answer to a message, and whether it was replayed from an earlier processing of the same message id.
public struct MessageOutcome<Answer: Sendable>: Sendable {
    /// The answer: freshly computed, or the one stored when the message was first processed.
    public var answer: Answer
    /// True when the message id had been processed before: nothing was changed this time.
    public var isReplay: Bool

    /// Creates an outcome.
    public init(answer: Answer, isReplay: Bool) {
        self.answer = answer
        self.isReplay = isReplay
    }
}

/// What identifies a message for idempotency: its id (unique per sender, e.g. `MSH-3|MSH-4|MSH-10`) and,
/// optionally, its bytes, fingerprinted to detect an id reused for another message.
public struct MessageKey: Sendable, Hashable {
    /// The message id; nil for a message without idempotency (it always runs).
    public var id: String?
    /// The request bytes, or nil to skip the reused-id check.
    public var request: [UInt8]?

    /// Creates a message key.
    public init(id: String?, request: [UInt8]? = nil) {
        self.id = id
        self.request = request
    }
}
