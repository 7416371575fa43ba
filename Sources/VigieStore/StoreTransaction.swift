import Foundation
import VigieIdentity

/// Reads and writes inside one transaction of `IdentityStore.perform(messageID:request:_:)`.
///
/// Valid only inside the `perform` body that received it (do not keep it). Reads see the transaction's own
/// writes. If the body throws, everything it wrote is rolled back; if it returns, everything is committed
/// together with the message's answer. Each method below, when it throws, has written nothing.
public struct StoreTransaction {
    let connection: SQLiteConnection
    let coder: StoreCoder

    init(connection: SQLiteConnection, coder: StoreCoder) {
        self.connection = connection
        self.coder = coder
    }

    // MARK: - Identities

    /// Creates an identity bound to `localIDs` and journals it. Fails, changing nothing, when a local
    /// identifier is invalid or already bound (`localIdentifierTaken`).
    public func create(
        _ identity: Identity, localIDs: [LocalIdentifier], change: ChangeContext
    ) throws(StoreError) -> StoredIdentity {
        try change.validate()
        guard localIDs.count <= LocalIdentifier.maximumPerIdentity else { throw .tooManyLocalIdentifiers }
        var seen = Set<LocalIdentifier>()
        for local in localIDs {
            try local.validate()
            guard seen.insert(local).inserted else {
                throw .invalidLocalIdentifier(field: "value", reason: "\(local) is listed twice")
            }
            if let owner = try ownerRow(of: local) {
                throw .localIdentifierTaken(local, owner: IdentityID.string(try resolve(owner)))
            }
        }
        return try savepoint("create identity") { () throws(StoreError) -> StoredIdentity in
            let json = try coder.encode(identity, what: "identity")
            let columns = IdentityColumns(identity, json: json)
            let insert = try connection.statement(
                """
                INSERT INTO identities (status, identity, version, created_at, updated_at, birth_name, first_names,
                    sex, birth_date, birth_place, used_name, ins, ins_oid, listed)
                VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \(Self.listedExtract("?2")))
                """, operation: "create identity")
            let time = change.time.timeIntervalSince1970
            try insert.bind(
                .text(columns.status), .text(json), .real(time), .real(time), .text(columns.birthName),
                .text(columns.firstNames), .text(columns.sex), .text(columns.birthDate), .text(columns.birthPlace),
                .text(columns.usedName), .optionalText(columns.ins), .optionalText(columns.insOID))
            try insert.run()
            let row = connection.lastInsertRowID
            try journal(row, related: nil, .created, change, before: nil, after: json)
            let sorted = localIDs.sorted()
            for local in sorted {
                try insertLocalIdentifier(local, row: row, change: change)
            }
            // Everything is known: no need to read it back (this keeps bulk loads fast). The time goes
            // through the stored form so that it equals what a later read returns.
            let stamp = Date(timeIntervalSince1970: time)
            return StoredIdentity(
                id: IdentityID.string(row), identity: identity, localIDs: sorted, version: 1, createdAt: stamp,
                updatedAt: stamp)
        }
    }

    /// Replaces the identity `id` with `identity` and journals before/after. An identical identity changes
    /// nothing (no new version, no journal entry). Fails with `mergedAway` on a merged-away id.
    public func update(id: String, to identity: Identity, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try change.validate()
        let row = try activeRow(id)
        let before = try identityJSON(row)
        let current = try coder.decodeIdentity(before, row: row)
        if current == identity { return try stored(row) }
        return try savepoint("update identity") { () throws(StoreError) -> StoredIdentity in
            let json = try coder.encode(identity, what: "identity")
            let columns = IdentityColumns(identity, json: json)
            let update = try connection.statement(
                """
                UPDATE identities SET status = ?1, identity = ?2, version = version + 1, updated_at = ?3,
                    birth_name = ?4, first_names = ?5, sex = ?6, birth_date = ?7, birth_place = ?8, used_name = ?9,
                    ins = ?10, ins_oid = ?11, listed = \(Self.listedExtract("?2"))
                WHERE id = ?12
                """, operation: "update identity")
            try update.bind(
                .text(columns.status), .text(json), .real(change.time.timeIntervalSince1970), .text(columns.birthName),
                .text(columns.firstNames), .text(columns.sex), .text(columns.birthDate), .text(columns.birthPlace),
                .text(columns.usedName), .optionalText(columns.ins), .optionalText(columns.insOID), .integer(row))
            try update.run()
            try journal(row, related: nil, .updated, change, before: before, after: json)
            return try stored(row)
        }
    }

    /// The identity `id`, or the survivor it was merged into; nil when no identity has this id.
    public func identity(id: String) throws(StoreError) -> StoredIdentity? {
        guard let row = IdentityID.row(id), try rowExists(row) else { return nil }
        return try stored(try resolve(row))
    }

    /// The identity holding `localID`, or the survivor of the identity that held it; nil when unknown.
    public func identity(localID: LocalIdentifier) throws(StoreError) -> StoredIdentity? {
        guard let owner = try ownerRow(of: localID) else { return nil }
        return try stored(try resolve(owner))
    }

    /// Active identities carrying this INS matricule (any authority), in id order: more than one is a
    /// duplicate to review. Merged-away identities are not listed.
    public func identities(insMatricule: String) throws(StoreError) -> [StoredIdentity] {
        let query = try connection.statement(
            "SELECT id FROM identities WHERE ins = ? AND merged_into IS NULL ORDER BY id",
            operation: "find identities by INS")
        defer { query.reset() }
        try query.bind(.text(insMatricule))
        var rows: [Int64] = []
        while try query.step() { rows.append(query.int64(0)) }
        query.reset()
        var result: [StoredIdentity] = []
        for row in rows { result.append(try stored(row)) }
        return result
    }

    // MARK: - Building blocks

    /// Runs `body` in a savepoint: when it throws, its writes are undone and the enclosing transaction goes on.
    func savepoint<T>(_ operation: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.statement("SAVEPOINT operation", operation: operation).run()
        do {
            let result = try body()
            try connection.statement("RELEASE operation", operation: operation).run()
            return result
        } catch {
            try? connection.execute("ROLLBACK TO operation; RELEASE operation", operation: operation)
            throw error
        }
    }

    func rowExists(_ row: Int64) throws(StoreError) -> Bool {
        let query = try connection.statement("SELECT 1 FROM identities WHERE id = ?", operation: "find identity")
        defer { query.reset() }
        try query.bind(.integer(row))
        return try query.step()
    }

    /// The survivor of `row` (itself when not merged). Chains are kept one hop long by `merge`.
    func resolve(_ row: Int64) throws(StoreError) -> Int64 {
        let query = try connection.statement(
            "SELECT merged_into FROM identities WHERE id = ?", operation: "resolve merged identity")
        defer { query.reset() }
        try query.bind(.integer(row))
        guard try query.step() else { throw .notFound(id: IdentityID.string(row)) }
        return query.isNull(0) ? row : query.int64(0)
    }

    /// The row of an existing, not merged-away identity.
    func activeRow(_ id: String) throws(StoreError) -> Int64 {
        guard let row = IdentityID.row(id), try rowExists(row) else { throw .notFound(id: id) }
        let survivor = try resolve(row)
        guard survivor == row else { throw .mergedAway(id: id, survivor: IdentityID.string(survivor)) }
        return row
    }

    func identityJSON(_ row: Int64) throws(StoreError) -> String {
        let query = try connection.statement("SELECT identity FROM identities WHERE id = ?", operation: "read identity")
        defer { query.reset() }
        try query.bind(.integer(row))
        guard try query.step(), let json = query.text(0) else { throw .notFound(id: IdentityID.string(row)) }
        return json
    }

    /// Every lookup of a local identifier comes through here, so every lookup is validated like a write.
    func ownerRow(of local: LocalIdentifier) throws(StoreError) -> Int64? {
        try local.validate()
        let query = try connection.statement(
            "SELECT identity_id FROM local_identifiers WHERE domain = ? AND value = ?",
            operation: "find local identifier")
        defer { query.reset() }
        try query.bind(.text(local.domain), .text(local.value))
        return try query.step() ? query.int64(0) : nil
    }

    /// Bumps the version and update time of `row` (a change to its identifiers or relations).
    func touch(_ row: Int64, _ change: ChangeContext) throws(StoreError) {
        let update = try connection.statement(
            "UPDATE identities SET version = version + 1, updated_at = ? WHERE id = ?", operation: "touch identity")
        try update.bind(.real(change.time.timeIntervalSince1970), .integer(row))
        try update.run()
    }

    func insertLocalIdentifier(_ local: LocalIdentifier, row: Int64, change: ChangeContext) throws(StoreError) {
        let insert = try connection.statement(
            "INSERT INTO local_identifiers (domain, value, identity_id, added_at) VALUES (?, ?, ?, ?)",
            operation: "bind local identifier")
        try insert.bind(.text(local.domain), .text(local.value), .integer(row), .real(change.time.timeIntervalSince1970))
        try insert.run()
        try journal(
            row, related: nil, .localIdentifierAdded, change, before: nil,
            after: coder.encode(local))
    }

    /// Appends one journal entry.
    func journal(
        _ row: Int64, related: Int64?, _ action: JournalEntry.Action, _ change: ChangeContext,
        before: String?, after: String?
    ) throws(StoreError) {
        let insert = try connection.statement(
            """
            INSERT INTO journal (identity_id, related_id, action, actor, time, reason, message_id, before, after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, operation: "append to journal")
        try insert.bind(
            .integer(row), related.map { .integer($0) } ?? .null, .text(action.rawValue), .text(change.actor),
            .real(change.time.timeIntervalSince1970), .text(change.reason), .optionalText(change.messageID),
            .optionalText(before), .optionalText(after))
        try insert.run()
    }

    /// The full stored identity of `row` (which must exist).
    func stored(_ row: Int64) throws(StoreError) -> StoredIdentity {
        let query = try connection.statement(
            "SELECT identity, version, created_at, updated_at FROM identities WHERE id = ?",
            operation: "read identity")
        try query.bind(.integer(row))
        guard try query.step(), let json = query.text(0) else {
            query.reset()
            throw .notFound(id: IdentityID.string(row))
        }
        let version = query.int(1)
        let created = Date(timeIntervalSince1970: query.double(2))
        let updated = Date(timeIntervalSince1970: query.double(3))
        query.reset()
        return StoredIdentity(
            id: IdentityID.string(row), identity: try coder.decodeIdentity(json, row: row),
            localIDs: try localIdentifiers(
                "SELECT domain, value FROM local_identifiers WHERE identity_id = ? ORDER BY domain, value", row),
            formerLocalIDs: try localIdentifiers(
                """
                SELECT domain, value FROM local_identifiers
                WHERE identity_id IN (SELECT id FROM identities WHERE merged_into = ?) ORDER BY domain, value
                """, row),
            mergedIDs: try ids("SELECT id FROM identities WHERE merged_into = ? ORDER BY id", row),
            linkedIDs: try ids("SELECT b FROM links WHERE a = ?1 UNION SELECT a FROM links WHERE b = ?1 ORDER BY 1", row),
            version: version, createdAt: created, updatedAt: updated)
    }

    private func localIdentifiers(_ sql: String, _ row: Int64) throws(StoreError) -> [LocalIdentifier] {
        let query = try connection.statement(sql, operation: "read local identifiers")
        defer { query.reset() }
        try query.bind(.integer(row))
        var result: [LocalIdentifier] = []
        while try query.step() { result.append(LocalIdentifier(value: query.text(1) ?? "", domain: query.text(0) ?? "")) }
        return result
    }

    func ids(_ sql: String, _ row: Int64) throws(StoreError) -> [String] {
        let query = try connection.statement(sql, operation: "read related identities")
        defer { query.reset() }
        try query.bind(.integer(row))
        var result: [String] = []
        while try query.step() { result.append(IdentityID.string(query.int64(0))) }
        return result
    }
}
