import VigieIdentity
import VigieText

/// A record ready for matching: every field normalised and keyed once (INS form, compact form, phonetic key,
/// first-name list, date parts, place code and its current COG code, INS), stored as hashes and short byte
/// strings so that comparing two records never touches a `String`.
///
/// An empty field is *missing* (it neither supports nor contradicts a match). A field that is present but
/// malformed (a digit in a name, a date in another layout, a wrong INS key...) makes the whole record invalid
/// for the strict readers: ``init(_:)`` throws a ``RecordError`` naming the field and the line, never the
/// value. Batch deduplication uses ``PreparationLeniency/lenient`` instead, where such a field is read in a
/// sound lenient form or becomes missing, with a ``PreparationWarning``: a degraded field never adds
/// evidence (a mistyped INS is missing, not equal; a name with guessed letters never agrees exactly).
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

    /// Normalises and keys a raw batch record, strictly: a malformed field throws.
    public init(_ raw: RawRecord) throws(RecordError) {
        var cache = PreparationCache()
        try self.init(raw, cache: &cache)
    }

    /// Strictly, reusing the keys of values already seen (the live index's bulk load).
    init(_ raw: RawRecord, cache: inout PreparationCache) throws(RecordError) {
        var warnings: [PreparationWarning] = []
        try self.init(raw, leniency: .strict, cache: &cache, warnings: &warnings)
    }

    /// Normalises and keys a raw batch record. With ``PreparationLeniency/lenient`` a malformed field is read
    /// in a sound lenient form or becomes missing, and each such field is appended to `warnings`; only a
    /// record left with no name and no first name throws.
    public init(_ raw: RawRecord, leniency: PreparationLeniency, warnings: inout [PreparationWarning]) throws(RecordError) {
        var cache = PreparationCache()
        try self.init(raw, leniency: leniency, cache: &cache, warnings: &warnings)
    }

    /// Normalises and keys a raw record strictly, as ``init(_:)`` does, taking the name, first-name and place
    /// keys already computed from `shared` (and leaving the new ones there): for one query at a time, as a PDQ
    /// worker prepares them, where the same names and first names come back all day.
    public init(_ raw: RawRecord, shared: SharedPreparationCache) throws(RecordError) {
        var cache = PreparationCache(shared: shared)
        var warnings: [PreparationWarning] = []
        try self.init(raw, leniency: .strict, cache: &cache, warnings: &warnings)
    }

    /// Normalises and keys a raw record, reusing the keys of values already seen (names repeat a lot).
    init(
        _ raw: RawRecord, leniency: PreparationLeniency = .strict, cache: inout PreparationCache,
        warnings: inout [PreparationWarning]
    ) throws(RecordError) {
        id = raw.id
        line = raw.line
        let strict = leniency == .strict
        func fail(_ field: RecordError.Field, _ reason: String) -> RecordError {
            RecordError(id: raw.id, line: raw.line, field: field, reason: reason)
        }
        func warn(_ field: PreparationWarning.Field, _ kind: PreparationWarning.Kind, _ reason: String = "") {
            warnings.append(PreparationWarning(id: raw.id, line: raw.line, field: field, kind: kind, reason: reason))
        }
        /// A name read leniently: repaired (digits guessed → exact agreement impossible) or missing.
        func lenientName(_ text: String, _ field: PreparationWarning.Field, _ error: TraitTextError) -> PreparedName? {
            guard let repaired = TraitRepair.repair(text, reading: { (t) throws(TraitTextError) in try PreparedName(t) }),
                var name = repaired.value
            else {
                warn(field, .dropped, error.description)
                return nil
            }
            if repaired.digitsRead {
                name.markGuessed()
                warn(field, .digitsReadAsLetters)
            } else {
                warn(field, .charactersRemoved)
            }
            return name
        }
        do {
            birthName = try cache.name(raw.birthName)
        } catch {
            if strict { throw fail(.birthName, error.description) }
            birthName = lenientName(raw.birthName, .birthName, error)
        }
        do {
            usedName = try cache.name(raw.usedName)
        } catch {
            if strict { throw fail(.usedName, error.description) }
            usedName = lenientName(raw.usedName, .usedName, error)
        }
        do {
            firstNames = try cache.firstNames(raw.firstNames)
        } catch {
            if strict { throw fail(.firstNames, error.description) }
            if let repaired = TraitRepair.repair(
                raw.firstNames, reading: { (t) throws(TraitTextError) in try PreparedFirstNames(t) }),
                var names = repaired.value
            {
                if repaired.digitsRead {
                    names.markGuessed()
                    warn(.firstNames, .digitsReadAsLetters)
                } else {
                    warn(.firstNames, .charactersRemoved)
                }
                firstNames = names
            } else {
                warn(.firstNames, .dropped, error.description)
                firstNames = nil
            }
        }
        do {
            birthDate = try PreparedDate(raw.birthDate)
        } catch {
            if strict { throw fail(.birthDate, error.description) }
            if let date = LenientTraits.birthDate(raw.birthDate) {
                birthDate = PreparedDate(year: date.year, month: date.month, day: date.day)
                warn(.birthDate, .dateReformatted)
            } else {
                birthDate = nil
                warn(.birthDate, .dropped, error.description)
            }
        }
        do {
            birthPlace = try cache.place(raw.birthPlace)
        } catch {
            if strict { throw fail(.birthPlace, error.description) }
            if let place = LenientTraits.birthPlace(raw.birthPlace) {
                birthPlace = PreparedPlace(place)
                warn(.birthPlace, .placeRepaired)
            } else {
                birthPlace = nil
                warn(.birthPlace, .dropped, error.description)
            }
        }
        if strict {
            sex = Sex(code: raw.sex.trimmed)
        } else {
            let read = LenientTraits.sex(raw.sex)
            sex = read.sex
            switch read.reading {
            case .standard: break
            case .mapped: warn(.sex, .sexMapped)
            case .unrecognised: warn(.sex, .sexUnrecognised)
            }
        }
        let insText = raw.ins.trimmed
        var matricule: Matricule?
        if !insText.isEmpty {
            do {
                matricule = try Matricule(insText)
            } catch {
                if strict { throw fail(.ins, error.description) }
                matricule = LenientTraits.matricule(insText)
                if matricule != nil {
                    warn(.ins, .insSeparatorsRemoved)
                } else {
                    // Missing, never a value: a mistyped matricule must neither agree nor conflict.
                    warn(.ins, .dropped, Self.insReason(LenientTraits.matriculeError(insText) ?? error))
                }
            }
        }
        if !strict, let m = matricule, let date = birthDate, m.parts.year != Int(date.year) % 100,
            !Comparator.oneDigitApart(UInt32(m.parts.year), UInt32(date.year % 100))
        {
            // The matricule's birth year is not the record's, and not by one mistyped digit: a relative's
            // matricule (the *ayant-droit* error: a child registered with a parent's carte Vitale). It does not
            // identify this record's person, and as an equal or conflicting INS it would decide pairs on a wrong
            // basis. (A one-digit slip keeps the INS: the date is the likelier typo, and the pair is found.)
            matricule = nil
            warn(.ins, .insIncoherent)
        }
        ins = matricule.map { FieldHash.string($0.value) } ?? 0
        if !strict && birthName == nil && usedName == nil && firstNames == nil {
            throw fail(.birthName, "no birth name, used name or first names left: nothing to match on")
        }
    }

    /// The matricule error without its digits (a key mismatch's description carries the key).
    static func insReason(_ error: MatriculeError) -> String {
        switch error {
        case .keyMismatch: return "matricule: the key does not match the number"
        default: return error.description
        }
    }

    /// True when the record carries an INS.
    public var hasINS: Bool { ins != 0 }

    /// Prepares a batch on `threads` threads, in input order; records that cannot be prepared come back as
    /// errors (field and line), in input order too. Strict: see ``prepare(_:threads:leniency:)``.
    public static func prepare(_ raws: [RawRecord], threads: Int = 2) -> (records: [PreparedRecord], errors: [RecordError]) {
        let batch = prepare(raws, threads: threads, leniency: .strict)
        return (batch.records, batch.errors)
    }

    /// Prepares a batch on `threads` threads, in input order, with the given leniency; refused records come
    /// back as errors and leniently read fields as warnings, both in input order.
    public static func prepare(_ raws: [RawRecord], threads: Int = 2, leniency: PreparationLeniency) -> PreparedBatch {
        let parts = parallelChunks(count: raws.count, chunks: max(1, threads)) { range in
            var cache = PreparationCache()
            var ok: [PreparedRecord] = []
            var bad: [RecordError] = []
            var warnings: [PreparationWarning] = []
            ok.reserveCapacity(range.count)
            for i in range {
                do throws(RecordError) {
                    ok.append(try PreparedRecord(raws[i], leniency: leniency, cache: &cache, warnings: &warnings))
                } catch {
                    bad.append(error)
                }
            }
            return (ok, bad, warnings)
        }
        return PreparedBatch(records: parts.flatMap(\.0), errors: parts.flatMap(\.1), warnings: parts.flatMap(\.2))
    }
}

/// Keys already computed for a value (successes only: a malformed value is re-examined to report it).
struct PreparationCache {
    var names: [String: PreparedName] = [:]
    var firstNames: [String: PreparedFirstNames] = [:]
    var places: [String: PreparedPlace] = [:]
    /// Keys shared between records prepared one at a time (nil for a batch, which has its own dictionaries).
    var shared: SharedPreparationCache?

    init(shared: SharedPreparationCache? = nil) {
        self.shared = shared
    }

    mutating func name(_ text: String) throws(TraitTextError) -> PreparedName? {
        if text.isEmpty { return nil }
        if let n = names[text] { return n }
        if let shared, let n = shared.name(text) { return n }
        let n = try PreparedName(text)
        if let n {
            if let shared { shared.store(name: n, for: text) } else if names.count < 1_000_000 { names[text] = n }
        }
        return n
    }

    mutating func firstNames(_ text: String) throws(TraitTextError) -> PreparedFirstNames? {
        if text.isEmpty { return nil }
        if let f = firstNames[text] { return f }
        if let shared, let f = shared.firstNames(text) { return f }
        let f = try PreparedFirstNames(text)
        if let f {
            if let shared { shared.store(firstNames: f, for: text) } else if firstNames.count < 1_000_000 { firstNames[text] = f }
        }
        return f
    }

    mutating func place(_ text: String) throws(BirthPlaceError) -> PreparedPlace? {
        if text.isEmpty { return nil }
        if let p = places[text] { return p }
        if let shared, let p = shared.place(text) { return p }
        let p = try PreparedPlace(text)
        if let p {
            if let shared { shared.store(place: p, for: text) } else { places[text] = p }
        }
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
    /// Hash of every letter of the INS form, particles kept and separators dropped ("L EGUERN", "LE GUERN" and
    /// "LEGUERN" agree).
    var glued: UInt64
    /// Hash of the phonetic key of the compact form.
    var phonetic: UInt64
    /// Hashes of the non-particle tokens of three letters or more (one part of a compound name).
    var tokens: [UInt64]
    /// Hashes of the compact forms of names split off by markers (EP, NEE, VVE...) or parentheses, and of
    /// the whole name glued when particles make it differ from the compact form ("DELAFONTAINE").
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
        phonetic = Self.phoneticHash(bytes)
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
        // A name with particles, glued whole: "DE LA FONTAINE" is typed "DELAFONTAINE" as often as the
        // reverse, and its compact form (FONTAINE) cannot meet that spelling. The same letters in the same
        // order, so it counts as another written form of the name (the crossed level), not as the name itself.
        let glued = Array(form.insForm.utf8.filter { $0 >= 65 && $0 <= 90 })
        self.glued = FieldHash.bytes(glued)
        if glued != bytes { alternates.append(FieldHash.bytes(glued)) }
        self.alternates = alternates
        initial = bytes.first ?? 0
    }

    /// Hash of the blocking key of `letters`, from bytes when the word allows it (always, for A–Z letters).
    static func phoneticHash(_ letters: [UInt8]) -> UInt64 {
        if let key = FrenchPhonetic.blockingKey(word: letters) { return FieldHash.bytes(key) }
        return FieldHash.string(FrenchPhonetic.blockingKey(String(decoding: letters, as: UTF8.self)))
    }

    /// Salt that keeps the hashes of a name with guessed letters apart from every typed name's.
    static let guessedSalt: UInt64 = 0x5A17_ED00_D161_7500

    /// The letters were partly guessed from digits (`DUP0NT`): exact, compact, token and crossed agreements
    /// would count a guess as typed evidence, so their hashes are salted (two identical guesses still agree);
    /// the compact bytes and the phonetic key stay, so the name is still blocked and compared by sound and
    /// Jaro–Winkler.
    mutating func markGuessed() {
        full ^= Self.guessedSalt
        compact ^= Self.guessedSalt
        glued ^= Self.guessedSalt
        tokens = []
        alternates = []
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
    /// Hash of each first name without separators, in order (to meet a birth name typed as a first name).
    var namesCompact: [UInt64]
    /// Hash of the phonetic key of each first name, in order (blocking of shifted lists).
    var namesPhonetic: [UInt64]
    /// Bytes of the first first name without separators (for Jaro–Winkler).
    var firstBytes: [UInt8]
    /// Hash of the phonetic key of the first first name.
    var firstPhonetic: UInt64
    /// Letters of the other first names, in order (to tell a typo in a middle name from another name).
    var laterBytes: [[UInt8]]

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
        namesCompact = glued.map { FieldHash.bytes($0) }
        namesPhonetic = glued.map { PreparedName.phoneticHash($0) }
        firstPhonetic = namesPhonetic[0]
        laterBytes = Array(glued.dropFirst())
    }

    /// The letters were partly guessed from digits: as for ``PreparedName/markGuessed()``, every hash that an
    /// exact or structural level compares is salted; the first name's bytes and phonetic key stay.
    mutating func markGuessed() {
        let salt = PreparedName.guessedSalt
        names = names.map { $0 ^ salt }
        components = components.map { $0 ^ salt }
        firstComponents = firstComponents.map { $0 ^ salt }
        firstCompact ^= salt
        if firstTwoCompact != 0 { firstTwoCompact ^= salt }
        allCompact ^= salt
        namesCompact = namesCompact.map { $0 ^ salt }
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
        // `BirthDate(lunar:)` is the one validation: it refuses what is not even a lunar date (a day past 35).
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
    /// For a municipal arrondissement of Paris, Lyon or Marseille, its commune (75056, 69123, 13055); the code
    /// itself otherwise. Software that knows only communes writes a birth in Paris 16e as 75056.
    var municipality: UInt64
    /// Department (2 or 3 characters, packed); 0 for a place abroad.
    var department: UInt32
    var isAbroad: Bool

    /// The commune of a municipal arrondissement (INSEE COG, arrondissements municipaux: Paris 75101–75120,
    /// Lyon 69381–69389, Marseille 13201–13216), nil for any other code.
    static func commune(ofArrondissement code: String) -> String? {
        guard let n = Int(code) else { return nil }
        switch n {
        case 75101...75120: return "75056"
        case 69381...69389: return "69123"
        case 13201...13216: return "13055"
        default: return nil
        }
    }

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
        self.init(place)
    }

    /// Nil for the "unknown place" code 99999.
    init?(_ place: BirthPlace) {
        if place.isUnknown { return nil }
        code = Self.pack(place.code)
        let currents = COG.shared.current(place).map { Self.pack($0.code) }
        current = currents.min() ?? code
        municipality = Self.commune(ofArrondissement: place.code).map { Self.pack($0) } ?? code
        isAbroad = place.isAbroad
        department = place.department.map { UInt32(truncatingIfNeeded: Self.pack($0)) } ?? 0
    }
}
