import Foundation

extension StoreTransaction {
    /// The history of an identity, oldest first: every journal entry about it, about identities merged into
    /// it, or naming it as the other side (merges, links, reviews). A merged-away id gives its survivor's
    /// history, which contains its own. Fails with `notFound`.
    public func history(id: String) throws(StoreError) -> [JournalEntry] {
        guard let row = IdentityID.row(id), try rowExists(row) else { throw .notFound(id: id) }
        let survivor = try resolve(row)
        let query = try connection.statement(
            """
            WITH family(id) AS (SELECT ?1 UNION ALL SELECT id FROM identities WHERE merged_into = ?1)
            SELECT seq, identity_id, related_id, action, actor, time, reason, message_id, before, after
            FROM journal
            WHERE identity_id IN family OR related_id IN family
            ORDER BY seq
            """, operation: "read history")
        defer { query.reset() }
        try query.bind(.integer(survivor))
        var entries: [JournalEntry] = []
        while try query.step() {
            let sequence = query.int64(0)
            guard let action = query.text(3).flatMap(JournalEntry.Action.init(rawValue:)) else {
                throw .corrupt(reason: "journal entry \(sequence) has an unknown action")
            }
            entries.append(
                JournalEntry(
                    sequence: sequence, identityID: IdentityID.string(query.int64(1)),
                    relatedID: query.isNull(2) ? nil : IdentityID.string(query.int64(2)), action: action,
                    actor: query.text(4) ?? "", time: Date(timeIntervalSince1970: query.double(5)),
                    reason: query.text(6) ?? "", messageID: query.text(7), before: query.text(8), after: query.text(9)))
        }
        return entries
    }

    /// Counts over the store.
    public func stats() throws(StoreError) -> StoreStats {
        func count(_ sql: String) throws(StoreError) -> Int {
            let query = try connection.statement(sql, operation: "count")
            defer { query.reset() }
            return try query.step() ? query.int(0) : 0
        }
        var byStatus: [String: Int] = [:]
        let query = try connection.statement(
            "SELECT status, count(*) FROM identities WHERE merged_into IS NULL GROUP BY status", operation: "count")
        while try query.step() { byStatus[query.text(0) ?? ""] = query.int(1) }
        query.reset()
        return StoreStats(
            schemaVersion: try connection.integerPragma("user_version"),
            activeIdentities: try count("SELECT count(*) FROM identities WHERE merged_into IS NULL"),
            mergedIdentities: try count("SELECT count(*) FROM identities WHERE merged_into IS NOT NULL"),
            identitiesByStatus: byStatus,
            localIdentifiers: try count("SELECT count(*) FROM local_identifiers"),
            links: try count("SELECT count(*) FROM links"),
            openReviews: try count("SELECT count(*) FROM review_items WHERE status = 'open'"),
            journalEntries: try count("SELECT count(*) FROM journal"),
            processedMessages: try count("SELECT count(*) FROM processed_messages"))
    }
}
