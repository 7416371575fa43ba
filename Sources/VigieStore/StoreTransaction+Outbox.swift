import Foundation
import VigieSupport

extension StoreTransaction {
    /// Appends a committed change to the outbox, in this transaction (rolled back with it). Returns its sequence.
    @discardableResult
    public func appendOutbox(_ outboxChange: OutboxChange, change: ChangeContext) throws(StoreError) -> Int64 {
        try change.validate()
        let subject = outboxChange.subject
        guard let row = IdentityID.row(subject.id) else { throw .notFound(id: subject.id) }
        let insert = try connection.statement(
            "INSERT INTO outbox (kind, identity_id, actor, time, message_id, change) VALUES (?, ?, ?, ?, ?, ?)",
            operation: "append to outbox")
        try insert.bind(
            .text(outboxChange.kind.rawValue), .integer(row), .text(change.actor), .real(change.time.timeIntervalSince1970),
            .optionalText(change.messageID), .text(try coder.encode(outboxChange, what: "outbox change")))
        try insert.run()
        return connection.lastInsertRowID
    }

    /// The outbox entries after `sequence`, in commit order, at most `limit`.
    public func outbox(after sequence: Int64, limit: Int) throws(StoreError) -> [OutboxEntry] {
        let query = try connection.statement(
            "SELECT seq, actor, time, message_id, change FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
            operation: "read outbox")
        defer { query.reset() }
        try query.bind(.integer(sequence), .integer(Int64(max(0, limit))))
        var entries: [OutboxEntry] = []
        while try query.step() {
            let seq = query.int64(0)
            entries.append(OutboxEntry(
                sequence: seq, change: try coder.decode(OutboxChange.self, from: query.text(4) ?? "", what: "outbox entry \(seq)"),
                actor: query.text(1) ?? "", time: Date(timeIntervalSince1970: query.double(2)), messageID: query.text(3)))
        }
        return entries
    }

    /// The last outbox sequence (0 when empty).
    public func outboxHead() throws(StoreError) -> Int64 {
        let query = try connection.statement("SELECT coalesce(max(seq), 0) FROM outbox", operation: "read outbox")
        defer { query.reset() }
        return try query.step() ? query.int64(0) : 0
    }

    /// Registers the subscriber at position 0 (it will receive every change in the outbox) unless it exists;
    /// returns its position.
    public func subscribe(_ name: String, at time: Date) throws(StoreError) -> Int64 {
        try Self.validateSubscriber(name)
        let insert = try connection.statement(
            "INSERT OR IGNORE INTO feed_subscribers (name, position, created_at, updated_at) VALUES (?, 0, ?, ?)",
            operation: "register feed subscriber")
        try insert.bind(.text(name), .real(time.timeIntervalSince1970), .real(time.timeIntervalSince1970))
        try insert.run()
        return try position(of: name)
    }

    /// The subscriber's position: the last sequence its destination acknowledged.
    public func position(of name: String) throws(StoreError) -> Int64 {
        try Self.validateSubscriber(name)
        let query = try connection.statement("SELECT position FROM feed_subscribers WHERE name = ?", operation: "read feed position")
        defer { query.reset() }
        try query.bind(.text(name))
        guard try query.step() else { throw .subscriberNotFound(name: name) }
        return query.int64(0)
    }

    /// Moves the subscriber's position forward to `sequence` (never back: a late acknowledgement is harmless).
    public func acknowledge(_ name: String, through sequence: Int64, at time: Date) throws(StoreError) {
        let current = try position(of: name)
        guard sequence > current else { return }
        let update = try connection.statement(
            "UPDATE feed_subscribers SET position = ?, updated_at = ? WHERE name = ?", operation: "advance feed position")
        try update.bind(.integer(sequence), .real(time.timeIntervalSince1970), .text(name))
        try update.run()
    }

    /// Every subscriber's lag at `now`, by name.
    public func feedLags(now: Date) throws(StoreError) -> [FeedLag] {
        let query = try connection.statement(
            """
            SELECT s.name, s.position,
                (SELECT count(*) FROM outbox o WHERE o.seq > s.position),
                (SELECT o.time FROM outbox o WHERE o.seq > s.position ORDER BY o.seq LIMIT 1)
            FROM feed_subscribers s ORDER BY s.name
            """, operation: "read feed lag")
        defer { query.reset() }
        var lags: [FeedLag] = []
        while try query.step() {
            let age = query.isNull(3) ? 0 : max(0, now.timeIntervalSince1970 - query.double(3))
            lags.append(FeedLag(subscriber: query.text(0) ?? "", position: query.int64(1), pending: query.int(2), oldestPendingAge: age))
        }
        return lags
    }

    static func validateSubscriber(_ name: String) throws(StoreError) {
        if let problem = IdentifierText.problem(name, maximumLength: 128) { throw .invalidSubscriber(reason: "name \(problem)") }
    }
}
