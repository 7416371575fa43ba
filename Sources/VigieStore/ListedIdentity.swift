import VigieIdentity

/// An active identity as a list of candidates shows it (a PDQ answer's PID): its RI id, its local identifiers,
/// and an `identity` carrying what a PID shows — strict traits, used name and first name, INS, status,
/// attributes, corrected-date flag, and PAM FR ZFD-5..8 (mode, INSi date, document type and expiry). Its INS history,
/// the rest of its document check and its INSi flag are not read (left at their defaults): use `identity(id:)` for the whole identity.
/// The outbox (`OutboxChange`) keeps identities in this form too, taken whole when the change was committed, with the
/// share policy applied.
public struct ListedIdentity: Sendable, Hashable, Codable {
    /// The RI id (`V…`).
    public var id: String
    /// What a PID shows of the identity (see the type's description).
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
    /// caller asked for these identities, not for their survivors).
    ///
    /// Read from the matching columns plus the values SQLite extracts from the JSON, without decoding the
    /// JSON in Swift (`JSONDecoder` costs more than the rest of a PDQ query). A row whose columns cannot be read
    /// back exactly (a first name holding a space, an unknown code) falls back to decoding the JSON.
    public func listedIdentities(ids: [String]) throws(StoreError) -> [ListedIdentity] {
        var result: [ListedIdentity] = []
        result.reserveCapacity(ids.count)
        // The two statements are looked up once: the cache is keyed by the SQL text, hashed at every lookup.
        let query = try connection.statement(
            """
            SELECT status, birth_name, first_names, sex, birth_date, birth_place, json_extract(identity, '$.usedName'),
                ins, ins_oid,
                json_extract(identity, '$.usedFirstName'),
                (SELECT group_concat(value, ' ') FROM json_each(identity, '$.attributes')),
                json_extract(identity, '$.birthDateCorrected'),
                json_array_length(identity, '$.traits.firstNames'),
                json_extract(identity, '$.identityMode'), json_extract(identity, '$.insiQueryDate'),
                json_extract(identity, '$.hasHighTrustDocument.type'), json_extract(identity, '$.hasHighTrustDocument.expires')
            FROM identities WHERE id = ? AND merged_into IS NULL
            """, operation: "read identity")
        let locals = try connection.statement(
            "SELECT domain, value FROM local_identifiers WHERE identity_id = ? ORDER BY domain, value",
            operation: "read local identifiers")
        for id in ids {
            guard let row = IdentityID.row(id) else { continue }
            try query.bind(.integer(row))
            guard try query.step() else {
                query.reset()
                continue
            }
            let fromColumns = Self.listedIdentity(query)
            query.reset()
            let identity: Identity
            if let fromColumns {
                identity = fromColumns
            } else {
                identity = try coder.decodeIdentity(try identityJSON(row), row: row)
            }
            try locals.bind(.integer(row))
            var localIDs: [LocalIdentifier] = []
            do {
                defer { locals.reset() }
                while try locals.step() { localIDs.append(LocalIdentifier(value: locals.text(1) ?? "", domain: locals.text(0) ?? "")) }
            }
            result.append(ListedIdentity(id: id, identity: identity, localIDs: localIDs))
        }
        return result
    }

    /// The identity a `listedIdentities` row describes, or nil when the columns do not give it back exactly.
    private static func listedIdentity(_ row: SQLiteStatement) -> Identity? {
        guard let status = IdentityStatus(rawValue: row.text(0) ?? ""), let sex = Sex(rawValue: row.text(3) ?? ""),
            let birthDate = try? BirthDate(lunar: row.text(4) ?? "")
        else { return nil }
        // The column joins the first names with spaces: exact only when no first name holds one.
        let firstNames = (row.text(2) ?? "").split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard !row.isNull(12), row.int(12) == firstNames.count || (row.int(12) == 0 && firstNames == [""]) else { return nil }
        let place = row.text(5) ?? ""
        var birthPlace: BirthPlace?
        if !place.isEmpty {
            guard let parsed = try? BirthPlace(place) else { return nil }
            birthPlace = parsed
        }
        var ins: INS?
        if let matricule = row.text(7) {
            guard let authority = INSAuthority(rawValue: row.text(8) ?? ""), let value = try? Matricule(matricule) else { return nil }
            ins = INS(matricule: value, authority: authority)
        }
        var attributes: Set<IdentityAttribute> = []
        for code in (row.text(10) ?? "").split(separator: " ") {
            guard let attribute = IdentityAttribute(rawValue: String(code)) else { return nil }
            attributes.insert(attribute)
        }
        // PAM FR ZFD-5..8 (mode, INSi date, document type and expiry): what a ZFD segment shows. The document's
        // other facts (who checked, when, the special case) are not shown, so not read.
        var document: DocumentCheck?
        if let code = row.text(15) {
            guard let type = IdentityDocumentType(rawValue: code) else { return nil }
            document = DocumentCheck(type: type, expires: row.text(16))
        }
        return Identity(
            traits: StrictTraits(
                birthName: row.text(1) ?? "", firstNames: row.int(12) == 0 ? [] : firstNames, sex: sex,
                birthDate: birthDate, birthPlace: birthPlace),
            usedName: row.text(6), usedFirstName: row.text(9), ins: ins, status: status,
            attributes: attributes, birthDateCorrected: !row.isNull(11) && row.int(11) != 0, hasHighTrustDocument: document,
            identityMode: row.text(13), insiQueryDate: row.text(14))
    }
}
