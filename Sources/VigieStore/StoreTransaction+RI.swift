import Foundation
import VigieIdentity

/// What the journal says changed after a sequence number: the identities to reload (active or merged away),
/// whether review decisions changed, and the newest sequence read.
public struct JournalChanges: Sendable, Hashable {
    /// Identities named by the entries (as `identity_id` or `related_id`), in id order.
    public var identityIDs: [String]
    /// Some entry resolved a review item.
    public var reviewsResolved: Bool
    /// The newest sequence number read (the head of the journal at the time of the read).
    public var head: Int64

    public init(identityIDs: [String], reviewsResolved: Bool, head: Int64) {
        self.identityIDs = identityIDs
        self.reviewsResolved = reviewsResolved
        self.head = head
    }
}

/// Operations the référentiel's rule layer (VigieRI) needs besides the basic writes: catching up with other
/// processes through the journal's sequence numbers, typed status events, unmerge, review deferral, views.
extension StoreTransaction {
    /// The newest journal sequence number (0 for an empty journal). Sequences only grow (AUTOINCREMENT).
    public func journalHead() throws(StoreError) -> Int64 {
        let query = try connection.statement("SELECT max(seq) FROM journal", operation: "read journal head")
        defer { query.reset() }
        return try query.step() && !query.isNull(0) ? query.int64(0) : 0
    }

    /// The identities the journal names after `sequence`, up to its head.
    public func journalChanges(after sequence: Int64) throws(StoreError) -> JournalChanges {
        let query = try connection.statement(
            "SELECT seq, identity_id, related_id, action FROM journal WHERE seq > ? ORDER BY seq",
            operation: "read journal changes")
        defer { query.reset() }
        try query.bind(.integer(sequence))
        var rows: Set<Int64> = []
        var head = sequence
        var reviews = false
        while try query.step() {
            head = query.int64(0)
            rows.insert(query.int64(1))
            if !query.isNull(2) { rows.insert(query.int64(2)) }
            if query.text(3) == JournalEntry.Action.reviewResolved.rawValue { reviews = true }
        }
        return JournalChanges(identityIDs: rows.sorted().map(IdentityID.string), reviewsResolved: reviews, head: head)
    }

    /// The matching fields of an active identity, or nil when it is merged away or unknown.
    public func matchingRecord(id: String) throws(StoreError) -> RawRecord? {
        guard let row = IdentityID.row(id) else { return nil }
        let query = try connection.statement(
            """
            SELECT id, birth_name, first_names, sex, birth_date, birth_place, used_name, ins
            FROM identities WHERE id = ? AND merged_into IS NULL
            """, operation: "read matching fields")
        defer { query.reset() }
        try query.bind(.integer(row))
        guard try query.step() else { return nil }
        return RawRecord(
            id: IdentityID.string(query.int64(0)), birthName: query.text(1) ?? "", firstNames: query.text(2) ?? "",
            sex: query.text(3) ?? "", birthDate: query.text(4) ?? "", birthPlace: query.text(5) ?? "",
            usedName: query.text(6) ?? "", ins: query.text(7) ?? "")
    }

    /// Pairs the cell resolved as different patients (not-duplicate or homonym).
    public func notDuplicatePairs() throws(StoreError) -> [(String, String)] {
        let query = try connection.statement(
            """
            SELECT first_id, second_id FROM review_items
            WHERE status = 'resolved' AND resolution IN ('not-duplicate', 'homonym') AND second_id IS NOT NULL
            """, operation: "read review decisions")
        defer { query.reset() }
        var pairs: [(String, String)] = []
        while try query.step() { pairs.append((IdentityID.string(query.int64(0)), IdentityID.string(query.int64(1)))) }
        return pairs
    }

    /// Journals a status-machine event of `id` (the ``AuditEvent`` as JSON in `after`).
    public func journalStatusEvent(id: String, _ event: AuditEvent, change: ChangeContext) throws(StoreError) {
        try change.validate()
        guard let row = IdentityID.row(id), try rowExists(row) else { throw .notFound(id: id) }
        try journal(row, related: nil, .statusChanged, change, before: nil, after: try coder.encode(event, what: "status event"))
    }

    /// Journals that a person viewed an identity.
    public func journalView(id: String, change: ChangeContext) throws(StoreError) {
        try change.validate()
        guard let row = IdentityID.row(id), try rowExists(row) else { throw .notFound(id: id) }
        try journal(row, related: nil, .viewed, change, before: nil, after: nil)
    }

    /// Journals that the cell deferred an open review item: it stays open, `deferredAt` is set (the queue shows
    /// it as postponed), and the journal records who and why.
    public func deferReview(id: Int64, change: ChangeContext) throws(StoreError) -> ReviewItem {
        try change.validate()
        let before = try reviewItem(id)
        guard before.status == .open else { throw .invalidReview(reason: "item \(id) is already resolved") }
        return try savepoint("defer review") { () throws(StoreError) -> ReviewItem in
            let update = try connection.statement(
                "UPDATE review_items SET deferred_at = ?, updated_at = ? WHERE id = ?", operation: "defer review item")
            let time = change.time.timeIntervalSince1970
            try update.bind(.real(time), .real(time), .integer(id))
            try update.run()
            let after = try reviewItem(id)
            try journal(
                IdentityID.row(before.identityIDs[0]) ?? 0,
                related: before.identityIDs.count > 1 ? IdentityID.row(before.identityIDs[1]) : nil,
                .reviewDeferred, change, before: try coder.encode(before, what: "review item"),
                after: try coder.encode(after, what: "review item"))
            return after
        }
    }

    /// Undoes the merge of `mergedAway` from its journal entry and returns the restored identity.
    ///
    /// The identity comes back active, with its own local identifiers (they stayed bound to it), the identities
    /// that had been merged into it, its links and the open review items that had moved to the survivor. The
    /// review items the merge resolved between the two are reopened. The survivor keeps its own identity.
    /// Fails with `notFound` when the identity is unknown, `invalidReview` (reason) when it is not merged away,
    /// or was merged in a chain since (undo the later merge first).
    public func unmerge(mergedAway: String, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try change.validate()
        guard let awayRow = IdentityID.row(mergedAway), try rowExists(awayRow) else { throw .notFound(id: mergedAway) }
        let survivorRow = try resolve(awayRow)
        guard survivorRow != awayRow else { throw .invalidChange(field: "merged_away", reason: "identity \(mergedAway) is not merged away") }
        // The merge's journal entry: the newest `merged` entry naming the identity as the merged-away side.
        let find = try connection.statement(
            "SELECT identity_id, after, seq FROM journal WHERE action = 'merged' AND related_id = ? ORDER BY seq DESC LIMIT 1",
            operation: "find merge")
        try find.bind(.integer(awayRow))
        guard try find.step(), let payload = find.text(1) else {
            find.reset()
            throw .corrupt(reason: "no journal entry for the merge of \(mergedAway)")
        }
        let namedSurvivor = find.int64(0)
                find.reset()
        guard namedSurvivor == survivorRow else {
            throw .invalidChange(
                field: "merged_away",
                reason: "\(IdentityID.string(namedSurvivor)) was merged into \(IdentityID.string(survivorRow)) since; unmerge it first")
        }
        let record = try coder.decode(MergeRecord.self, from: payload, what: "merge")
        return try savepoint("unmerge identities") { () throws(StoreError) -> StoredIdentity in
            let time = change.time.timeIntervalSince1970
            let restore = try connection.statement(
                "UPDATE identities SET merged_into = NULL, version = version + 1, updated_at = ? WHERE id = ?",
                operation: "unmerge identities")
            try restore.bind(.real(time), .integer(awayRow))
            try restore.run()
            for chained in record.chained {
                guard let row = IdentityID.row(chained) else { continue }
                let back = try connection.statement(
                    "UPDATE identities SET merged_into = ? WHERE id = ? AND merged_into = ?", operation: "unmerge identities")
                try back.bind(.integer(awayRow), .integer(row), .integer(survivorRow))
                try back.run()
            }
            let forget = try connection.statement("DELETE FROM merges WHERE merged_away = ?", operation: "unmerge identities")
            try forget.bind(.integer(awayRow))
            try forget.run()
            let link = try connection.statement(
                "INSERT OR IGNORE INTO links (a, b, linked_at) VALUES (?, ?, ?)", operation: "unmerge identities")
            for other in record.movedLinks {
                guard let row = IdentityID.row(other) else { continue }
                try link.bind(.integer(min(awayRow, row)), .integer(max(awayRow, row)), .real(time))
                try link.run()
                link.reset()
            }
            if record.survivorLink == true {
                try link.bind(.integer(min(awayRow, survivorRow)), .integer(max(awayRow, survivorRow)), .real(time))
                try link.run()
                link.reset()
            }
            // The links the merge gave the survivor go back with the identity they came from.
            let unlink = try connection.statement("DELETE FROM links WHERE a = ? AND b = ?", operation: "unmerge identities")
            for other in record.addedLinks ?? [] {
                guard let row = IdentityID.row(other) else { continue }
                try unlink.bind(.integer(min(survivorRow, row)), .integer(max(survivorRow, row)))
                try unlink.run()
                unlink.reset()
            }
            // Review items moved to the survivor by the merge name the restored identity again.
            for item in record.movedReviews ?? [] {
                let back = try connection.statement(
                    """
                    UPDATE review_items SET
                        first_id = CASE WHEN second_id IS NULL THEN ?2
                            ELSE min(CASE WHEN first_id = ?1 THEN ?2 ELSE first_id END, CASE WHEN second_id = ?1 THEN ?2 ELSE second_id END) END,
                        second_id = CASE WHEN second_id IS NULL THEN NULL
                            ELSE max(CASE WHEN first_id = ?1 THEN ?2 ELSE first_id END, CASE WHEN second_id = ?1 THEN ?2 ELSE second_id END) END,
                        updated_at = ?3
                    WHERE id = ?4 AND status = 'open'
                    """, operation: "unmerge identities")
                try back.bind(.integer(survivorRow), .integer(awayRow), .real(time), .integer(item))
                try back.run()
            }
            // Items the merge resolved as `merged` between the two are open again: the cell must decide anew.
            let reopen = try connection.statement(
                """
                UPDATE review_items SET status = 'open', resolution = NULL, resolved_by = NULL, updated_at = ?
                WHERE first_id = ? AND second_id = ? AND status = 'resolved' AND resolution = 'merged'
                """, operation: "unmerge identities")
            try reopen.bind(.real(time), .integer(min(awayRow, survivorRow)), .integer(max(awayRow, survivorRow)))
            try reopen.run()
            try touch(survivorRow, change)
            try journal(awayRow, related: survivorRow, .unmerged, change, before: payload, after: nil)
            return try stored(awayRow)
        }
    }
}

extension IdentityStore {
    /// SQLite's `PRAGMA data_version` on the read connection: it changes when any other connection (this
    /// process's writer, or another process) has committed since the last call. No transaction, no page read:
    /// the cheap test before every query of whether there is anything to catch up on.
    public func dataVersion() throws(StoreError) -> Int64 {
        do {
            return try reader.withLock { (connection: inout Connection?) throws -> Int64 in
                guard let connection else { throw StoreError.closed }
                let query = try connection.sqlite.cachedStatement("PRAGMA data_version", operation: "read data version")
                defer { query.reset() }
                return try query.step() ? query.int64(0) : 0
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .closed
        }
    }

    /// The newest journal sequence number, read from committed data.
    public func journalHead() throws(StoreError) -> Int64 {
        try read { transaction throws(StoreError) in try transaction.journalHead() }
    }

    /// See `StoreTransaction.journalChanges(after:)`.
    public func journalChanges(after sequence: Int64) throws(StoreError) -> JournalChanges {
        try read { transaction throws(StoreError) in try transaction.journalChanges(after: sequence) }
    }

    /// See `StoreTransaction.matchingRecord(id:)`.
    public func matchingRecord(id: String) throws(StoreError) -> RawRecord? {
        try read { transaction throws(StoreError) in try transaction.matchingRecord(id: id) }
    }

    /// See `StoreTransaction.notDuplicatePairs()`.
    public func notDuplicatePairs() throws(StoreError) -> [(String, String)] {
        try read { transaction throws(StoreError) in try transaction.notDuplicatePairs() }
    }
}
