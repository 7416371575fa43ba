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

/// A Fellegi–Sunter model: m and u per comparison level, the expected number of duplicate pairs per record
/// (which gives the prior for a data set of a given size) and the two decision thresholds.
///
/// A pair's score is its posterior log2-odds of being the same person:
/// `prior(N) + Σ field weights (+ term-frequency adjustments)`, with `prior(N) = log2(2c / (N − 1))` for `N`
/// records and `c` = ``duplicatePairsPerRecord``. Score ≥ ``matchThreshold`` → match (10 bits is
/// P ≥ 0.999), ≥ ``reviewThreshold`` → review, else non-match; rules then keep some pairs out of automatic
/// matching whatever their score (see ``MatchDecision``).
public struct MatchModel: Sendable, Hashable, Codable {
    /// Format of the saved file.
    public var formatVersion: Int
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

    /// Creates a model from its parts.
    public init(
        fields: [FieldParameters], duplicatePairsPerRecord: Double, matchThreshold: Double,
        reviewThreshold: Double, termFrequency: TermFrequencyBounds, referencePopulation: Int,
        training: TrainingSummary? = nil
    ) {
        formatVersion = 1
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
    public static var builtIn: MatchModel {
        func field(_ f: MatchField, _ pairs: [(Double, Double)]) -> FieldParameters {
            let labels = f.levels
            precondition(pairs.count == labels.count - 1)
            var levels = [LevelParameters(level: labels[0], m: 1, u: 1)]
            for (i, (m, u)) in pairs.enumerated() { levels.append(.init(level: labels[i + 1], m: m, u: u)) }
            return FieldParameters(field: f.description, levels: levels)
        }
        let fields = [
            // exact, compact, crossed, inverted, phonetic, token, close, similar, different
            field(.birthName, [
                (0.86, 0.001), (0.02, 0.0001), (0.03, 0.0002), (0.003, 0.000005), (0.03, 0.002), (0.01, 0.0005),
                (0.02, 0.001), (0.01, 0.004), (0.017, 0.991),
            ]),
            // exact, first, compound, anyName, compoundPart, component, phonetic, close, different
            field(.firstNames, [
                (0.78, 0.004), (0.08, 0.006), (0.01, 0.0002), (0.02, 0.003), (0.02, 0.0005), (0.005, 0.004),
                (0.02, 0.006), (0.03, 0.01), (0.035, 0.9665),
            ]),
            // exact, partial, swapped, oneDigit, placeholder, sameYear, different, distant
            field(.birthDate, [
                (0.88, 0.00004), (0.01, 0.00002), (0.01, 0.00003), (0.05, 0.0004), (0.01, 0.0002), (0.01, 0.012),
                (0.025, 0.25), (0.005, 0.737),
            ]),
            // exact, history, sameDepartment, different
            field(.birthPlace, [(0.90, 0.003), (0.01, 0.0001), (0.04, 0.03), (0.05, 0.967)]),
            field(.sex, [(0.98, 0.5), (0.02, 0.5)]),
            field(.ins, [(0.98, 0.00001), (0.02, 0.99999)]),
        ]
        return MatchModel(
            fields: fields, duplicatePairsPerRecord: 0.1, matchThreshold: 10, reviewThreshold: -4,
            termFrequency: .init(maxBoost: 3, maxPenalty: 6), referencePopulation: 100_000)
    }

    /// Reads a model saved by ``save(to:)``.
    public static func load(contentsOf path: String) throws(MatchModelError) -> MatchModel {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let model: MatchModel
        do {
            model = try JSONDecoder().decode(MatchModel.self, from: data)
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
        guard formatVersion == 1 else { throw .unsupportedVersion(formatVersion) }
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

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read model file \(path)"
        case .unwritable(let path): return "cannot write model file \(path)"
        case .malformed(let path): return "model file \(path) is not a valid model (JSON)"
        case .unsupportedVersion(let v): return "model format version \(v) is not supported"
        case .fieldCount(let n): return "the model has \(n) fields, expected \(MatchField.allCases.count)"
        case .field(let p): return "field \(p) of the model is not the expected one"
        case .levels(let f): return "the levels of field '\(f)' are not the expected ones"
        case .probability(let f, let l): return "field '\(f)' level '\(l)': m and u must be in (0, 1]"
        case .thresholds: return "the match threshold is below the review threshold"
        case .prior: return "duplicatePairsPerRecord must be positive"
        }
    }
}
