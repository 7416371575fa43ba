extension StoreTransaction {
    /// Binds one more local identifier to the identity `id` (HL7 A31/A47: a new identifier). Binding an
    /// identifier the identity already holds changes nothing. Fails with `localIdentifierTaken` when another
    /// identity holds it.
    public func addLocalIdentifier(
        _ localID: LocalIdentifier, to id: String, change: ChangeContext
    ) throws(StoreError) -> StoredIdentity {
        try change.validate()
        try localID.validate()
        let row = try activeRow(id)
        if let owner = try ownerRow(of: localID) {
            if owner == row { return try stored(row) }
            throw .localIdentifierTaken(localID, owner: IdentityID.string(try resolve(owner)))
        }
        let count = try connection.statement(
            "SELECT count(*) FROM local_identifiers WHERE identity_id = ?", operation: "count local identifiers")
        defer { count.reset() }
        try count.bind(.integer(row))
        if try count.step(), count.int(0) >= LocalIdentifier.maximumPerIdentity { throw .tooManyLocalIdentifiers }
        count.reset()
        return try savepoint("bind local identifier") { () throws(StoreError) -> StoredIdentity in
            try insertLocalIdentifier(localID, row: row, change: change)
            try touch(row, change)
            return try stored(row)
        }
    }

    /// Unbinds a local identifier (HL7 A47: an obsolete identifier in MRG-1) and returns the identity that
    /// held it (resolved to its survivor). The identifier may then be bound again, e.g. to correct an error.
    public func removeLocalIdentifier(_ localID: LocalIdentifier, change: ChangeContext) throws(StoreError) -> StoredIdentity {
        try change.validate()
        guard let owner = try ownerRow(of: localID) else { throw .localIdentifierNotFound(localID) }
        return try savepoint("unbind local identifier") { () throws(StoreError) -> StoredIdentity in
            let delete = try connection.statement(
                "DELETE FROM local_identifiers WHERE domain = ? AND value = ?", operation: "unbind local identifier")
            try delete.bind(.text(localID.domain), .text(localID.value))
            try delete.run()
            try touch(owner, change)
            try journal(
                owner, related: nil, .localIdentifierRemoved, change,
                before: coder.encode(localID), after: nil)
            return try stored(try resolve(owner))
        }
    }
}
