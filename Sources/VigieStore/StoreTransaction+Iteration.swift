import Foundation
import VigieIdentity

extension StoreTransaction {
    /// Calls `body` with every active (not merged-away) identity, in id order.
    ///
    /// Decodes each identity's JSON; to build a matching index, `forEachMatchingRecord` is several times
    /// faster. Identifiers come from one ordered scan joined in step, relations from one query each.
    public func forEachIdentity(_ body: (StoredIdentity) throws -> Void) throws {
        // Relations are few compared with identities: load them once.
        var merged: [Int64: [Int64]] = [:]
        var survivorOf: [Int64: Int64] = [:]
        let mergedQuery = try connection.statement(
            "SELECT id, merged_into FROM identities WHERE merged_into IS NOT NULL ORDER BY id",
            operation: "read merges")
        while try mergedQuery.step() {
            merged[mergedQuery.int64(1), default: []].append(mergedQuery.int64(0))
            survivorOf[mergedQuery.int64(0)] = mergedQuery.int64(1)
        }
        mergedQuery.reset()
        var links: [Int64: [Int64]] = [:]
        let linkQuery = try connection.statement("SELECT a, b FROM links", operation: "read links")
        while try linkQuery.step() {
            links[linkQuery.int64(0), default: []].append(linkQuery.int64(1))
            links[linkQuery.int64(1), default: []].append(linkQuery.int64(0))
        }
        linkQuery.reset()
        var former: [Int64: [LocalIdentifier]] = [:]

        let locals = try connection.statement(
            "SELECT identity_id, domain, value FROM local_identifiers ORDER BY identity_id, domain, value",
            operation: "read local identifiers")
        defer { locals.reset() }
        var localsPending = try locals.step()
        // Local identifiers of merged-away identities belong to their survivors' `formerLocalIDs`; read
        // them ahead only when there are merges.
        if !survivorOf.isEmpty {
            let formerQuery = try connection.statement(
                """
                SELECT i.merged_into, l.domain, l.value FROM local_identifiers l JOIN identities i ON i.id = l.identity_id
                WHERE i.merged_into IS NOT NULL ORDER BY l.domain, l.value
                """, operation: "read local identifiers")
            while try formerQuery.step() {
                former[formerQuery.int64(0), default: []].append(
                    LocalIdentifier(value: formerQuery.text(2) ?? "", domain: formerQuery.text(1) ?? ""))
            }
            formerQuery.reset()
        }

        let rows = try connection.statement(
            "SELECT id, identity, version, created_at, updated_at FROM identities WHERE merged_into IS NULL ORDER BY id",
            operation: "read identities")
        defer { rows.reset() }
        while try rows.step() {
            let row = rows.int64(0)
            var localIDs: [LocalIdentifier] = []
            while localsPending, locals.int64(0) <= row {
                if locals.int64(0) == row {
                    localIDs.append(LocalIdentifier(value: locals.text(2) ?? "", domain: locals.text(1) ?? ""))
                }
                localsPending = try locals.step()
            }
            guard let json = rows.text(1) else { throw StoreError.corrupt(reason: "identity \(IdentityID.string(row)) has no data") }
            let stored = StoredIdentity(
                id: IdentityID.string(row), identity: try coder.decodeIdentity(json, row: row), localIDs: localIDs,
                formerLocalIDs: former[row] ?? [], mergedIDs: (merged[row] ?? []).map(IdentityID.string),
                linkedIDs: (links[row] ?? []).sorted().map(IdentityID.string), version: rows.int(2),
                createdAt: Date(timeIntervalSince1970: rows.double(3)), updatedAt: Date(timeIntervalSince1970: rows.double(4)))
            try body(stored)
        }
    }

    /// Calls `body` with the matching fields of every active identity, in id order, as a `RawRecord` whose
    /// `id` is the RI id: what the worker's live index needs at start, read from columns without decoding
    /// any JSON. `firstNames` are space-separated, `birthDate` is `YYYY-MM-DD` (`00` when unknown), `sex`
    /// is `M`/`F`/`U`, `birthPlace`, `usedName` and `ins` (the matricule) are empty when absent.
    ///
    /// `includingMerged`: also the identities merged into another (their traits as they were when merged), which
    /// training from the cell's decisions needs: a `merged` review names the identity merged away.
    public func forEachMatchingRecord(includingMerged: Bool = false, _ body: (RawRecord) throws -> Void) throws {
        let rows = try connection.statement(
            includingMerged
                ? """
                SELECT id, birth_name, first_names, sex, birth_date, birth_place, used_name, ins
                FROM identities ORDER BY id
                """
                : """
                SELECT id, birth_name, first_names, sex, birth_date, birth_place, used_name, ins
                FROM identities WHERE merged_into IS NULL ORDER BY id
                """, operation: "read matching fields")
        defer { rows.reset() }
        while try rows.step() {
            try body(
                RawRecord(
                    id: IdentityID.string(rows.int64(0)), birthName: rows.text(1) ?? "", firstNames: rows.text(2) ?? "",
                    sex: rows.text(3) ?? "", birthDate: rows.text(4) ?? "", birthPlace: rows.text(5) ?? "",
                    usedName: rows.text(6) ?? "", ins: rows.text(7) ?? ""))
        }
    }
}
