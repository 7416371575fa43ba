/// Why a pair is decided as it is in the output: its own score and rules, clustering, or the cell.
public enum LinkOrigin: String, Sendable, Hashable, CaseIterable {
    /// The pair's own score and the rules.
    case score
    /// A pair inside an automatic cluster whose own decision was below match: complete linkage checked that it
    /// fits (every cross pair at least review, no alert), so clustering lists it as a match.
    case cluster
    /// The cell labelled it (`--decisions`).
    case label
    /// Promoted by the match threshold that the cell's labels calibrated (``LabelCalibration``).
    case learned
    /// A review pair listed because the review item between its two clusters covers it: not an item of its own
    /// (review.csv and report.md count items, so `vigie evaluate` leaves these out of the review queue).
    case covered
}

extension DedupeResult {
    /// The review queue in the order in which the cell should work through it: the labels that teach most first.
    ///
    /// Items are grouped by what the model sees of them (the comparison level of each field and the alerts): a
    /// label on one item says something about every item of its group, and ``LabelCalibration`` learns from
    /// them. Groups are visited largest first, one item per group per round (200 labels then cover the 200 most
    /// common kinds of doubt rather than one kind 200 times), and inside a group the item nearest the match
    /// threshold comes first: the one the model is least sure of (uncertainty sampling, as the active learners of
    /// dedupe.io and Zingg do; Splink has none). Deterministic: ties fall to the record indices.
    public var reviewOrder: [ScoredPair] {
        let queue = reviewQueue
        var groups: [Int: [Int]] = [:]
        for (i, p) in queue.enumerated() {
            groups[p.vector.pattern &* 8192 &+ Int(p.alerts.rawValue), default: []].append(i)
        }
        let threshold = scorer.matchThreshold
        func doubt(_ i: Int) -> Double { abs(queue[i].score - threshold) }
        func before(_ i: Int, _ j: Int) -> Bool {
            let (x, y) = (doubt(i), doubt(j))
            if x != y { return x < y }
            return (queue[i].a, queue[i].b) < (queue[j].a, queue[j].b)
        }
        var lists = groups.values.map { $0.sorted(by: before) }
        lists.sort { x, y in x.count != y.count ? x.count > y.count : before(x[0], y[0]) }
        var out: [ScoredPair] = []
        out.reserveCapacity(queue.count)
        var round = 0
        while out.count < queue.count {
            for l in lists where round < l.count { out.append(queue[l[round]]) }
            round += 1
        }
        return out
    }
}

/// What the cell's labels teach the decision: how far the match threshold may come down.
///
/// The labelled pairs without alert, scored below the match threshold, are read from the highest score down. The
/// threshold may come down to the score of a labelled match as long as no labelled non-match lies at or above it,
/// and as long as the false merges expected among the unlabelled pairs it would promote stay within half the
/// precision budget (1 − 0.999 of the automatic pairs): each promoted pair is false with the rule-of-succession
/// estimate (non-matches + 1) / (labels + 2) of its band. Few labels therefore move the threshold little, and a
/// single non-match stops it.
public enum LabelCalibration {
    /// The precision the automatic decisions must keep.
    public static let precisionTarget = 0.999

    /// - Parameters:
    ///   - labelled: score and verdict of each labelled pair that has no alert.
    ///   - unlabelled: scores of the unlabelled review pairs without alert (what a lower threshold promotes).
    ///   - automaticPairs: pairs already decided match.
    public static func matchThreshold(
        current: Double, labelled: [(score: Double, isMatch: Bool)], unlabelled: [Double], automaticPairs: Int
    ) -> Double {
        let below = labelled.filter { $0.score < current }.sorted { $0.score > $1.score }
        let pending = unlabelled.filter { $0 < current }.sorted(by: >)
        var best = current
        var matches = 0
        var nonMatches = 0
        var k = 0
        for l in below {
            if !l.isMatch {
                nonMatches += 1
                break
            }
            matches += 1
            while k < pending.count && pending[k] >= l.score { k += 1 }
            let expectedFalse = Double(k) * Double(nonMatches + 1) / Double(matches + nonMatches + 2)
            let budget = 0.5 * (1 - precisionTarget) * Double(automaticPairs + k)
            if expectedFalse <= budget { best = l.score }
        }
        return best
    }
}
