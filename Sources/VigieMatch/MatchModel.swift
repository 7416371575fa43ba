import Foundation

/// The m and u probabilities of one comparison level.
///
/// m = P(level | the two records are the same person), u = P(level | two different persons). The level's
/// weight is log2(m / u) bits: positive when the level is more common among duplicates.
public struct LevelParameters: Sendable, Hashable, Codable {
    /// The level's label (see ``MatchField/levels``).
    public var level: String
    public var m: Double
    public var u: Double

    /// Creates the parameters of a level.
    public init(level: String, m: Double, u: Double) {
        self.level = level
        self.m = m
        self.u = u
    }

    /// log2(m / u), in bits.
    public var weight: Double { log2(max(m, 1e-12) / max(u, 1e-12)) }
}

/// The levels of one field, in ``MatchField/levels`` order (level 0, "missing", has weight 0 and is not stored
/// with meaningful m/u).
public struct FieldParameters: Sendable, Hashable, Codable {
    /// The field's column name.
    public var field: String
    public var levels: [LevelParameters]
}

/// Bounds on the term-frequency adjustment (Splink's idea: agreeing on MARTIN is weaker evidence than agreeing
/// on a rare name). The adjustment is log2(u_level / frequency of the value), clamped to these bounds.
public struct TermFrequencyBounds: Sendable, Hashable, Codable {
    /// Largest bonus for a rare value, in bits.
    public var maxBoost: Double
    /// Largest penalty for a frequent value, in bits.
    public var maxPenalty: Double

    /// Creates bounds.
    public init(maxBoost: Double, maxPenalty: Double) {
        self.maxBoost = maxBoost
        self.maxPenalty = maxPenalty
    }
}

/// What the training saw, kept in the saved model for traceability.
public struct TrainingSummary: Sendable, Hashable, Codable {
    /// Records the model was trained on.
    public var records: Int
    /// Random pairs used for u.
    public var randomPairs: Int
    /// Pairs used by each EM session (blocked on birth date; blocked on names).
    public var sessionPairs: [Int]
    /// EM iterations run in each session.
    public var iterations: [Int]
    /// Estimated share of duplicates among the pairs of each session.
    public var sessionMatchShare: [Double]
}

/// The named thresholds of the decision rules (``MatchDecision``), saved with the model so that a calibration
/// travels with it. Every one is a rate or a ratio, never a count of records in the file, so that a rule gives
/// the same verdict on a pair whatever the size of the file around it (a threshold counting records in the
/// file turns more and more names "common" as the file grows).
public struct RuleThresholds: Sendable, Hashable, Codable {
    /// Records a population needs before its name frequencies are used at all (term-frequency adjustment,
    /// common first names): below, one record more or less moves a frequency too much. A small-file guard only.
    public var minimumRecordsForFrequencies: Int
    /// A first-name spelling is *common* when it is at least this share of the records (and seen at least
    /// ``commonFirstNameMinimumCount`` times): 1 in 10 000 is a name parents give, not a typo of one.
    /// Calibrated so that the verdicts of the 10 000-person corpora (17 000 records, where it means "seen
    /// twice") are unchanged.
    public var commonFirstNameShare: Double
    /// Floor of the above for small files (a spelling seen once is never common).
    public var commonFirstNameMinimumCount: Int
    /// Two common spellings a letter or a sound apart are two first names (twins named alike: LÉNA / LEA) when
    /// the rarer is at least 1/this of the other; rarer than that, it is a typo of the other (MARIR / MARIE).
    public var twoFirstNamesRatio: Double
    /// Independent contradictions (date beyond a typo, place, first names, two INS) that make a pair a
    /// non-match without an equal INS: the signature of look-alikes, not of desk errors.
    public var contradictionsForNonMatch: Int

    /// Creates thresholds.
    public init(
        minimumRecordsForFrequencies: Int, commonFirstNameShare: Double, commonFirstNameMinimumCount: Int,
        twoFirstNamesRatio: Double, contradictionsForNonMatch: Int
    ) {
        self.minimumRecordsForFrequencies = minimumRecordsForFrequencies
        self.commonFirstNameShare = commonFirstNameShare
        self.commonFirstNameMinimumCount = commonFirstNameMinimumCount
        self.twoFirstNamesRatio = twoFirstNamesRatio
        self.contradictionsForNonMatch = contradictionsForNonMatch
    }

    /// The values measured on the corpora of docs/match.md.
    public static let standard = RuleThresholds(
        minimumRecordsForFrequencies: 1000, commonFirstNameShare: 1e-4, commonFirstNameMinimumCount: 2,
        twoFirstNamesRatio: 20, contradictionsForNonMatch: 2)

    /// Two spellings a letter or a sound apart, seen `x` and `y` times among `records` records, are two first
    /// names: both common, and the rarer not a typo of the other.
    func twoFirstNames(_ x: Int, _ y: Int, records: Int) -> Bool {
        min(x, y) >= commonFirstNameCount(records: records) && twoFirstNamesRatio * Double(min(x, y)) >= Double(max(x, y))
    }

    /// Occurrences from which a first-name spelling is common among `records` records.
    func commonFirstNameCount(records: Int) -> Int {
        max(commonFirstNameMinimumCount, Int((commonFirstNameShare * Double(records)).rounded(.up)))
    }
}

/// A Fellegi–Sunter model: m and u per comparison level, the expected number of duplicate pairs per record
/// (which gives the prior for a data set of a given size) and the two decision thresholds.
///
/// A pair's score is its posterior log2-odds of being the same person:
/// `prior(N) + Σ field weights (+ term-frequency adjustments)`, with `prior(N) = log2(2c / (N − 1))` for `N`
/// records and `c` = ``duplicatePairsPerRecord``. Score ≥ ``matchThreshold`` → match (10 bits is
/// P ≥ 0.999), ≥ ``reviewThreshold`` → review, else non-match; rules then keep some pairs out of automatic
/// matching whatever their score (see ``MatchDecision``).
public struct MatchModel: Sendable, Hashable, Codable {
    /// Format of the saved file (``currentFormatVersion`` once loaded: older files are migrated).
    public var formatVersion: Int
    /// The format this version writes. 2: the decision rules' thresholds (``rules``) are saved; a version-1
    /// file is migrated on load (the rules get their standard values, levels it lacks their built-in m/u).
    /// 3: the birth name's `one-edit` level; an older file is migrated (the level gets its built-in m/u).
    public static let currentFormatVersion = 3
    /// Per field, per level m and u, in ``MatchField`` order.
    public var fields: [FieldParameters]
    /// Expected number of duplicate pairs per record (c above).
    public var duplicatePairsPerRecord: Double
    /// Posterior log2-odds at or above which a pair is an automatic match.
    public var matchThreshold: Double
    /// Posterior log2-odds at or above which a pair goes to human review.
    public var reviewThreshold: Double
    /// Bounds of the term-frequency adjustment on names and first names.
    public var termFrequency: TermFrequencyBounds
    /// The population assumed when none is known (a single pair scored alone).
    public var referencePopulation: Int
    /// Set when the model comes from ``trained(on:starting:threads:progress:)``.
    public var training: TrainingSummary?
    /// The decision rules' thresholds.
    public var rules: RuleThresholds
    /// Levels, rules and blocking passes switched off to measure what each brings (an ablation; none by
    /// default, and then model.json has no `switchedOff` key).
    public var switchedOff = SwitchedOff.none

    /// Creates a model from its parts.
    public init(
        fields: [FieldParameters], duplicatePairsPerRecord: Double, matchThreshold: Double,
        reviewThreshold: Double, termFrequency: TermFrequencyBounds, referencePopulation: Int,
        training: TrainingSummary? = nil, rules: RuleThresholds = .standard
    ) {
        formatVersion = Self.currentFormatVersion
        self.rules = rules
        self.fields = fields
        self.duplicatePairsPerRecord = duplicatePairsPerRecord
        self.matchThreshold = matchThreshold
        self.reviewThreshold = reviewThreshold
        self.termFrequency = termFrequency
        self.referencePopulation = referencePopulation
        self.training = training
    }

    /// The parameters of one level.
    public func parameters(_ field: MatchField, level: Int) -> LevelParameters {
        fields[field.rawValue].levels[level]
    }

    /// The weight in bits of one level (0 for "missing").
    public func weight(_ field: MatchField, level: Int) -> Double {
        level == 0 ? 0 : Self.clampWeight(fields[field.rawValue].levels[level].weight)
    }

    /// Weights beyond ±20 bits would let one field overrule all others; real data never justifies it.
    static func clampWeight(_ w: Double) -> Double { min(20, max(-20, w)) }

    /// The prior log2-odds that two records drawn from `population` records are the same person.
    public func priorLog2Odds(population: Int) -> Double {
        let n = Double(max(population, 2))
        let p = min(0.5, max(1e-12, 2 * duplicatePairsPerRecord / (n - 1)))
        return log2(p / (1 - p))
    }

    /// Sensible priors when no trained model is given: m from the published behaviour of French hospital
    /// identities (most duplicates agree exactly on the strict traits; typos, swapped day/month and
    /// missing fields make up the rest), u from the frequency of agreement between random French identities
    /// (about 30 000 birth dates over a century, a few thousand frequent names). A conservative prior of
    /// 0.1 duplicate pair per record keeps automatic matches for overwhelming evidence.
    /// Each level's m and u are written with its definition (``ComparisonLevel``, in ComparisonLevels.swift).
    public static var builtIn: MatchModel {
        let fields = MatchField.allCases.map { f in
            FieldParameters(
                field: f.description, levels: f.definitions.map { LevelParameters(level: $0.label, m: $0.m, u: $0.u) })
        }
        return MatchModel(
            fields: fields, duplicatePairsPerRecord: 0.1, matchThreshold: 10, reviewThreshold: -4,
            termFrequency: .init(maxBoost: 3, maxPenalty: 6), referencePopulation: 100_000)
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion, fields, duplicatePairsPerRecord, matchThreshold, reviewThreshold, termFrequency
        case referencePopulation, training, rules, switchedOff
    }

    /// The synthesised form, with `switchedOff` written (as names) only when something is switched off, so
    /// that an ordinary model's file is unchanged.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encode(fields, forKey: .fields)
        try c.encode(duplicatePairsPerRecord, forKey: .duplicatePairsPerRecord)
        try c.encode(matchThreshold, forKey: .matchThreshold)
        try c.encode(reviewThreshold, forKey: .reviewThreshold)
        try c.encode(termFrequency, forKey: .termFrequency)
        try c.encode(referencePopulation, forKey: .referencePopulation)
        try c.encodeIfPresent(training, forKey: .training)
        try c.encode(rules, forKey: .rules)
        if !switchedOff.isEmpty { try c.encode(switchedOff.names, forKey: .switchedOff) }
    }

    /// Reads any supported version; an older one is migrated (see ``currentFormatVersion``), a newer one refused.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decode(Int.self, forKey: .formatVersion)
        guard (1...Self.currentFormatVersion).contains(version) else { throw MatchModelError.unsupportedVersion(version) }
        fields = try c.decode([FieldParameters].self, forKey: .fields)
        duplicatePairsPerRecord = try c.decode(Double.self, forKey: .duplicatePairsPerRecord)
        matchThreshold = try c.decode(Double.self, forKey: .matchThreshold)
        reviewThreshold = try c.decode(Double.self, forKey: .reviewThreshold)
        termFrequency = try c.decode(TermFrequencyBounds.self, forKey: .termFrequency)
        referencePopulation = try c.decode(Int.self, forKey: .referencePopulation)
        training = try c.decodeIfPresent(TrainingSummary.self, forKey: .training)
        formatVersion = Self.currentFormatVersion
        rules = version >= 2 ? try c.decode(RuleThresholds.self, forKey: .rules) : .standard
        if version < Self.currentFormatVersion { try migrateLevels() }
        do {
            switchedOff = try SwitchedOff(names: c.decodeIfPresent([String].self, forKey: .switchedOff) ?? [])
        } catch let e as SwitchedOffError {
            throw MatchModelError.switchedOff(e.description)
        }
    }

    /// Puts each field's saved levels in today's level list, matched by label; a level the file lacks (added
    /// since) gets its built-in m/u. A saved label that no level has any more is refused: its m/u cannot be
    /// given to another comparison.
    mutating func migrateLevels() throws(MatchModelError) {
        guard fields.count == MatchField.allCases.count else { throw .fieldCount(found: fields.count) }
        for f in MatchField.allCases {
            let saved = fields[f.rawValue]
            guard saved.field == f.description else { throw .field(position: f.rawValue + 1) }
            let labels = f.levels
            for l in saved.levels where !labels.contains(l.level) { throw .levels(field: f.description) }
            fields[f.rawValue].levels = f.definitions.map { d in
                saved.levels.first { $0.level == d.label } ?? LevelParameters(level: d.label, m: d.m, u: d.u)
            }
        }
    }

    /// Reads a model saved by ``save(to:)``.
    public static func load(contentsOf path: String) throws(MatchModelError) -> MatchModel {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let model: MatchModel
        do {
            model = try JSONDecoder().decode(MatchModel.self, from: data)
        } catch let e as MatchModelError {
            throw e
        } catch {
            throw .malformed(path: path)
        }
        try model.validate()
        return model
    }

    /// Writes the model as pretty-printed JSON.
    public func save(to path: String) throws(MatchModelError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path)
        }
    }

    /// Checks that every field and level is present in order with probabilities in (0, 1].
    public func validate() throws(MatchModelError) {
        guard formatVersion == Self.currentFormatVersion else { throw .unsupportedVersion(formatVersion) }
        guard fields.count == MatchField.allCases.count else { throw .fieldCount(found: fields.count) }
        for f in MatchField.allCases {
            let p = fields[f.rawValue]
            guard p.field == f.description else { throw .field(position: f.rawValue + 1) }
            guard p.levels.map(\.level) == f.levels else { throw .levels(field: f.description) }
            for l in p.levels.dropFirst() where !(l.m > 0 && l.m <= 1 && l.u > 0 && l.u <= 1) {
                throw .probability(field: f.description, level: l.level)
            }
        }
        guard matchThreshold >= reviewThreshold else { throw .thresholds }
        guard duplicatePairsPerRecord > 0 else { throw .prior }
        guard rules.commonFirstNameShare >= 0, rules.twoFirstNamesRatio >= 1, rules.contradictionsForNonMatch >= 1
        else { throw .rules }
    }
}

/// Why a model file cannot be used.
public enum MatchModelError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(path: String)
    case unwritable(path: String)
    case malformed(path: String)
    case unsupportedVersion(Int)
    case fieldCount(found: Int)
    case field(position: Int)
    case levels(field: String)
    case probability(field: String, level: String)
    case thresholds
    case prior
    case rules
    case switchedOff(String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read model file \(path)"
        case .unwritable(let path): return "cannot write model file \(path)"
        case .malformed(let path): return "model file \(path) is not a valid model (JSON)"
        case .unsupportedVersion(let v):
            return "model format version \(v) is not supported: this vigie reads versions 1 to "
                + "\(MatchModel.currentFormatVersion) (retrain with --train, or use the vigie that wrote it)"
        case .fieldCount(let n): return "the model has \(n) fields, expected \(MatchField.allCases.count)"
        case .field(let p): return "field \(p) of the model is not the expected one"
        case .levels(let f): return "the levels of field '\(f)' are not the expected ones"
        case .probability(let f, let l): return "field '\(f)' level '\(l)': m and u must be in (0, 1]"
        case .thresholds: return "the match threshold is below the review threshold"
        case .prior: return "duplicatePairsPerRecord must be positive"
        case .switchedOff(let why): return "switchedOff: \(why)"
        case .rules: return "the rule thresholds are out of range (share ≥ 0, ratio ≥ 1, contradictions ≥ 1)"
        }
    }
}
