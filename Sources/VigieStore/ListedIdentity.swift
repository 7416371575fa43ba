import VigieIdentity

/// An active identity as a list of candidates shows it: the identity and its local identifiers, without the
/// merges, links and versions of a `StoredIdentity`. What a PDQ answer needs, read in fewer steps.
public struct ListedIdentity: Sendable, Hashable {
    /// The RI id (`V…`).
    public var id: String
    /// The identity.
    public var identity: Identity
    /// The local identifiers bound to it, sorted.
    public var localIDs: [LocalIdentifier]

    /// Creates a listed identity (the store builds these; public for tests and callers' fakes).
    public init(id: String, identity: Identity, localIDs: [LocalIdentifier]) {
        self.id = id
        self.identity = identity
        self.localIDs = localIDs
    }
}

extension StoreTransaction {
    /// The active identities among `ids`, in the order given; an unknown or merged-away id is left out (the
    /// caller asked for these identities, not for their survivors). Two statements per identity.
    public func listedIdentities(ids: [String]) throws(StoreError) -> [ListedIdentity] {
        var result: [ListedIdentity] = []
        result.reserveCapacity(ids.count)
        for id in ids {
            guard let row = IdentityID.row(id) else { continue }
            let query = try connection.statement(
                "SELECT identity FROM identities WHERE id = ? AND merged_into IS NULL", operation: "read identity")
            try query.bind(.integer(row))
            guard try query.step(), let json = query.text(0) else {
                query.reset()
                continue
            }
            query.reset()
            let identity = try coder.decodeIdentity(json, row: row)
            let locals = try connection.statement(
                "SELECT domain, value FROM local_identifiers WHERE identity_id = ? ORDER BY domain, value",
                operation: "read local identifiers")
            defer { locals.reset() }
            try locals.bind(.integer(row))
            var localIDs: [LocalIdentifier] = []
            while try locals.step() { localIDs.append(LocalIdentifier(value: locals.text(1) ?? "", domain: locals.text(0) ?? "")) }
            result.append(ListedIdentity(id: id, identity: identity, localIDs: localIDs))
        }
        return result
    }
}
