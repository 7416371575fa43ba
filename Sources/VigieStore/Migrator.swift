import VigieIdentity

/// Brings a store file to `Schema.currentVersion`, one numbered step per transaction.
enum Migrator {
    /// Migrates the database open on `connection` (read-write). A new, empty file gets every step; a file
    /// from an older build gets the steps it lacks; a file from a newer build is refused untouched.
    static func migrate(_ connection: SQLiteConnection, coder: StoreCoder) throws(StoreError) {
        let found = try connection.integerPragma("user_version")
        if found > Schema.currentVersion {
            throw .newerSchema(found: found, supported: Schema.currentVersion)
        }
        let application = try connection.integerPragma("application_id")
        if found == 0 {
            // Version 0: either a brand-new file, or a SQLite file that is not ours.
            let tables = try connection.statement(
                "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'", operation: "open store")
            defer { tables.reset() }
            _ = try tables.step()
            if tables.int(0) != 0 { throw .corrupt(reason: "the file is a SQLite database but not a Vigie store") }
        } else if application != Int(Schema.applicationID) {
            throw .corrupt(reason: "the file is a SQLite database but not a Vigie store")
        }
        var version = found
        while version < Schema.currentVersion {
            let next = version + 1
            try connection.execute("BEGIN IMMEDIATE", operation: "migrate to version \(next)")
            do throws(StoreError) {
                // Another process may have migrated while this one waited for the write lock.
                version = try connection.integerPragma("user_version")
                if version > Schema.currentVersion {
                    throw StoreError.newerSchema(found: version, supported: Schema.currentVersion)
                }
                if version >= next {
                    try connection.execute("COMMIT", operation: "migrate to version \(next)")
                    continue
                }
                try apply(step: next, connection, coder: coder)
                try connection.execute(
                    "PRAGMA application_id = \(Schema.applicationID); PRAGMA user_version = \(next)",
                    operation: "migrate to version \(next)")
                try connection.execute("COMMIT", operation: "migrate to version \(next)")
            } catch {
                try? connection.execute("ROLLBACK", operation: "migrate to version \(next)")
                throw error
            }
            version = next
        }
    }

    private static func apply(step: Int, _ connection: SQLiteConnection, coder: StoreCoder) throws(StoreError) {
        switch step {
        case 1:
            try connection.execute(Schema.version1, operation: "migrate to version 1")
        case 2:
            try connection.execute(Schema.version2, operation: "migrate to version 2")
            try backfillMatchingColumns(connection, coder: coder)
        case 3:
            try connection.execute(Schema.version3, operation: "migrate to version 3")
        case 4:
            try connection.execute(Schema.version4, operation: "migrate to version 4")
        case 5:
            try connection.execute(Schema.version5, operation: "migrate to version 5")
        default:
            throw .corrupt(reason: "no migration step \(step)")
        }
    }

    /// Step 2's data part: fills the matching columns from each identity's JSON.
    private static func backfillMatchingColumns(_ connection: SQLiteConnection, coder: StoreCoder) throws(StoreError) {
        let rows = try connection.statement("SELECT id, identity FROM identities", operation: "migrate to version 2")
        var pending: [(Int64, IdentityColumns)] = []
        while try rows.step() {
            let row = rows.int64(0)
            guard let json = rows.text(1) else { throw .corrupt(reason: "identity \(IdentityID.string(row)) has no data") }
            pending.append((row, IdentityColumns(try coder.decodeIdentity(json, row: row), json: json)))
        }
        rows.reset()
        let update = try connection.statement(
            """
            UPDATE identities SET birth_name = ?, first_names = ?, sex = ?, birth_date = ?, birth_place = ?,
                used_name = ?, ins = ?, ins_oid = ? WHERE id = ?
            """, operation: "migrate to version 2")
        for (row, columns) in pending {
            try update.bind(
                .text(columns.birthName), .text(columns.firstNames), .text(columns.sex), .text(columns.birthDate),
                .text(columns.birthPlace), .text(columns.usedName), .optionalText(columns.ins),
                .optionalText(columns.insOID), .integer(row))
            try update.run()
        }
    }
}
