import Foundation

extension StoreTransaction {
    /// Queues a potential duplicate or collision and returns the stored item.
    ///
    /// Ids are resolved to their survivors and kept in id order. One item per pair and kind: when the pair
    /// already has an open item, its score and explanation are refreshed; when it has a resolved one (e.g.
    /// `notDuplicate`: the cell said these are two patients), that item is returned unchanged and nothing is
    /// queued, so that a decision is not asked twice. Fails with `invalidReview` (wrong number of ids, the
    /// same identity twice, a score that is not finite) or `notFound`.
    public func enqueueReview(_ item: ReviewItem, change: ChangeContext) throws(StoreError) -> ReviewItem {
        try change.validate()
        guard item.score.isFinite else { throw .invalidReview(reason: "score is not finite") }
        switch (item.kind, item.identityIDs.count) {
        case (.potentialDuplicate, 2), (.potentialCollision, 1), (.potentialCollision, 2): break
        default: throw .invalidReview(reason: "a \(item.kind.rawValue) item needs \(item.kind == .potentialDuplicate ? "2" : "1 or 2") identity ids, got \(item.identityIDs.count)")
        }
        var rows: [Int64] = []
        for id in item.identityIDs {
            guard let row = IdentityID.row(id), try rowExists(row) else { throw .notFound(id: id) }
            rows.append(try resolve(row))
        }
        rows.sort()
        if rows.count == 2, rows[0] == rows[1] {
            throw .invalidReview(reason: "identities \(item.identityIDs.joined(separator: ", ")) are the same identity")
        }
        let first = rows[0]
        let second = rows.count == 2 ? rows[1] : nil
        let time = change.time.timeIntervalSince1970

        return try savepoint("enqueue review") { () throws(StoreError) -> ReviewItem in
            let existing = try connection.statement(
                """
                SELECT id, status FROM review_items WHERE first_id = ? AND second_id IS ? AND kind = ?
                ORDER BY status = 'open' DESC, id DESC LIMIT 1
                """, operation: "find review item")
            try existing.bind(.integer(first), second.map { .integer($0) } ?? .null, .text(item.kind.rawValue))
            if try existing.step() {
                let id = existing.int64(0)
                let isOpen = existing.text(1) == ReviewItem.Status.open.rawValue
                existing.reset()
                if isOpen {
                    let refresh = try connection.statement(
                        "UPDATE review_items SET score = ?, explanation = ?, updated_at = ? WHERE id = ?",
                        operation: "refresh review item")
                    try refresh.bind(.real(item.score), .text(item.explanation), .real(time), .integer(id))
                    try refresh.run()
                }
                return try reviewItem(id)
            }
            existing.reset()
            let insert = try connection.statement(
                """
                INSERT INTO review_items (kind, first_id, second_id, score, explanation, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?)
                """, operation: "enqueue review")
            try insert.bind(
                .text(item.kind.rawValue), .integer(first), second.map { .integer($0) } ?? .null, .real(item.score),
                .text(item.explanation), .real(time), .real(time))
            try insert.run()
            let stored = try reviewItem(connection.lastInsertRowID)
            try journal(first, related: second, .reviewOpened, change, before: nil, after: try coder.encode(stored, what: "review item"))
            return stored
        }
    }

    /// Resolves an open review item. The resolution must fit the kind (`merged`, `confirmedDuplicate`,
    /// `notDuplicate` for duplicates; `confirmedCollision`, `noCollision` for collisions). Merging is a
    /// separate call (`merge`), which resolves the pair's open items itself.
    public func resolveReview(
        id: Int64, as resolution: ReviewItem.Resolution, change: ChangeContext
    ) throws(StoreError) -> ReviewItem {
        try change.validate()
        let item = try reviewItem(id)
        guard item.status == .open else { throw .invalidReview(reason: "item \(id) is already resolved") }
        let fits: Bool = switch resolution {
        case .merged, .confirmedDuplicate, .notDuplicate, .homonym: item.kind == .potentialDuplicate
        case .confirmedCollision, .noCollision: item.kind == .potentialCollision
        }
        guard fits else { throw .invalidReview(reason: "\(resolution.rawValue) does not resolve a \(item.kind.rawValue) item") }
        return try savepoint("resolve review") { () throws(StoreError) -> ReviewItem in
            try markResolved(id, resolution, change)
            return try reviewItem(id)
        }
    }

    /// Review items with the given status (all when nil), highest score first.
    public func reviewQueue(status: ReviewItem.Status? = .open) throws(StoreError) -> [ReviewItem] {
        let query = try connection.statement(
            "SELECT \(Self.reviewColumns) FROM review_items WHERE ?1 IS NULL OR status = ?1 ORDER BY score DESC, id",
            operation: "read review queue")
        defer { query.reset() }
        try query.bind(.optionalText(status?.rawValue))
        var items: [ReviewItem] = []
        while try query.step() { items.append(try Self.reviewItem(from: query)) }
        return items
    }

    /// The review item numbered `id`.
    public func reviewItem(_ id: Int64) throws(StoreError) -> ReviewItem {
        let query = try connection.statement(
            "SELECT \(Self.reviewColumns) FROM review_items WHERE id = ?", operation: "read review item")
        defer { query.reset() }
        try query.bind(.integer(id))
        guard try query.step() else { throw .reviewNotFound(id: id) }
        return try Self.reviewItem(from: query)
    }

    func resolveOpenReviews(
        between a: Int64, and b: Int64, as resolution: ReviewItem.Resolution, change: ChangeContext
    ) throws(StoreError) {
        let query = try connection.statement(
            "SELECT id FROM review_items WHERE status = 'open' AND kind = 'duplicate' AND first_id = ? AND second_id = ?",
            operation: "resolve review items")
        try query.bind(.integer(min(a, b)), .integer(max(a, b)))
        var ids: [Int64] = []
        while try query.step() { ids.append(query.int64(0)) }
        query.reset()
        for id in ids { try markResolved(id, resolution, change) }
    }

    private func markResolved(_ id: Int64, _ resolution: ReviewItem.Resolution, _ change: ChangeContext) throws(StoreError) {
        let before = try reviewItem(id)
        let update = try connection.statement(
            "UPDATE review_items SET status = 'resolved', resolution = ?, resolved_by = ?, updated_at = ? WHERE id = ?",
            operation: "resolve review item")
        try update.bind(.text(resolution.rawValue), .text(change.actor), .real(change.time.timeIntervalSince1970), .integer(id))
        try update.run()
        let after = try reviewItem(id)
        try journal(
            IdentityID.row(before.identityIDs[0]) ?? 0,
            related: before.identityIDs.count > 1 ? IdentityID.row(before.identityIDs[1]) : nil,
            .reviewResolved, change, before: try coder.encode(before, what: "review item"),
            after: try coder.encode(after, what: "review item"))
    }

    static let reviewColumns =
        "id, kind, first_id, second_id, score, explanation, status, resolution, created_at, updated_at, resolved_by"

    static func reviewItem(from row: SQLiteStatement) throws(StoreError) -> ReviewItem {
        let id = row.int64(0)
        guard let kind = row.text(1).flatMap(ReviewItem.Kind.init(rawValue:)),
              let status = row.text(6).flatMap(ReviewItem.Status.init(rawValue:))
        else { throw .corrupt(reason: "review item \(id) has an unknown kind or status") }
        var ids = [IdentityID.string(row.int64(2))]
        if !row.isNull(3) { ids.append(IdentityID.string(row.int64(3))) }
        var item = ReviewItem(kind: kind, identityIDs: ids, score: row.double(4), explanation: row.text(5) ?? "")
        item.id = id
        item.status = status
        item.resolution = row.text(7).flatMap(ReviewItem.Resolution.init(rawValue:))
        item.createdAt = Date(timeIntervalSince1970: row.double(8))
        item.updatedAt = Date(timeIntervalSince1970: row.double(9))
        item.resolvedBy = row.text(10)
        return item
    }
}
