extension StoreTransaction {
    /// Links two identities (HL7 A24: the same patient known under two identities kept apart). Returns false
    /// when they were already linked (nothing changes). Both must exist and not be merged away.
    @discardableResult
    public func link(_ a: String, _ b: String, change: ChangeContext) throws(StoreError) -> Bool {
        try change.validate()
        if a == b { throw .selfLink(id: a) }
        let rowA = try activeRow(a)
        let rowB = try activeRow(b)
        return try savepoint("link identities") { () throws(StoreError) -> Bool in
            let insert = try connection.statement(
                "INSERT OR IGNORE INTO links (a, b, linked_at) VALUES (?, ?, ?)", operation: "link identities")
            try insert.bind(.integer(min(rowA, rowB)), .integer(max(rowA, rowB)), .real(change.time.timeIntervalSince1970))
            try insert.run()
            guard connection.changes == 1 else { return false }
            try touch(rowA, change)
            try touch(rowB, change)
            try journal(rowA, related: rowB, .linked, change, before: nil, after: nil)
            return true
        }
    }

    /// Removes the link between two identities (HL7 A37). Returns false when they were not linked (nothing
    /// changes). Both must exist and not be merged away.
    @discardableResult
    public func unlink(_ a: String, _ b: String, change: ChangeContext) throws(StoreError) -> Bool {
        try change.validate()
        if a == b { throw .selfLink(id: a) }
        let rowA = try activeRow(a)
        let rowB = try activeRow(b)
        return try savepoint("unlink identities") { () throws(StoreError) -> Bool in
            let delete = try connection.statement("DELETE FROM links WHERE a = ? AND b = ?", operation: "unlink identities")
            try delete.bind(.integer(min(rowA, rowB)), .integer(max(rowA, rowB)))
            try delete.run()
            guard connection.changes == 1 else { return false }
            try touch(rowA, change)
            try touch(rowB, change)
            try journal(rowA, related: rowB, .unlinked, change, before: nil, after: nil)
            return true
        }
    }
}
