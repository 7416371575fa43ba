import Foundation

/// How far a feed subscriber is behind the outbox: what the `/metrics` gauge shows.
public struct FeedLag: Sendable, Hashable {
    /// The subscriber's name.
    public var subscriber: String
    /// The last outbox sequence its destination acknowledged.
    public var position: Int64
    /// Changes committed and not yet acknowledged.
    public var pending: Int
    /// Seconds since the oldest of them was committed (0 when none is pending).
    public var oldestPendingAge: Double

    public init(subscriber: String, position: Int64, pending: Int, oldestPendingAge: Double) {
        self.subscriber = subscriber
        self.position = position
        self.pending = pending
        self.oldestPendingAge = oldestPendingAge
    }
}
