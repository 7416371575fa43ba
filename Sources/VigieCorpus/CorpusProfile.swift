import Foundation

/// The rates that shape a corpus: population, stays, record sources and desk errors.
///
/// Read from a JSON file (the project's is `corpus/profile.json`) so that rates can change without code.
/// Every probability is in `0 ... 1`; weights are non-negative integers (relative frequencies).
public struct CorpusProfile: Sendable, Hashable, Codable {
    /// Ages are computed at this date (`YYYY-MM-DD`); fixed so that a seed gives the same corpus every year.
    public var referenceDate: String
    /// Share of women among persons.
    public var femaleShare: Double
    /// Age pyramid of the hospital's patients: bands of whole years with relative weights.
    public var ageBands: [AgeBand]
    /// Relative weights of having 1, 2, 3… birth first names (index 0 = one first name).
    public var firstNameCountWeights: [UInt64]
    /// Share of people carrying the most frequent surname (calibrates the Zipf–Mandelbrot law over ranks).
    public var surnameTopShare: Double
    /// Per birth decade (1901–1910, 1911–1920 … 2011–), the share of people of one sex carrying that decade's
    /// most frequent first name (Marie and Jean were far more common in 1910 than Emma and Nathan in 2015).
    public var firstNameTopShareByDecade: [Double]
    /// Share of persons born abroad.
    public var bornAbroadShare: Double
    /// Countries of birth (INSEE `99xxx` codes) with relative weights; codes missing from `pays.csv` are rejected.
    public var countries: [CountryWeight]
    /// Weight, relative to all listed countries together, of the other countries of `pays.csv` (drawn uniformly).
    public var otherCountriesWeight: UInt64
    /// Share of persons born abroad whose day and month of birth are unknown (`YYYY-00-00`).
    public var partialBirthDateShareAbroad: Double
    /// For those persons, the share of desk records typed `YYYY-01-01` instead of `YYYY-00-00`.
    public var partialBirthDateTypedAsJanuaryFirst: Double
    /// Share of women aged 25 or more who have a used (married) name.
    public var usedNameShareWomen: Double
    /// Share of persons born since 2005 with a double surname (loi 2002-304).
    public var doubleSurnameShareSince2005: Double
    /// Relative weights of a person having 1, 2, 3… records (stays).
    public var recordsPerPersonWeights: [UInt64]
    /// Share of records copied from a qualified identity (INS form, INS present); the rest are typed at a desk.
    public var qualifiedRecordShare: Double
    /// Hard negatives: look-alike persons a careless engine merges.
    public var hardNegatives: HardNegativeRates
    /// Per desk record, the probability of each error kind where it can apply (e.g. a compound-name error
    /// needs a compound first name). Every ``ErrorKind`` must be listed exactly once.
    public var errors: [ErrorRate]

    /// An age band: ages `from ... to` (whole years), with a relative weight.
    public struct AgeBand: Sendable, Hashable, Codable {
        public var from: Int
        public var to: Int
        public var weight: UInt64
    }

    /// A country of birth and its relative weight.
    public struct CountryWeight: Sendable, Hashable, Codable {
        /// INSEE country code, `99xxx`.
        public var code: String
        public var weight: UInt64
    }

    /// Shares of persons who belong to a look-alike group.
    public struct HardNegativeRates: Sendable, Hashable, Codable {
        /// Share of persons who are one of a pair of twins.
        public var twinShare: Double
        /// Among twin pairs, the share of the same sex.
        public var twinSameSexShare: Double
        /// Share of persons who are one of a father and son with the same birth name and first names.
        public var parentChildShare: Double
        /// Share of persons who are one of two namesakes born the same day in different places.
        public var namesakeShare: Double
    }

    /// The rate of one error kind on desk records.
    public struct ErrorRate: Sendable, Hashable, Codable {
        public var kind: ErrorKind
        public var rate: Double
    }

    /// Reads and checks a profile file.
    public static func load(contentsOf path: String) throws(CorpusProfileError) -> CorpusProfile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try load(data: data)
    }

    /// The profile of a data source (`profile.json` at its root).
    public static func load(from source: CorpusSource) throws(CorpusProfileError) -> CorpusProfile {
        let bytes: [UInt8]
        do { bytes = try source.bytes("profile.json") } catch {
            if case .unreadable(let path) = error { throw .unreadable(path: path) }
            throw .unreadable(path: "profile.json")
        }
        return try load(data: Data(bytes))
    }

    /// Reads and checks a profile's JSON.
    public static func load(data: Data) throws(CorpusProfileError) -> CorpusProfile {
        let profile: CorpusProfile
        do {
            profile = try JSONDecoder().decode(CorpusProfile.self, from: data)
        } catch let error as DecodingError {
            throw .malformed(CorpusProfileError.describe(error))
        } catch {
            throw .malformed("not a profile")
        }
        try profile.validate()
        return profile
    }

    /// Checks ranges, weights and the error list.
    public func validate() throws(CorpusProfileError) {
        func share(_ value: Double, _ name: String) throws(CorpusProfileError) {
            guard value >= 0 && value <= 1 && !value.isNaN else { throw .outOfRange(field: name) }
        }
        guard let parts = Self.dateParts(referenceDate) else { throw .outOfRange(field: "referenceDate") }
        _ = parts
        try share(femaleShare, "femaleShare")
        try share(surnameTopShare, "surnameTopShare")
        guard !firstNameTopShareByDecade.isEmpty else { throw .outOfRange(field: "firstNameTopShareByDecade") }
        for (i, s) in firstNameTopShareByDecade.enumerated() { try share(s, "firstNameTopShareByDecade[\(i)]") }
        try share(bornAbroadShare, "bornAbroadShare")
        try share(partialBirthDateShareAbroad, "partialBirthDateShareAbroad")
        try share(partialBirthDateTypedAsJanuaryFirst, "partialBirthDateTypedAsJanuaryFirst")
        try share(usedNameShareWomen, "usedNameShareWomen")
        try share(doubleSurnameShareSince2005, "doubleSurnameShareSince2005")
        try share(qualifiedRecordShare, "qualifiedRecordShare")
        try share(hardNegatives.twinShare, "hardNegatives.twinShare")
        try share(hardNegatives.twinSameSexShare, "hardNegatives.twinSameSexShare")
        try share(hardNegatives.parentChildShare, "hardNegatives.parentChildShare")
        try share(hardNegatives.namesakeShare, "hardNegatives.namesakeShare")
        guard hardNegatives.twinShare + hardNegatives.parentChildShare + hardNegatives.namesakeShare <= 1 else {
            throw .outOfRange(field: "hardNegatives")
        }
        guard !ageBands.isEmpty, ageBands.contains(where: { $0.weight > 0 }) else { throw .outOfRange(field: "ageBands") }
        for (i, band) in ageBands.enumerated() where band.from < 0 || band.to < band.from || band.to > 110 {
            throw .outOfRange(field: "ageBands[\(i)]")
        }
        guard (1 ... 3).contains(firstNameCountWeights.count), firstNameCountWeights.contains(where: { $0 > 0 }) else {
            throw .outOfRange(field: "firstNameCountWeights")
        }
        guard !recordsPerPersonWeights.isEmpty, recordsPerPersonWeights.contains(where: { $0 > 0 }) else {
            throw .outOfRange(field: "recordsPerPersonWeights")
        }
        for (i, c) in countries.enumerated() {
            guard c.code.utf8.count == 5, c.code.hasPrefix("99"), c.code != "99100", c.code.allSatisfy(\.isASCII),
                c.code.allSatisfy(\.isNumber)
            else { throw .outOfRange(field: "countries[\(i)].code") }
        }
        var seen = Set<ErrorKind>()
        for (i, e) in errors.enumerated() {
            try share(e.rate, "errors[\(i)].rate")
            guard seen.insert(e.kind).inserted else { throw .duplicateErrorKind(e.kind.rawValue) }
        }
        for kind in ErrorKind.allCases where !seen.contains(kind) { throw .missingErrorKind(kind.rawValue) }
    }

    /// The rate of `kind` on desk records.
    public func rate(of kind: ErrorKind) -> Double { errors.first { $0.kind == kind }?.rate ?? 0 }

    static func dateParts(_ iso: String) -> (year: Int, month: Int, day: Int)? {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1 ... 12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y)
        else { return nil }
        return (y, m, d)
    }
}

/// Why a profile cannot be used. Descriptions name the field.
public enum CorpusProfileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String)
    /// The JSON does not have the profile's shape (where, and what).
    case malformed(String)
    /// A value is outside its range (the field named).
    case outOfRange(field: String)
    /// An error kind is listed twice.
    case duplicateErrorKind(String)
    /// An error kind has no rate.
    case missingErrorKind(String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read profile \(path)"
        case .malformed(let what): return "malformed profile: \(what)"
        case .outOfRange(let field): return "profile field '\(field)' is out of range"
        case .duplicateErrorKind(let kind): return "profile lists error kind '\(kind)' twice"
        case .missingErrorKind(let kind): return "profile has no rate for error kind '\(kind)'"
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "top level" : p
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context))"
        case .valueNotFound(_, let context): return "missing value at \(path(context))"
        case .dataCorrupted(let context): return "invalid value at \(path(context))"
        @unknown default: return "undecodable"
        }
    }
}
