import VigieIdentity

/// The merge payload journaled with a merge.
struct MergeRecord: Codable {
    var survivor: String
    var mergedAway: String
    /// Identities that had been merged into the merged-away one and now resolve to the survivor directly.
    var chained: [String]
    /// Links of the merged-away identity carried over to the survivor.
    var movedLinks: [String]
    /// Open review items of the merged-away identity that now name the survivor (absent before v2 data).
    var movedReviews: [Int64]?
    /// The links among `movedLinks` that the survivor did not have before (an unmerge removes them from it);
    /// absent in merges journaled before it was recorded.
    var addedLinks: [String]?
    /// The two identities were linked before the merge (the link disappears with it; an unmerge restores it).
    var survivorLink: Bool?
}

extension StoreTransaction {
    /// Merges `mergedAway` into `survivor` (HL7 A40) and returns the survivor.
    ///
    /// The merged-away identity stays in the store, unchanged, for history; its id, its local identifiers
    /// and those of identities merged into it earlier now resolve to the survivor (chains are resolved here,
    /// so every merged id is one hop from its survivor). Its links move to the survivor; open review items
    /// between the two are resolved as `merged`, its other open items now name the survivor. The survivor's identity is not changed: update it in the
    /// same transaction if the merge brings new information.
    ///
    /// Fails, changing nothing, with `selfMerge`, `mergedAway` (either id already merged away: an A40 sent
    /// twice under different message ids lands here, with `survivor` telling where), `notFound`, or
    /// `conflictingINS` when both carry an INS with different matricules (two patients: a collision).
    public func merge(survivor: String, mergedAway: String, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try change.validate()
        if survivor == mergedAway { throw .selfMerge(id: survivor) }
        let survivorRow = try activeRow(survivor)
        let awayRow = try activeRow(mergedAway)
        let survivorIdentity = try coder.decodeIdentity(try identityJSON(survivorRow), row: survivorRow)
        let awayIdentity = try coder.decodeIdentity(try identityJSON(awayRow), row: awayRow)
        if let a = survivorIdentity.ins, let b = awayIdentity.ins, a.matricule.value != b.matricule.value {
            throw .conflictingINS(survivor: survivor, mergedAway: mergedAway)
        }
        return try savepoint("merge identities") { () throws(StoreError) -> StoredIdentity in
            let time = change.time.timeIntervalSince1970
            let chained = try ids("SELECT id FROM identities WHERE merged_into = ? ORDER BY id", awayRow)
            let compress = try connection.statement(
                "UPDATE identities SET merged_into = ? WHERE merged_into = ?", operation: "merge identities")
            try compress.bind(.integer(survivorRow), .integer(awayRow))
            try compress.run()
            let mark = try connection.statement(
                "UPDATE identities SET merged_into = ?, version = version + 1, updated_at = ? WHERE id = ?",
                operation: "merge identities")
            try mark.bind(.integer(survivorRow), .real(time), .integer(awayRow))
            try mark.run()
            let record = try connection.statement(
                "INSERT INTO merges (merged_away, survivor, merged_at) VALUES (?, ?, ?)", operation: "merge identities")
            try record.bind(.integer(awayRow), .integer(survivorRow), .real(time))
            try record.run()

            // Links follow the survivor; a link between the two disappears with the merge.
            let linked = try ids("SELECT b FROM links WHERE a = ?1 UNION SELECT a FROM links WHERE b = ?1 ORDER BY 1", awayRow)
            let dropLinks = try connection.statement("DELETE FROM links WHERE a = ?1 OR b = ?1", operation: "merge identities")
            try dropLinks.bind(.integer(awayRow))
            try dropLinks.run()
            var moved: [String] = []
            var added: [String] = []
            var survivorLink = false
            for other in linked {
                guard let otherRow = IdentityID.row(other) else { continue }
                if otherRow == survivorRow {
                    survivorLink = true
                    continue
                }
                let add = try connection.statement(
                    "INSERT OR IGNORE INTO links (a, b, linked_at) VALUES (?, ?, ?)", operation: "merge identities")
                try add.bind(.integer(min(survivorRow, otherRow)), .integer(max(survivorRow, otherRow)), .real(time))
                try add.run()
                if connection.changes > 0 { added.append(other) }
                moved.append(other)
            }

            try resolveOpenReviews(between: survivorRow, and: awayRow, as: .merged, change: change)
            let movedReviews = try moveOpenReviews(from: awayRow, to: survivorRow, change: change)
            try touch(survivorRow, change)
            let payload = MergeRecord(
                survivor: survivor, mergedAway: mergedAway, chained: chained, movedLinks: moved,
                movedReviews: movedReviews.isEmpty ? nil : movedReviews, addedLinks: added, survivorLink: survivorLink)
            try journal(
                survivorRow, related: awayRow, .merged, change, before: nil,
                after: try coder.encode(payload, what: "merge"))
            return try stored(survivorRow)
        }
    }

    /// Open review items naming the merged-away identity now name the survivor, so that the cell sees where the
    /// records are. An item that would duplicate an existing item of the survivor's pair, or pair the survivor
    /// with itself, keeps its ids (they still resolve with `identity(id:)`).
    private func moveOpenReviews(from awayRow: Int64, to survivorRow: Int64, change: ChangeContext) throws(StoreError) -> [Int64] {
        let query = try connection.statement(
            "SELECT id, kind, first_id, second_id FROM review_items WHERE status = 'open' AND (first_id = ?1 OR second_id = ?1)",
            operation: "move review items")
        try query.bind(.integer(awayRow))
        var items: [(id: Int64, kind: String, first: Int64, second: Int64?)] = []
        while try query.step() {
            items.append((query.int64(0), query.text(1) ?? "", query.int64(2), query.isNull(3) ? nil : query.int64(3)))
        }
        query.reset()
        var moved: [Int64] = []
        for item in items {
            var rows = [item.first == awayRow ? survivorRow : item.first]
            if let second = item.second { rows.append(second == awayRow ? survivorRow : second) }
            rows.sort()
            if rows.count == 2, rows[0] == rows[1] { continue }
            let first = rows[0]
            let second = rows.count == 2 ? rows[1] : nil
            let clash = try connection.statement(
                "SELECT 1 FROM review_items WHERE first_id = ? AND second_id IS ? AND kind = ? AND id != ?",
                operation: "move review items")
            try clash.bind(.integer(first), second.map { .integer($0) } ?? .null, .text(item.kind), .integer(item.id))
            let exists = try clash.step()
            clash.reset()
            if exists { continue }
            let update = try connection.statement(
                "UPDATE review_items SET first_id = ?, second_id = ?, updated_at = ? WHERE id = ?",
                operation: "move review items")
            try update.bind(
                .integer(first), second.map { .integer($0) } ?? .null, .real(change.time.timeIntervalSince1970), .integer(item.id))
            try update.run()
            moved.append(item.id)
        }
        return moved
    }
}
