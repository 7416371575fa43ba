import VigieIdentity
import VigieText

/// A record ready for matching: every field normalised and keyed once (INS form, compact form, phonetic key,
/// first-name list, date parts, place code and its current COG code, INS), stored as hashes and short byte
/// strings so that comparing two records never touches a `String`.
///
/// An empty field is *missing* (it neither supports nor contradicts a match). A field that is present but
/// malformed (a digit in a name, an impossible date, a wrong INS key...) makes the whole record invalid:
/// ``init(_:)`` throws a ``RecordError`` naming the field and the line, never the value.
public struct PreparedRecord: Sendable {
    /// The record's identifier (safe to log).
    public let id: String
    /// 1-based line of the record in its file, 0 when it did not come from a file.
    public let line: Int

    var birthName: PreparedName?
    var usedName: PreparedName?
    var firstNames: PreparedFirstNames?
    var birthDate: PreparedDate?
    var birthPlace: PreparedPlace?
    var sex: Sex
    /// Hash of the 15-character INS matricule; 0 when absent.
    var ins: UInt64

    /// Normalises and keys a raw batch record.
    public init(_ raw: RawRecord) throws(RecordError) {
        var cache = PreparationCache()
        try self.init(raw, cache: &cache)
    }

    /// Normalises and keys a raw record, reusing the keys of values already seen (names repeat a lot).
    init(_ raw: RawRecord, cache: inout PreparationCache) throws(RecordError) {
        id = raw.id
        line = raw.line
        func fail(_ field: RecordError.Field, _ reason: String) -> RecordError {
            RecordError(id: raw.id, line: raw.line, field: field, reason: reason)
        }
        do {
            birthName = try cache.name(raw.birthName)
        } catch {
            throw fail(.birthName, error.description)
        }
        do {
            usedName = try cache.name(raw.usedName)
        } catch {
            throw fail(.usedName, error.description)
        }
        do {
            firstNames = try cache.firstNames(raw.firstNames)
        } catch {
            throw fail(.firstNames, error.description)
        }
        do {
            birthDate = try PreparedDate(raw.birthDate)
        } catch {
            throw fail(.birthDate, error.description)
        }
        do {
            birthPlace = try cache.place(raw.birthPlace)
        } catch {
            throw fail(.birthPlace, error.description)
        }
        sex = Sex(code: raw.sex.trimmed)
        let insText = raw.ins.trimmed
        if insText.isEmpty {
            ins = 0
        } else {
            do {
                let matricule = try Matricule(insText)
                ins = FieldHash.string(matricule.value)
            } catch {
                throw fail(.ins, error.description)
            }
        }
    }

    /// True when the record carries an INS.
    public var hasINS: Bool { ins != 0 }

    /// Prepares a batch on `threads` threads, in input order; records that cannot be prepared come back as
    /// errors (field and line), in input order too.
    public static func prepare(_ raws: [RawRecord], threads: Int = 2) -> (records: [PreparedRecord], errors: [RecordError]) {
        let parts = parallelChunks(count: raws.count, chunks: max(1, threads)) { range in
            var cache = PreparationCache()
            var ok: [PreparedRecord] = []
            var bad: [RecordError] = []
            ok.reserveCapacity(range.count)
            for i in range {
                do throws(RecordError) {
                    ok.append(try PreparedRecord(raws[i], cache: &cache))
                } catch {
                    bad.append(error)
                }
            }
            return (ok, bad)
        }
        return (parts.flatMap(\.0), parts.flatMap(\.1))
    }
}

/// Keys already computed for a value (successes only: a malformed value is re-examined to report it).
struct PreparationCache {
    var names: [String: PreparedName] = [:]
    var firstNames: [String: PreparedFirstNames] = [:]
    var places: [String: PreparedPlace] = [:]

    mutating func name(_ text: String) throws(TraitTextError) -> PreparedName? {
        if text.isEmpty { return nil }
        if let n = names[text] { return n }
        let n = try PreparedName(text)
        if let n, names.count < 1_000_000 { names[text] = n }
        return n
    }

    mutating func firstNames(_ text: String) throws(TraitTextError) -> PreparedFirstNames? {
        if text.isEmpty { return nil }
        if let f = firstNames[text] { return f }
        let f = try PreparedFirstNames(text)
        if let f, firstNames.count < 1_000_000 { firstNames[text] = f }
        return f
    }

    mutating func place(_ text: String) throws(BirthPlaceError) -> PreparedPlace? {
        if text.isEmpty { return nil }
        if let p = places[text] { return p }
        let p = try PreparedPlace(text)
        if let p { places[text] = p }
        return p
    }
}

/// Why a record cannot be prepared. Names the field and the line (and the record id), never the value.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The batch-contract column at fault.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case birthName = "birth_name"
        case firstNames = "first_names"
        case birthDate = "birth_date"
        case birthPlace = "birth_place"
        case usedName = "used_name"
        case ins
    }
    /// The record's id (safe to log).
    public var id: String
    /// 1-based line in the file, 0 when unknown.
    public var line: Int
    /// The field that could not be read.
    public var field: Field
    /// What is wrong with it (the underlying layer's error, which names positions, not values).
    public var reason: String

    public var description: String {
        let at = line > 0 ? "line \(line) (record \(id))" : "record \(id)"
        return "\(at): field '\(field.rawValue)': \(reason)"
    }
}

extension String {
    var trimmed: Substring {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}

/// A name (birth or used) keyed for comparison.
struct PreparedName: Sendable {
    /// Hash of the INS form of the main part.
    var full: UInt64
    /// Hash of the compact form (no separators, no particles): "DE LA FONTAINE" and "DELAFONTAINE" differ, but
    /// "LE-GALL" and "LE GALL" agree.
    var compact: UInt64
    /// Compact form bytes (for Jaro–Winkler).
    var compactBytes: [UInt8]
    /// Hash of the phonetic key of the compact form.
    var phonetic: UInt64
    /// Hashes of the non-particle tokens of three letters or more (one part of a compound name).
    var tokens: [UInt64]
    /// Hashes of the compact forms of names split off by markers (EP, NEE, VVE...) or parentheses.
    var alternates: [UInt64]
    /// First letter of the compact form (for the blocking pass on birth date).
    var initial: UInt8

    /// Nil for an empty or blank field.
    init?(_ text: String) throws(TraitTextError) {
        if text.trimmed.isEmpty { return nil }
        let form = try NameForm(text)
        full = FieldHash.string(form.insForm)
        var bytes = form.compact
        if bytes.isEmpty {
            // A name made only of particles ("LE", "DE LA") keeps them: they are the name.
            bytes = Array(form.insForm.utf8.filter { $0 >= 65 && $0 <= 90 })
        }
        compactBytes = bytes
        compact = FieldHash.bytes(bytes)
        phonetic = FieldHash.string(FrenchPhonetic.blockingKey(String(decoding: bytes, as: UTF8.self)))
        var tokens: [UInt64] = []
        for token in form.tokens where !token.isParticle && token.text.utf8.count >= 3 {
            tokens.append(FieldHash.string(token.text))
        }
        self.tokens = tokens.count > 1 ? tokens : []
        var alternates: [UInt64] = []
        for other in form.alternateNames {
            let bytes = Array(other.utf8.filter { $0 >= 65 && $0 <= 90 })
            if !bytes.isEmpty { alternates.append(FieldHash.bytes(bytes)) }
        }
        self.alternates = alternates
        initial = bytes.first ?? 0
    }
}

/// The ordered list of birth first names, keyed for comparison.
struct PreparedFirstNames: Sendable {
    /// Hash of each first name (INS form, a compound keeps its hyphen).
    var names: [UInt64]
    /// Hash of each hyphen component of every first name ("ANNE-MARIE" gives ANNE and MARIE).
    var components: [UInt64]
    /// Hashes of the hyphen components of the first first name (empty when it is not a compound).
    var firstComponents: [UInt64]
    /// The first first name has no hyphen.
    var firstIsSimple: Bool { firstComponents.isEmpty }
    /// Hash of the first first name without separators ("JEAN-PIERRE" → "JEANPIERRE").
    var firstCompact: UInt64
    /// Hash of the first two first names glued ("JEAN PIERRE" → "JEANPIERRE"); 0 with a single name.
    var firstTwoCompact: UInt64
    /// Hash of all first names glued.
    var allCompact: UInt64
    /// Bytes of the first first name without separators (for Jaro–Winkler).
    var firstBytes: [UInt8]
    /// Hash of the phonetic key of the first first name.
    var firstPhonetic: UInt64

    init?(_ text: String) throws(TraitTextError) {
        if text.trimmed.isEmpty { return nil }
        let list = try FirstNames(text).names
        guard !list.isEmpty else { return nil }
        names = list.map { FieldHash.string($0) }
        var components: [UInt64] = []
        var glued: [[UInt8]] = []
        var firstComponents: [UInt64] = []
        for (n, name) in list.enumerated() {
            let before = components.count
            var current: [UInt8] = []
            var whole: [UInt8] = []
            for b in name.utf8 {
                if b >= 65 && b <= 90 {
                    current.append(b)
                    whole.append(b)
                } else if !current.isEmpty {
                    components.append(FieldHash.bytes(current))
                    current.removeAll(keepingCapacity: true)
                }
            }
            if !current.isEmpty { components.append(FieldHash.bytes(current)) }
            glued.append(whole)
            if n == 0 && components.count - before > 1 { firstComponents = Array(components[before...]) }
        }
        self.components = components
        self.firstComponents = firstComponents
        firstBytes = glued[0]
        firstCompact = FieldHash.bytes(glued[0])
        firstTwoCompact = glued.count > 1 ? FieldHash.bytes(glued[0] + glued[1]) : 0
        allCompact = FieldHash.bytes(glued.joined())
        firstPhonetic = FieldHash.string(FrenchPhonetic.blockingKey(String(decoding: glued[0], as: UTF8.self)))
    }
}

/// Birth date parts; 0 is an unknown month or day.
struct PreparedDate: Sendable, Hashable {
    var year: UInt16
    var month: UInt8
    var day: UInt8

    init(year: Int, month: Int, day: Int) {
        self.year = UInt16(clamping: year)
        self.month = UInt8(clamping: month)
        self.day = UInt8(clamping: day)
    }

    init?(_ text: String) throws(BirthDateError) {
        let t = text.trimmed
        if t.isEmpty { return nil }
        // An INSi "date lunaire" (a month or day that does not exist) is a real identity's date: keep it.
        let date = try BirthDate(lunar: t)
        self.init(year: date.year, month: date.month, day: date.day)
    }

    var isComplete: Bool { month != 0 && day != 0 }

    /// The eight digits YYYYMMDD, for the one-digit comparison.
    var digits: UInt32 { UInt32(year) * 10_000 + UInt32(month) * 100 + UInt32(day) }
}

/// Birth place: the code as given, its current COG code (so that a merged commune matches its successor)
/// and its department.
struct PreparedPlace: Sendable, Hashable {
    /// The 5 characters packed into an integer.
    var code: UInt64
    /// The smallest of today's codes for this place (itself when unchanged or unknown to the COG).
    var current: UInt64
    /// Department (2 or 3 characters, packed); 0 for a place abroad.
    var department: UInt32
    var isAbroad: Bool

    static func pack(_ s: some StringProtocol) -> UInt64 {
        var v: UInt64 = 0
        for b in s.utf8 { v = v << 8 | UInt64(b) }
        return v
    }

    /// Nil for an empty field or the "unknown place" code 99999.
    init?(_ text: String) throws(BirthPlaceError) {
        let t = text.trimmed
        if t.isEmpty { return nil }
        let place = try BirthPlace(t)
        if place.isUnknown { return nil }
        code = Self.pack(place.code)
        let currents = COG.shared.current(place).map { Self.pack($0.code) }
        current = currents.min() ?? code
        isAbroad = place.isAbroad
        department = place.department.map { UInt32(truncatingIfNeeded: Self.pack($0)) } ?? 0
    }
}
