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
    /// The SQL that extracts, from the identity JSON in `json` (a column or a parameter), the values a listed
    /// identity needs beyond the matching columns, as one JSON array. Written here once: schema step 5 and every
    /// create and update store its result in `identities.listed`, which `listedIdentities(ids:)` reads.
    static func listedExtract(_ json: String) -> String {
        """
        json_extract(\(json), '$.traits.firstNames', '$.usedName', '$.usedFirstName', '$.attributes',
            '$.birthDateCorrected', '$.identityMode', '$.insiQueryDate', '$.hasHighTrustDocument.type',
            '$.hasHighTrustDocument.expires')
        """
    }
}

extension StoreTransaction {
    /// The active identities among `ids`, in the order given; an unknown or merged-away id is left out (the
    /// caller asked for these identities, not for their survivors).
    ///
    /// Read from the matching columns plus the values SQLite extracts from the JSON, without decoding the
    /// JSON in Swift (`JSONDecoder` costs more than the rest of a PDQ query). A row whose columns cannot be read
    /// back exactly (an escaped character, an unknown code) falls back to decoding the JSON.
    ///
    /// The JSON values come from one `json_extract` with all their paths (SQLite's parse cache belongs to each call
    /// site: nine calls parsed each row's JSON nine times over), run when the row is written and kept in `listed`.
    public func listedIdentities(ids: [String]) throws(StoreError) -> [ListedIdentity] {
        var result: [ListedIdentity] = []
        result.reserveCapacity(ids.count)
        // The two statements are looked up once, by the address of their text.
        // `listed` holds what `listedExtract` gives, computed when the row was written (schema step 5). A row
        // without it falls back to decoding the JSON, as a row whose columns cannot be read back does.
        let query = try connection.cachedStatement(
            """
            SELECT status, birth_name, sex, birth_date, birth_place, ins, ins_oid, listed
            FROM identities WHERE id = ? AND merged_into IS NULL
            """, operation: "read identity")
        let locals = try connection.cachedStatement(
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
        guard let status = IdentityStatus(rawValue: row.text(0) ?? ""), let sex = Sex(rawValue: row.text(2) ?? ""),
            let birthDate = try? BirthDate(lunar: row.text(3) ?? "")
        else { return nil }
        guard let json = row.withText(7, { ListedJSON($0) }) ?? nil else { return nil }
        let place = row.text(4) ?? ""
        var birthPlace: BirthPlace?
        if !place.isEmpty {
            guard let parsed = try? BirthPlace(place) else { return nil }
            birthPlace = parsed
        }
        var ins: INS?
        if let matricule = row.text(5) {
            guard let authority = INSAuthority(rawValue: row.text(6) ?? ""), let value = try? Matricule(matricule) else { return nil }
            ins = INS(matricule: value, authority: authority)
        }
        var attributes: Set<IdentityAttribute> = []
        for code in json.attributes {
            guard let attribute = IdentityAttribute(rawValue: code) else { return nil }
            attributes.insert(attribute)
        }
        // PAM FR ZFD-5..8 (mode, INSi date, document type and expiry): what a ZFD segment shows. The document's
        // other facts (who checked, when, the special case) are not shown, so not read.
        var document: DocumentCheck?
        if let code = json.documentType {
            guard let type = IdentityDocumentType(rawValue: code) else { return nil }
            document = DocumentCheck(type: type, expires: json.documentExpires)
        }
        return Identity(
            traits: StrictTraits(
                birthName: row.text(1) ?? "", firstNames: json.firstNames, sex: sex, birthDate: birthDate,
                birthPlace: birthPlace),
            usedName: json.usedName, usedFirstName: json.usedFirstName, ins: ins, status: status,
            attributes: attributes, birthDateCorrected: json.birthDateCorrected, hasHighTrustDocument: document,
            identityMode: json.identityMode, insiQueryDate: json.insiQueryDate)
    }
}

/// The JSON array `listedIdentities`' `json_extract` returns: first names, used name, used first name,
/// attributes, corrected-date flag, mode, INSi date, document type, document expiry (null when absent).
///
/// Read by hand rather than with `JSONDecoder` (which costs more than the rest of a PDQ query): the array is
/// SQLite's own rendering, of a fixed shape. Only strings without a backslash are read; anything else (an escaped
/// character, a value of another type) gives nil and the caller decodes the identity's JSON instead, so what this
/// reads is exactly what the decoder would.
struct ListedJSON {
    var firstNames: [String] = []
    var usedName: String?
    var usedFirstName: String?
    var attributes: [String] = []
    var birthDateCorrected = false
    var identityMode: String?
    var insiQueryDate: String?
    var documentType: String?
    var documentExpires: String?

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var reader = Reader(bytes: bytes)
        guard reader.take(UInt8(ascii: "[")) else { return nil }
        // First names and attributes: an array of strings (absent attributes: null, read as none).
        guard let names = reader.strings(), let firstNames = names else { return nil }
        self.firstNames = firstNames
        guard reader.take(UInt8(ascii: ",")), let usedName = reader.optionalString() else { return nil }
        self.usedName = usedName
        guard reader.take(UInt8(ascii: ",")), let usedFirstName = reader.optionalString() else { return nil }
        self.usedFirstName = usedFirstName
        guard reader.take(UInt8(ascii: ",")), let attributes = reader.strings() else { return nil }
        self.attributes = attributes ?? []
        guard reader.take(UInt8(ascii: ",")), let corrected = reader.optionalBool() else { return nil }
        birthDateCorrected = corrected ?? false
        guard reader.take(UInt8(ascii: ",")), let identityMode = reader.optionalString() else { return nil }
        self.identityMode = identityMode
        guard reader.take(UInt8(ascii: ",")), let insiQueryDate = reader.optionalString() else { return nil }
        self.insiQueryDate = insiQueryDate
        guard reader.take(UInt8(ascii: ",")), let documentType = reader.optionalString() else { return nil }
        self.documentType = documentType
        guard reader.take(UInt8(ascii: ",")), let documentExpires = reader.optionalString() else { return nil }
        self.documentExpires = documentExpires
        guard reader.take(UInt8(ascii: "]")), reader.atEnd else { return nil }
    }

    /// A cursor over the array's bytes (SQLite writes it without spaces).
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
            return true
        }

        mutating func takeNull() -> Bool {
            guard bytes.count - offset >= 4, bytes[offset] == UInt8(ascii: "n"), bytes[offset + 1] == UInt8(ascii: "u"),
                bytes[offset + 2] == UInt8(ascii: "l"), bytes[offset + 3] == UInt8(ascii: "l")
            else { return false }
            offset += 4
            return true
        }

        /// A string without escapes; nil otherwise.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = offset
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                    offset += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                offset += 1
            }
            return nil
        }

        /// `.some(nil)` for null, `.some(text)` for a string, nil for anything else.
        mutating func optionalString() -> String?? {
            if takeNull() { return .some(nil) }
            guard let text = string() else { return nil }
            return .some(text)
        }

        /// `.some(nil)` for null, `.some(value)` for true or false, nil for anything else.
        mutating func optionalBool() -> Bool?? {
            if takeNull() { return .some(nil) }
            let rest = bytes.count - offset
            if rest >= 4, bytes[offset] == UInt8(ascii: "t"), bytes[offset + 1] == UInt8(ascii: "r"),
                bytes[offset + 2] == UInt8(ascii: "u"), bytes[offset + 3] == UInt8(ascii: "e") {
                offset += 4
                return .some(true)
            }
            if rest >= 5, bytes[offset] == UInt8(ascii: "f"), bytes[offset + 1] == UInt8(ascii: "a"),
                bytes[offset + 2] == UInt8(ascii: "l"), bytes[offset + 3] == UInt8(ascii: "s"), bytes[offset + 4] == UInt8(ascii: "e") {
                offset += 5
                return .some(false)
            }
            return nil
        }

        /// `.some(nil)` for null, `.some(strings)` for an array of strings, nil for anything else.
        mutating func strings() -> [String]?? {
            if takeNull() { return .some(nil) }
            guard take(UInt8(ascii: "[")) else { return nil }
            var values: [String] = []
            if take(UInt8(ascii: "]")) { return .some(values) }
            while true {
                guard let value = string() else { return nil }
                values.append(value)
                if take(UInt8(ascii: "]")) { return .some(values) }
                guard take(UInt8(ascii: ",")) else { return nil }
            }
        }
    }
}
