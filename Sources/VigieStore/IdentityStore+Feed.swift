import Foundation

/// The outbound feed's reads and position updates, each one transaction (see `StoreTransaction+Outbox`).
extension IdentityStore {
    /// Every feed subscriber's lag — pending changes and the age of the oldest — by name. Read-only: for the
    /// Prometheus gauge of `vigie serve` and for `vigie feed`'s log.
    public func feedLags(now: Date = Date()) throws(StoreError) -> [FeedLag] {
        try read { transaction throws(StoreError) in try transaction.feedLags(now: now) }
    }

    /// Registers a subscriber (at position 0) unless it exists; returns its position.
    @discardableResult
    public func subscribeFeed(_ name: String, at time: Date = Date()) throws(StoreError) -> Int64 {
        try writeTransaction { transaction throws(StoreError) in try transaction.subscribe(name, at: time) }
    }

    /// The subscriber's position (the last sequence acknowledged).
    public func feedPosition(_ name: String) throws(StoreError) -> Int64 {
        try read { transaction throws(StoreError) in try transaction.position(of: name) }
    }

    /// The changes after the subscriber's position, in commit order, at most `limit`.
    public func pendingOutbox(subscriber name: String, limit: Int = 100) throws(StoreError) -> [OutboxEntry] {
        try read { transaction throws(StoreError) in
            try transaction.outbox(after: try transaction.position(of: name), limit: limit)
        }
    }

    /// Records that the subscriber's destination acknowledged every change through `sequence` (durable on return).
    public func acknowledgeFeed(_ name: String, through sequence: Int64, at time: Date = Date()) throws(StoreError) {
        try writeTransaction { transaction throws(StoreError) in try transaction.acknowledge(name, through: sequence, at: time) }
    }

    /// The outbox's last sequence (0 when empty).
    public func outboxHead() throws(StoreError) -> Int64 {
        try read { transaction throws(StoreError) in try transaction.outboxHead() }
    }
}
