import Foundation

/// What to do with a pair of records.
///
/// Besides the two thresholds, rules keep a pair out of automatic matching whatever its score, because a false
/// merge mixes two patients' records:
/// - same INS and coherent traits → match; same INS and incoherent traits → review with an INS-collision alert;
/// - two different INS → never an automatic match;
/// - a birth date missing on a side → at most review, unless the INS is equal (parent and child cannot be told apart);
/// - two independent contradictions among birth date, birth place, first names and INS → non-match (look-alikes);
/// - first-name lists that agree on the first name and then part ways ("SABRINA CAMILLE" / "SABRINA CHLOE")
///   → at most review, unless the INS decides;
/// - different first names, different birth dates (beyond a typo), different sex or different birth names
///   (beyond the crossed and compound cases) → at most review: twins, siblings, parent and child share the rest;
/// - the twin signature (same birth name, date and place) with first names that only share one name, or two
///   first names a letter apart that are both common in the population → at most review;
/// - two used names with nothing in common → at most review.
public enum MatchDecision: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case nonMatch = "non-match"
    case review
    case match

    static func rank(_ d: MatchDecision) -> Int {
        switch d {
        case .nonMatch: return 0
        case .review: return 1
        case .match: return 2
        }
    }

    public static func < (a: MatchDecision, b: MatchDecision) -> Bool { rank(a) < rank(b) }
}

/// Why a pair was kept from automatic matching (or flagged), in words without identity traits.
public struct MatchAlerts: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Same INS but traits that do not fit: a possible collision (two patients on one INS).
    public static let insCollision = MatchAlerts(rawValue: 1 << 0)
    /// Both records carry an INS and they differ.
    public static let conflictingINS = MatchAlerts(rawValue: 1 << 1)
    /// First names differ (twins, siblings).
    public static let firstNamesDiffer = MatchAlerts(rawValue: 1 << 2)
    /// Birth dates differ beyond a typo (parent and child).
    public static let birthDatesDiffer = MatchAlerts(rawValue: 1 << 3)
    /// Sex differs.
    public static let sexDiffers = MatchAlerts(rawValue: 1 << 4)
    /// Birth names differ.
    public static let birthNamesDiffer = MatchAlerts(rawValue: 1 << 5)
    /// Birth places differ (not the same place through the COG history, not the same department).
    public static let birthPlacesDiffer = MatchAlerts(rawValue: 1 << 7)
    /// Automatic merge refused by clustering: another record of the cluster does not fit.
    public static let clusterConflict = MatchAlerts(rawValue: 1 << 6)
    /// The record fits two clusters that contradict each other (two namesakes, two twins): it joins neither.
    public static let ambiguousRecord = MatchAlerts(rawValue: 1 << 8)
    /// Same birth name, date and place (the signature of twins) and first names that only share a name, or two
    /// common first names a letter or a sound apart.
    public static let possibleTwins = MatchAlerts(rawValue: 1 << 9)
    /// Both records carry a used name and they have nothing in common (another spouse: another person).
    public static let usedNamesDiffer = MatchAlerts(rawValue: 1 << 10)
    /// Same first first name, but the later first names of both lists differ (namesakes, twins named alike).
    public static let laterFirstNamesDiffer = MatchAlerts(rawValue: 1 << 11)
    /// A side has no birth date: a parent and a child sharing their names cannot be told apart without one.
    public static let birthDateMissing = MatchAlerts(rawValue: 1 << 12)

    static let all: [(MatchAlerts, String)] = [
        (.insCollision, "ins-collision"), (.conflictingINS, "conflicting-ins"),
        (.firstNamesDiffer, "first-names-differ"), (.birthDatesDiffer, "birth-dates-differ"),
        (.sexDiffers, "sex-differs"), (.birthNamesDiffer, "birth-names-differ"),
        (.birthPlacesDiffer, "birth-places-differ"), (.clusterConflict, "cluster-conflict"),
        (.ambiguousRecord, "ambiguous-record"), (.possibleTwins, "possible-twins"),
        (.usedNamesDiffer, "used-names-differ"),
        (.laterFirstNamesDiffer, "later-first-names-differ"), (.birthDateMissing, "birth-date-missing"),
    ]

    /// The alerts' names.
    public var names: [String] { Self.all.filter { contains($0.0) }.map(\.1) }
}

/// One field's part in a pair's score.
public struct FieldContribution: Sendable, Hashable {
    /// The field (column name), or "prior".
    public var field: String
    /// The comparison level reached.
    public var level: String
    /// Weight in bits (including the term-frequency adjustment for names).
    public var weight: Double
}

/// Why a pair got its score: each field's level and weight, the prior, the alerts. Holds no identity trait.
public struct MatchExplanation: Sendable, Hashable, CustomStringConvertible {
    /// The prior, then one entry per field.
    public var contributions: [FieldContribution]
    /// Alerts raised by the decision rules.
    public var alerts: [String]

    /// One line: `birth_name=exact(+9.7) first_names=... prior(-16.4) alerts=...`.
    public var description: String {
        var out = ""
        out.reserveCapacity(200)
        for (i, c) in contributions.enumerated() {
            if i > 0 { out += " " }
            if c.field == "prior" {
                out += "prior("
            } else {
                out += c.field
                out += "="
                out += c.level
                out += "("
            }
            Self.appendWeight(c.weight, to: &out)
            out += ")"
        }
        if !alerts.isEmpty {
            out += " alerts="
            out += alerts.joined(separator: "+")
        }
        return out
    }

    /// `%+.1f` without Foundation's formatter (pairs.csv writes hundreds of thousands of these).
    static func appendWeight(_ w: Double, to out: inout String) {
        let tenths = Int((abs(w) * 10).rounded())
        out += w < 0 && tenths > 0 ? "-" : "+"
        out += String(tenths / 10)
        out += "."
        out += String(tenths % 10)
    }
}

/// A scored pair.
public struct PairScore: Sendable, Hashable {
    /// Posterior log2-odds that the two records are the same person.
    public var score: Double
    /// Match, review or non-match after thresholds and rules.
    public var decision: MatchDecision
    /// Per-field weights and alerts.
    public var explanation: MatchExplanation

    /// The posterior probability that the two records are the same person.
    public var probability: Double { 1 / (1 + exp2(-score)) }
}

/// Scores a pair of prepared records with a model.
///
/// - Parameters:
///   - population: number of records the pair was drawn from (sets the prior); defaults to the model's
///     reference population.
///   - termFrequencies: name frequencies of that population; without them no term-frequency adjustment is made.
public func score(
    _ a: PreparedRecord, _ b: PreparedRecord, model: MatchModel, population: Int? = nil,
    termFrequencies: TermFrequencies? = nil
) -> PairScore {
    let scorer = Scorer(model: model, population: population ?? model.referencePopulation)
    return scorer.explain(a, b, termFrequencies: termFrequencies)
}

/// The hot-path form of a model: weights precomputed, rules applied on the comparison vector.
struct Scorer: Sendable {
    let model: MatchModel
    /// weights[field][level]
    let weights: [[Double]]
    let prior: Double
    let matchThreshold: Double
    let reviewThreshold: Double
    let nameU: [Double]
    let firstU: [Double]
    let rules: RuleThresholds
    /// Levels and rules switched off (an ablation; none by default).
    let off: SwitchedOff

    init(model: MatchModel, population: Int) {
        self.model = model
        weights = MatchField.allCases.map { f in (0..<f.levels.count).map { model.weight(f, level: $0) } }
        prior = model.priorLog2Odds(population: population)
        matchThreshold = model.matchThreshold
        reviewThreshold = model.reviewThreshold
        nameU = model.fields[MatchField.birthName.rawValue].levels.map(\.u)
        firstU = model.fields[MatchField.firstNames.rawValue].levels.map(\.u)
        rules = model.rules
        off = model.switchedOff
    }

    struct Evaluation: Sendable {
        var vector: ComparisonVector
        var score: Double
        var decision: MatchDecision
        var alerts: MatchAlerts
        var nameAdjustment: Double
        var firstAdjustment: Double
    }

    /// Term-frequency adjustment: log2(u_level / frequency), clamped.
    @inline(__always)
    func adjustment(u: Double, frequency: Double) -> Double {
        guard frequency > 0 else { return 0 }
        return min(model.termFrequency.maxBoost, max(-model.termFrequency.maxPenalty, log2(u / frequency)))
    }

    /// The frequencies of one record's birth name and first name in a population, for `evaluate(_:_:known:)`.
    struct OwnFrequencies: Sendable {
        var birthName: Double
        var firstName: Double
    }

    /// `tf` when the population is large enough for its frequencies to mean something, else nil.
    func usable(_ tf: TermFrequencies?) -> TermFrequencies? {
        tf.flatMap { $0.total >= rules.minimumRecordsForFrequencies ? $0 : nil }
    }

    /// `a`'s frequencies in `tf`, looked up once when `a` is scored against many records (a live query).
    func frequencies(of a: PreparedRecord, in tf: TermFrequencies?) -> OwnFrequencies? {
        guard let tf = usable(tf) else { return nil }
        return OwnFrequencies(
            birthName: a.birthName.map { tf.birthNameFrequency($0.compact) } ?? 0,
            firstName: a.firstNames?.names.first.map { tf.firstNameFrequency($0) } ?? 0)
    }

    /// `known`: `frequencies(of: a, in: tf)`, when the caller has it; the result is the same either way.
    func evaluate(
        _ a: PreparedRecord, _ b: PreparedRecord, termFrequencies tf: TermFrequencies?, known: OwnFrequencies? = nil
    ) -> Evaluation {
        let v = Comparator.compare(a, b, off: off)
        var nameAdj = 0.0
        var firstAdj = 0.0
        let frequencies = usable(tf)
        if let tf = frequencies {
            if (v.name == .exact || v.name == .compact), let n = a.birthName {
                let frequency = known?.birthName ?? tf.birthNameFrequency(n.compact)
                nameAdj = adjustment(u: nameU[Int(v.name.rawValue)], frequency: frequency)
            }
            if (v.firstNames == .exact || v.firstNames == .first), let f = a.firstNames {
                let frequency = known?.firstName ?? tf.firstNameFrequency(f.names[0])
                firstAdj = adjustment(u: firstU[Int(v.firstNames.rawValue)], frequency: frequency)
            }
        }
        let score = scoreOf(v) + nameAdj + firstAdj
        // Two spellings a letter or a sound apart are a typo when one of them is rare next to the other
        // (MARIR / MARIE), but two first names when both are common in the file (LÉNA / LEA, MATHIS / MATHIAS):
        // the case of twins, whose names are often chosen to sound alike.
        var twoFirstNames = false
        var rareSpelling = false
        if let tf = frequencies, v.firstNames == .phonetic || v.firstNames == .close || v.firstNames == .oneEdit,
            let fa = a.firstNames, let fb = b.firstNames
        {
            twoFirstNames = rules.twoFirstNames(
                tf.firstNameCount(fa.names[0]), tf.firstNameCount(fb.names[0]), records: tf.total)
            rareSpelling = !twoFirstNames
            if off.off(.twoCommonFirstNames) { twoFirstNames = false }
        }
        // The same for birth names one edit apart: a typo when one spelling is rare next to the other (DAU next to
        // DAY), two families when both are common (two namesakes' names a letter apart).
        var rareNameSpelling = false
        if let tf = frequencies, v.name == .oneEdit, let na = a.birthName, let nb = b.birthName {
            rareNameSpelling = !rules.twoFirstNames(
                tf.birthNameCount(na.compact), tf.birthNameCount(nb.compact), records: tf.total)
        }
        let (decision, alerts) = decide(
            v, score: score, twoFirstNames: twoFirstNames, rareSpelling: rareSpelling, rareNameSpelling: rareNameSpelling)
        return Evaluation(
            vector: v, score: score, decision: decision, alerts: alerts, nameAdjustment: nameAdj,
            firstAdjustment: firstAdj)
    }

    @inline(__always)
    func scoreOf(_ v: ComparisonVector) -> Double {
        prior + weights[0][Int(v.name.rawValue)] + weights[1][Int(v.firstNames.rawValue)]
            + weights[2][Int(v.birthDate.rawValue)] + weights[3][Int(v.birthPlace.rawValue)]
            + weights[4][Int(v.sex.rawValue)] + weights[5][Int(v.ins.rawValue)]
    }

    /// The thresholds, then the identity-vigilance rules (see ``MatchDecision``).
    /// `twoFirstNames`: the first names are only similar, and both spellings are common in the population.
    /// `rareSpelling`: the population's frequencies show one of two similar first-name spellings rare next to the
    /// other (a typo); without it a one-edit pair counts as two first names.
    /// `rareNameSpelling`: the same for two birth names one edit apart (without it, they are two names).
    func decide(
        _ v: ComparisonVector, score: Double, twoFirstNames: Bool = false, rareSpelling: Bool = false,
        rareNameSpelling: Bool = false
    ) -> (MatchDecision, MatchAlerts) {
        var decision: MatchDecision = score >= matchThreshold ? .match : (score >= reviewThreshold ? .review : .nonMatch)
        var alerts: MatchAlerts = []
        var contradictions: MatchAlerts = []
        switch v.firstNames {
        case .different, .component: contradictions.insert(.firstNamesDiffer)
        // One edit apart is a typo only when the frequencies show one spelling rare (THOMAS / TOAS); two common
        // spellings, or no frequencies to tell, are two first names (ELLA / ELSA).
        case .oneEdit where !rareSpelling: contradictions.insert(.firstNamesDiffer)
        default: break
        }
        // Only the year in common is not a typo either (day and month both wrong): namesakes born the same year.
        if v.birthDate == .different || (v.birthDate == .sameYear && !off.off(.sameYearContradicts)) {
            contradictions.insert(.birthDatesDiffer)
        }
        // Namesakes: same names and date, born elsewhere. A wrong place is a desk error too, so review.
        if v.birthPlace == .different { contradictions.insert(.birthPlacesDiffer) }
        // A different sex with the same first name is a typing error far more often than twins given the
        // same first name; with different first names it is the classic boy/girl twins pair.
        if v.sex == .different && !(v.firstNames == .exact || v.firstNames == .first || v.firstNames == .compound) {
            contradictions.insert(.sexDiffers)
        }
        if v.name == .different || (v.name == .oneEdit && !rareNameSpelling) { contradictions.insert(.birthNamesDiffer) }
        // A first-name list is fixed at birth: two lists that agree on the first name and then part ways are two
        // people (namesakes, twins given the same first name) more often than one list mistyped.
        if v.laterFirstNamesDiffer { contradictions.insert(.laterFirstNamesDiffer) }
        // The birth date is a strict trait the RNIV requires; without it the parent-and-child rule below cannot
        // fire (a father and his son of the same names), so only the INS may merge such a record automatically.
        if v.birthDate == .missing { contradictions.insert(.birthDateMissing) }
        // Twins share birth name, date and place and differ by their first names, which may still share a
        // name ("ANNICK BRIGITTE" / "BRIGITTE") or sound alike: with that signature, one first name in common
        // or two common first names a letter apart is not enough.
        // A list reordered or cut to the usual first name ("BERANGERE MONIQUE" / "MONIQUE") is the desk's commonest
        // list error (the RNIV keeps the used first name apart for that reason): it is not taken for twins.
        if ((v.firstNames == .anyName && !(v.firstNameListsNested && !off.off(.nestedListsNotTwins))) || twoFirstNames) && (v.name == .exact || v.name == .compact)
            && v.birthDate == .exact
            && v.birthPlace != .different && v.birthPlace != .sameDepartment
        {
            contradictions.insert(.possibleTwins)
        }
        // Two different used names: another spouse, so most likely another person (namesakes, sisters);
        // a remarriage or a divorce also does it, hence review rather than non-match.
        if v.usedNamesDiffer { contradictions.insert(.usedNamesDiffer) }
        contradictions.subtract(off.alerts)

        switch v.ins {
        case .equal:
            // The INS is the national identifier: with traits that fit, it decides; otherwise it is a
            // possible collision (wrong INS attached, shared Carte Vitale) for a human to look at.
            // (A different birth place alone does not contradict the INS: it is the trait most often mistyped.)
            // Nor do the rules on look-alikes (later first names, twins, used names) or a missing date: the INS
            // tells them apart.
            let traitsFit = contradictions.subtracting([
                .birthPlacesDiffer, .laterFirstNamesDiffer, .birthDateMissing, .possibleTwins, .usedNamesDiffer,
            ]).isEmpty
                && (v.name != .missing || v.firstNames != .missing)
            if traitsFit && score - weights[5][Int(INSLevel.equal.rawValue)] >= reviewThreshold {
                decision = .match
            } else {
                decision = .review
                alerts.insert(.insCollision)
                alerts.formUnion(contradictions)
            }
        case .different:
            if decision == .match { decision = .review }
            if decision == .review {
                alerts.insert(.conflictingINS)
                alerts.formUnion(contradictions)
            }
        case .missing:
            if decision == .match && !contradictions.isEmpty { decision = .review }
            // A review pair keeps its contradictions too: clustering must not merge across them.
            if decision == .review { alerts.formUnion(contradictions) }
        }
        if v.ins != .equal && decision != .nonMatch {
            // Never a duplicate without an INS saying so: a parent and child (dates 15 years or more apart and
            // not a one-digit typo), boy/girl twins (different first names and sex).
            let parentOrTwins = v.birthDate == .distant || (v.firstNames == .different && v.sex == .different)
            if (parentOrTwins && !off.off(.parentChildNonMatch))
                || (!off.off(.twoContradictions)
                    && Self.independentContradictions(contradictions, ins: v.ins) >= rules.contradictionsForNonMatch)
            {
                decision = .nonMatch
                alerts = []
            }
        }
        return (decision, alerts)
    }

    /// How many traits contradict the pair beyond a typo, each on its own evidence: the birth date (only the year
    /// in common, or less), the birth place, the first names, two INS. One is a desk error as often as not; two
    /// at once are the signature of look-alikes (namesakes born the same year elsewhere, twins or relatives with
    /// their own INS), so sending them to review would only bury the cell's real work.
    /// Counted on the contradictions `decide` has already found, so the rules stay defined in one place.
    static func independentContradictions(_ contradictions: MatchAlerts, ins: INSLevel) -> Int {
        let traits: [MatchAlerts] = [.birthDatesDiffer, .birthPlacesDiffer, .firstNamesDiffer]
        return traits.filter(contradictions.contains).count + (ins == .different ? 1 : 0)
    }

    func explain(_ a: PreparedRecord, _ b: PreparedRecord, termFrequencies: TermFrequencies?) -> PairScore {
        let e = evaluate(a, b, termFrequencies: termFrequencies)
        return PairScore(score: e.score, decision: e.decision, explanation: explanation(of: e))
    }

    func explanation(of e: Evaluation) -> MatchExplanation {
        var contributions = [FieldContribution(field: "prior", level: "", weight: prior)]
        for f in MatchField.allCases {
            let level = e.vector[f]
            var w = weights[f.rawValue][level]
            if f == .birthName { w += e.nameAdjustment }
            if f == .firstNames { w += e.firstAdjustment }
            contributions.append(FieldContribution(field: f.description, level: f.levels[level], weight: w))
        }
        return MatchExplanation(contributions: contributions, alerts: e.alerts.names)
    }
}
