import Foundation
import VigieIdentity

/// The reference data the generator draws from: INSEE-based name lists and the COG (communes, their
/// population and history, countries). Loaded once from the repository's `corpus/` directory.
public struct CorpusData: Sendable {
    /// Surnames by frequency rank (accents restored by ``SurnameAccents``).
    let surnames: NameTable
    /// First names by sex (0 = female, 1 = male) and decade (0 = 1901–1910 … 11 = 2011–).
    let firstNames: [[NameTable]]
    /// Today's communes (and Paris, Lyon, Marseille arrondissements) with population weights.
    let communes: [String]
    let communeSampler: WeightedSampler
    /// Per département (first 2 characters, 3 overseas), indices into `communes` and a population sampler.
    let departments: [String: (members: [Int], sampler: WeightedSampler)]
    let history: CommuneHistory
    /// Country codes of `pays.csv`, France (99100) excluded, sorted.
    let countries: [String]

    /// The first decade with its own first-name list, and how many there are.
    static let firstDecade = 1901
    static let decadeCount = 12

    /// The repository's `corpus/` directory, found from this source file's location: valid when the package is
    /// built from its source tree (tests). A relocated binary uses ``CorpusSource/embedded``.
    public static var sourceTreeDirectory: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 3 { url.deleteLastPathComponent() }  // …/Sources/VigieCorpus/CorpusData.swift → root
        return url.appendingPathComponent("corpus").path
    }

    /// Loads `names/` and `cog/` from `directory` (the repository's `corpus/`), calibrating the name
    /// frequencies with `profile`.
    public static func load(directory: String, profile: CorpusProfile) throws(CorpusDataError) -> CorpusData {
        try load(from: .directory(directory), profile: profile)
    }

    /// Loads `names/` and `cog/` from `source`, calibrating the name frequencies with `profile`.
    public static func load(from source: CorpusSource, profile: CorpusProfile) throws(CorpusDataError) -> CorpusData {
        func csv(_ path: String) throws(CorpusDataError) -> [[String]] { try CorpusData.csv(path, source) }
        func nameList(_ path: String) throws(CorpusDataError) -> [String] { try CorpusData.nameList(path, source) }
        func tiers(_ path: String) throws(CorpusDataError) -> [Int] { try CorpusData.tiers(path, source) }
        let names = "names/"
        let cog = "cog/"
        let countries = try csv(cog + "pays.csv").dropFirst().compactMap { row -> String? in
            guard let code = row.first, code.utf8.count == 5, code.hasPrefix("99"), code != "99100" else { return nil }
            return code
        }.sorted()
        guard !countries.isEmpty else { throw .empty(file: "cog/pays.csv") }
        let known = Set(countries)
        for c in profile.countries where !known.contains(c.code) { throw .unknownCountry(c.code) }
        let surnameList = try nameList(names + "surnames.all.txt")
        var byAccentless: [String: String] = [:]
        var firstNames: [[NameTable]] = []
        for sex in ["f", "m"] {
            var tables: [NameTable] = []
            for decade in 0 ..< decadeCount {
                let year = firstDecade + 10 * decade
                let path = names + "firstnames.\(sex).\(year).txt"
                let list = try nameList(path)
                let share = decade < profile.firstNameTopShareByDecade.count
                    ? profile.firstNameTopShareByDecade[decade] : profile.firstNameTopShareByDecade.last ?? 0.03
                let table = NameTable(names: list.map { NameText.upper($0) }, topShare: share, tiers: try tiers(path))
                tables.append(table)
            }
            firstNames.append(tables)
            for name in try nameList(names + "firstnames.\(sex).all.txt") {
                let upper = NameText.upper(name)
                let plain = NameText.strippingAccents(upper)
                if plain != upper, byAccentless[plain] == nil { byAccentless[plain] = upper }
            }
        }
        let surnames = NameTable(
            names: surnameList.map { SurnameAccents.restore(NameText.upper($0), firstNames: byAccentless) },
            topShare: profile.surnameTopShare)

        let populationRows = try csv(cog + "population.csv")
        var communes: [String] = []
        var weights: [UInt64] = []
        for row in populationRows.dropFirst() where row.count >= 2 {
            guard row[0].utf8.count == 5, let population = UInt64(row[1]), population > 0 else { continue }
            communes.append(row[0])
            weights.append(population)
        }
        guard !communes.isEmpty else { throw .empty(file: "cog/population.csv") }
        var members: [String: [Int]] = [:]
        for (i, code) in communes.enumerated() { members[department(of: code), default: []].append(i) }
        var departments: [String: (members: [Int], sampler: WeightedSampler)] = [:]
        for (dep, list) in members { departments[dep] = (list, WeightedSampler(weights: list.map { weights[$0] })) }

        let history = CommuneHistory(rows: try csv(cog + "mouvements-communes.csv"))

        return CorpusData(
            surnames: surnames, firstNames: firstNames, communes: communes,
            communeSampler: WeightedSampler(weights: weights), departments: departments, history: history,
            countries: countries)
    }

    /// The département part of a commune code: 3 characters overseas (97x, 98x), else 2 (2A, 2B included).
    static func department(of code: String) -> String {
        code.hasPrefix("97") || code.hasPrefix("98") ? String(code.prefix(3)) : String(code.prefix(2))
    }

    /// Line 1 of a name-list file: the rank limits of common, uncommon and rare names (the fourth is the count).
    private static func tiers(_ path: String, _ source: CorpusSource) throws(CorpusDataError) -> [Int] {
        guard let line = try source.bytes(path).split(separator: UInt8(ascii: "\n")).first else { throw .empty(file: path) }
        let numbers = line.filter { $0 != UInt8(ascii: "\r") }.split(separator: UInt8(ascii: " "))
            .compactMap { Int(String(decoding: $0, as: UTF8.self)) }
        guard numbers.count == 4 else { throw .malformedRankLimits(file: path) }
        return Array(numbers.prefix(3))
    }

    /// Line 2 of a name-list file (line 1 holds rank thresholds): names, most frequent first.
    private static func nameList(_ path: String, _ source: CorpusSource) throws(CorpusDataError) -> [String] {
        let lines = try source.bytes(path).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count >= 2 else { throw .empty(file: path) }
        let names = lines[1].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: true).compactMap {
            String(validating: $0.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw .empty(file: path) }
        return names
    }

    private static func csv(_ path: String, _ source: CorpusSource) throws(CorpusDataError) -> [[String]] {
        let parsed = BatchCSV.parseRows(bytes: try source.bytes(path))
        if let first = parsed.errors.first { throw .malformed(file: path, line: first.line) }
        return parsed.rows.map(\.fields)
    }
}

/// Why the reference data cannot be loaded.
public enum CorpusDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file is missing or unreadable.
    case unreadable(path: String)
    /// A file holds no usable entry.
    case empty(file: String)
    /// A CSV row cannot be parsed.
    case malformed(file: String, line: Int)
    /// A country of the profile is not in `pays.csv`.
    case unknownCountry(String)
    /// Line 1 of a name list is not four rank limits.
    case malformedRankLimits(file: String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read \(path)"
        case .empty(let file): return "\(file) holds no entry"
        case .malformed(let file, let line): return "\(file) line \(line): malformed CSV row"
        case .unknownCountry(let code): return "profile country '\(code)' is not in pays.csv"
        case .malformedRankLimits(let file): return "\(file) line 1: expected four rank limits"
        }
    }
}

/// Names with their frequency law: entries by rank and a Zipf–Mandelbrot sampler over the ranks.
final class NameTable: Sendable {
    /// Names in capitals, as on an identity card (accents kept).
    let names: [String]
    let sampler: WeightedSampler
    /// The calibrated Zipf–Mandelbrot offset (reported in docs and tests).
    let offset: Int

    init(names: [String], topShare: Double, tiers: [Int] = []) {
        self.names = names
        let (sampler, offset) = WeightedSampler.zipfMandelbrot(count: names.count, topShare: topShare, tiers: tiers)
        self.sampler = sampler
        self.offset = offset
    }

    func draw(_ random: inout CorpusRandom) -> String { names[sampler.draw(&random)] }
}
