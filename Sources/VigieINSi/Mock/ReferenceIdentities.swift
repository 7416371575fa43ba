internal import CINSiResources
import Foundation
import VigieIdentity
import VigieText

/// One identity the mock teleservice knows: its traits in INS form and its INS with history.
public struct ReferenceIdentity: Sendable, Hashable {
    /// Birth name, INS form.
    public var birthName: String
    /// Birth first names, INS form, in order.
    public var firstNames: [String]
    /// `M` or `F`.
    public var sex: String
    /// `YYYY-MM-DD`.
    public var birthDate: String
    /// COG code (5 characters), or empty when unknown.
    public var birthPlace: String
    /// The active INS.
    public var active: INSRecord
    /// `INSHISTO` entries.
    public var history: [INSRecord]
    /// Whether the answer carries `TIQ/Prenom` besides `ListePrenom` (some captured answers do).
    public var returnsFirstName: Bool

    /// Creates a reference identity.
    public init(
        birthName: String, firstNames: [String], sex: String, birthDate: String, birthPlace: String,
        active: INSRecord, history: [INSRecord] = [], returnsFirstName: Bool = false
    ) {
        self.birthName = birthName
        self.firstNames = firstNames
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.active = active
        self.history = history
        self.returnsFirstName = returnsFirstName
    }

    /// The `INDIVIDU` the service returns for this identity.
    public var individual: INSiIndividual {
        INSiIndividual(
            active: active, history: history,
            traits: ReturnedTraits(
                birthName: birthName, firstName: returnsFirstName ? firstNames.first : nil,
                firstNames: firstNames.joined(separator: " "), sex: sex, birthDate: birthDate,
                birthPlace: birthPlace.isEmpty ? nil : birthPlace))
    }
}

/// Why a reference-identity file cannot be used. Lines are 1-based; no trait value is quoted.
public enum ReferenceIdentitiesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(path: String)
    /// A required column is missing from the header.
    case missingColumn(String)
    /// A row's field is invalid.
    case invalidField(line: Int, column: String)
    /// The CSV itself is malformed at this line.
    case malformedRow(line: Int)

    public var description: String {
        switch self {
        case .unreadable(let p): return "reference identities: cannot read \(p)"
        case .missingColumn(let c): return "reference identities: the header has no column '\(c)'"
        case .invalidField(let l, let c): return "reference identities: line \(l): invalid \(c)"
        case .malformedRow(let l): return "reference identities: line \(l): malformed CSV row"
        }
    }
}

/// The identities the mock teleservice searches, indexed by birth name and birth date.
public struct ReferenceIdentities: Sendable {
    /// All identities, in file order.
    public private(set) var identities: [ReferenceIdentity]
    private var index: [String: [Int]] = [:]

    /// Creates a base from identities (their traits must already be in INS form).
    public init(_ identities: [ReferenceIdentity]) {
        self.identities = []
        for identity in identities { append(identity) }
    }

    /// Adds an identity.
    public mutating func append(_ identity: ReferenceIdentity) {
        index[Self.key(identity.birthName, identity.birthDate), default: []].append(identities.count)
        identities.append(identity)
    }

    /// Adds all identities of another base.
    public mutating func append(contentsOf other: ReferenceIdentities) {
        for identity in other.identities { append(identity) }
    }

    static func key(_ birthName: String, _ birthDate: String) -> String { birthName + "|" + birthDate }

    /// Identities with this birth name and birth date (INS form), the only traits compared exactly
    /// before the first names, sex and place.
    public func candidates(birthName: String, birthDate: String) -> [ReferenceIdentity] {
        (index[Self.key(birthName, birthDate)] ?? []).map { identities[$0] }
    }

    /// The identity whose active INS has this number (for the verification operation).
    public func identity(insNumber: String) -> ReferenceIdentity? {
        identities.first { $0.active.number == insNumber }
    }

    /// The public CNDA test identities, with their expected answers (`Resources/cnda-identities.csv`, compiled
    /// into the binary by `CINSiResources`; each row names its source).
    public static func cnda() -> ReferenceIdentities {
        var length = 0
        guard let bytes = vigie_cnda_identities(&length), length > 0 else {
            preconditionFailure("cnda-identities.csv is not compiled into this binary")
        }
        do { return try parse(bytes: Array(UnsafeBufferPointer(start: bytes, count: length))) } catch {
            preconditionFailure("embedded cnda-identities.csv: \(error)")
        }
    }

    /// Loads a reference file: either Vigie's format (columns `birth_name, first_names, sex, birth_date,
    /// birth_place, ins, oid`, optional `ins_history` = `MATRICULE15@OID[@DEB@FIN]` separated by `;`,
    /// `returns_prenom`), or a batch `records.csv` (contract columns, see DESIGN.md), in which case every
    /// record with an `ins` is a reference identity (OID NIR), once per matricule.
    public static func load(contentsOf path: String) throws(ReferenceIdentitiesError) -> ReferenceIdentities {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try load(corpusDirectory: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(bytes: [UInt8](data))
    }

    /// Loads the population of a `vigie corpus generate` output directory: `records.csv`, `truth.csv`
    /// (`id,person_id`) and, when present, `errors.csv` (`id,errors`). Each person's reference identity is
    /// their first record that carries an `ins` and no error (a copy of their qualified identity); persons
    /// without one are not in the base (INSi then answers `01` for them).
    public static func load(corpusDirectory directory: String) throws(ReferenceIdentitiesError) -> ReferenceIdentities {
        func rows(_ name: String) throws(ReferenceIdentitiesError) -> [CSVRow] {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
            let (rows, errors) = BatchCSV.parseRows(bytes: [UInt8](data))
            if let first = errors.first { throw .malformedRow(line: first.line) }
            return rows
        }
        var person: [String: String] = [:]
        for row in try rows("truth.csv").dropFirst() where row.fields.count >= 2 { person[row.fields[0]] = row.fields[1] }
        var hasErrors = Set<String>()
        if FileManager.default.fileExists(atPath: directory + "/errors.csv") {
            for row in try rows("errors.csv").dropFirst() where row.fields.count >= 2 && !row.fields[1].isEmpty { hasErrors.insert(row.fields[0]) }
        }
        guard let data = FileManager.default.contents(atPath: directory + "/records.csv") else { throw .unreadable(path: directory + "/records.csv") }
        let read: (records: [RawRecord], errors: [BatchCSVRowError])
        do { read = try BatchCSV.read(bytes: [UInt8](data)) } catch { throw .missingColumn("id") }
        var chosen = Set<String>()
        var base = ReferenceIdentities([])
        for record in read.records where !record.ins.isEmpty && !hasErrors.contains(record.id) {
            guard let who = person[record.id], chosen.insert(who).inserted else { continue }
            base.append(try identity(
                line: record.line, birthName: record.birthName, firstNames: record.firstNames, sex: record.sex,
                birthDate: record.birthDate, birthPlace: record.birthPlace, ins: record.ins, oid: INSAuthority.nir.rawValue))
        }
        return base
    }

    /// A reference identity from raw values, normalised to INS form; errors name the column.
    public static func identity(
        line: Int, birthName: String, firstNames: String, sex: String, birthDate: String, birthPlace: String, ins: String, oid: String,
        history: [INSRecord] = [], returnsFirstName: Bool = false
    ) throws(ReferenceIdentitiesError) -> ReferenceIdentity {
        guard let name = try? INSForm.normalise(birthName) else { throw .invalidField(line: line, column: "birth_name") }
        guard let names = try? FirstNames(firstNames).names, !names.isEmpty else { throw .invalidField(line: line, column: "first_names") }
        guard sex == "M" || sex == "F" else { throw .invalidField(line: line, column: "sex") }
        guard TraitSyntax.isDate(birthDate) else { throw .invalidField(line: line, column: "birth_date") }
        guard birthPlace.isEmpty || TraitSyntax.isCOG(birthPlace) else { throw .invalidField(line: line, column: "birth_place") }
        guard let active = record(ins, oid: oid) else { throw .invalidField(line: line, column: "ins") }
        return ReferenceIdentity(
            birthName: name, firstNames: names, sex: sex, birthDate: birthDate, birthPlace: birthPlace, active: active, history: history,
            returnsFirstName: returnsFirstName)
    }

    /// Parses the bytes of a reference file (see ``load(contentsOf:)``).
    public static func parse(bytes: [UInt8]) throws(ReferenceIdentitiesError) -> ReferenceIdentities {
        let (rows, errors) = BatchCSV.parseRows(bytes: bytes)
        if let first = errors.first { throw .malformedRow(line: first.line) }
        guard let header = rows.first else { throw .missingColumn("birth_name") }
        var column: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() where column[name] == nil { column[name] = i }
        for required in ["birth_name", "first_names", "sex", "birth_date", "birth_place", "ins"] where column[required] == nil {
            throw .missingColumn(required)
        }
        let isBatch = column["oid"] == nil
        var base = ReferenceIdentities([])
        var seen = Set<String>()
        for row in rows.dropFirst() {
            func field(_ name: String) -> String {
                guard let i = column[name], i < row.fields.count else { return "" }
                return row.fields[i]
            }
            let ins = field("ins")
            if isBatch && ins.isEmpty { continue }
            if isBatch && !seen.insert(ins).inserted { continue }
            var history: [INSRecord] = []
            for entry in field("ins_history").split(separator: ";") {
                let parts = entry.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 || parts.count == 4, var r = record(parts[0], oid: parts[1]) else {
                    throw .invalidField(line: row.line, column: "ins_history")
                }
                if parts.count == 4 { r.start = parts[2]; r.end = parts[3] }
                history.append(r)
            }
            base.append(
                try identity(
                    line: row.line, birthName: field("birth_name"), firstNames: field("first_names"), sex: field("sex"),
                    birthDate: field("birth_date"), birthPlace: field("birth_place"), ins: ins,
                    oid: isBatch ? INSAuthority.nir.rawValue : field("oid"), history: history, returnsFirstName: field("returns_prenom") == "yes"))
        }
        return base
    }

    /// A wire INS record from 15 characters (13 + key) and an OID; the key is not checked on purpose
    /// (the CNDA's TEST_2.08 cas 2 returns keys that fail mod 97).
    static func record(_ matricule: String, oid: String) -> INSRecord? {
        let u = Array(matricule.utf8)
        guard u.count == 15, TraitSyntax.isINSNumber(String(decoding: u[0..<13], as: UTF8.self)),
            u[13...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !oid.isEmpty
        else { return nil }
        return INSRecord(number: String(decoding: u[0..<13], as: UTF8.self), key: String(decoding: u[13...], as: UTF8.self), oid: oid)
    }
}
