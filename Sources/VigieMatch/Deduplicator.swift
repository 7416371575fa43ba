import Foundation

/// Progress of a long run, for a progress line on stderr (no identity trait).
public struct DedupeProgress: Sendable, Hashable {
    /// The stage ("blocking", "scoring", "clustering", "training"...).
    public var stage: String
    /// Units done in this stage, out of `total` (0 when unknown).
    public var done: Int
    public var total: Int
}

/// A scored candidate pair, by index into the records given to ``Deduplicator/run(_:progress:)``.
public struct ScoredPair: Sendable, Hashable {
    /// Index of the first record (the smaller index).
    public var a: Int32
    /// Index of the second record.
    public var b: Int32
    /// Posterior log2-odds.
    public var score: Double
    /// Decision after rules and clustering.
    public var decision: MatchDecision
    /// Alerts raised by the rules or by clustering.
    public var alerts: MatchAlerts
    /// A review pair between two clusters that already have a better review pair (left out of the queue).
    public var redundantReview: Bool = false
    /// A review pair listed because a review item between its two clusters covers it (not an item itself).
    public var coveredBy: Bool = false
    /// What decided the pair: its own score, clustering, or the cell's labels.
    public var via: LinkOrigin = .score
    var vector: ComparisonVector
    /// The comparison level this pair reached on a field.
    public func level(_ field: MatchField) -> String { vector.label(field) }
    /// The index of that level in ``MatchField/levels`` (0 = missing).
    public func levelIndex(_ field: MatchField) -> Int { vector[field] }
    var nameAdjustment: Float
    var firstAdjustment: Float
}

/// The result of a dedupe run.
public struct DedupeResult: Sendable {
    /// Cluster per record: the index of the cluster's representative record (same order as the input).
    public var clusterOf: [Int32]
    /// Pairs decided match or review (non-matches are not kept).
    public var pairs: [ScoredPair]
    /// What blocking did.
    public var blocking: BlockingReport
    /// Seconds spent per stage.
    public var timings: [(stage: String, seconds: Double)]
    let scorer: Scorer
    /// The match threshold after the labels' calibration (the model's when there were none).
    public var learnedMatchThreshold: Double = 0
    /// Labelled pairs among the records.
    public var labelsApplied = 0

    /// Pairs a human must look at: review pairs between two different clusters, the best one per cluster pair.
    public var reviewQueue: [ScoredPair] {
        pairs.filter { $0.decision == .review && !$0.redundantReview && !$0.coveredBy }
    }

    /// The per-field explanation of a pair.
    public func explanation(of pair: ScoredPair) -> MatchExplanation {
        var alerts = pair.alerts
        if pair.decision == .match { alerts.subtract([.clusterConflict, .ambiguousRecord]) }
        let e = Scorer.Evaluation(
            vector: pair.vector, score: pair.score, decision: pair.decision, alerts: alerts,
            nameAdjustment: Double(pair.nameAdjustment), firstAdjustment: Double(pair.firstAdjustment))
        return scorer.explanation(of: e)
    }

    /// Number of distinct clusters.
    public var clusterCount: Int {
        var n = 0
        for (i, c) in clusterOf.enumerated() where Int(c) == i { n += 1 }
        return n
    }
}

/// Batch deduplication: blocking, scoring on every core, clustering without chaining.
public struct Deduplicator: Sendable {
    /// The model (weights, thresholds).
    public var model: MatchModel
    /// Threads for blocking and scoring.
    public var threads: Int
    /// Largest block paired in full (see ``BlockingReport/blockCap``).
    public var blockCap: Int = 120
    /// Neighbours each record is paired with inside an oversized block.
    static let blockingWindow = 12

    /// Creates a deduplicator.
    public init(model: MatchModel, threads: Int = 2) {
        self.model = model
        self.threads = max(1, threads)
    }

    /// Deduplicates `records` (ids must be distinct). Term frequencies come from the records themselves unless
    /// given (a model saved with its term frequencies, ``ModelFile``).
    ///
    /// `labels` (the cell's decisions) are applied before clustering: a labelled match is linked first, a
    /// labelled non-match is never linked again, also through clustering; they also calibrate the match
    /// threshold (``LabelCalibration``) for the pairs nobody labelled.
    public func run(
        _ records: [PreparedRecord], termFrequencies: TermFrequencies? = nil, labels: LabelledPairs = LabelledPairs(),
        progress: (@Sendable (DedupeProgress) -> Void)? = nil
    ) -> DedupeResult {
        var clock = StageClock()
        let tf = termFrequencies ?? TermFrequencies(records: records)
        clock.lap("term frequencies")
        progress?(DedupeProgress(stage: "blocking", done: 0, total: records.count))
        var blocking = BlockingIndex(blockCap: blockCap, window: Self.blockingWindow, threads: threads)
        blocking.switchedOff = model.switchedOff.passes
        blocking.nameOrderOnly = model.switchedOff.off(.neighbourhoodOrders)
        let (buckets, report) = blocking.candidatePairs(records)
        clock.lap("blocking")
        return scoreAndCluster(
            records, buckets: buckets, report: report, termFrequencies: tf, labels: labels, clock: clock, progress: progress)
    }

    /// Clusters `records` from candidate pairs found elsewhere (`vigie cluster` after the Spark job's
    /// `score-blocks`): each pair is scored again here, then clustered exactly as ``run(_:termFrequencies:progress:)``
    /// does. Pairs are record indices, in any order, repeats allowed.
    public func cluster(
        _ records: [PreparedRecord], candidatePairs: [(Int32, Int32)], termFrequencies: TermFrequencies? = nil,
        progress: (@Sendable (DedupeProgress) -> Void)? = nil
    ) -> DedupeResult {
        var clock = StageClock()
        let tf = termFrequencies ?? TermFrequencies(records: records)
        var keys = candidatePairs.compactMap { p -> UInt64? in
            guard p.0 != p.1 else { return nil }
            let (a, b) = p.0 < p.1 ? p : (p.1, p.0)
            return UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
        }
        BlockingIndex.sortUnique(&keys)
        clock.lap("term frequencies")
        let report = BlockingReport(passes: [], candidatePairs: keys.count, blockCap: blockCap)
        return scoreAndCluster(records, buckets: [keys], report: report, termFrequencies: tf, clock: clock, progress: progress)
    }

    /// Scores the candidate pairs (each bucket sorted and distinct, no pair in two buckets), keeps match and
    /// review, then clusters.
    func scoreAndCluster(
        _ records: [PreparedRecord], buckets: [[UInt64]], report: BlockingReport, termFrequencies tf: TermFrequencies,
        labels: LabelledPairs = LabelledPairs(), clock: StageClock, progress: (@Sendable (DedupeProgress) -> Void)?
    ) -> DedupeResult {
        var clock = clock
        let scorer = Scorer(model: model, population: records.count)
        progress?(DedupeProgress(stage: "scoring", done: 0, total: report.candidatePairs))

        // Score every candidate pair; keep match and review. Buckets split further so both cores stay busy.
        let chunkSize = 1 << 18
        var jobs: [(bucket: Int, range: Range<Int>)] = []
        for (b, bucket) in buckets.enumerated() {
            var lo = 0
            while lo < bucket.count {
                jobs.append((b, lo..<min(bucket.count, lo + chunkSize)))
                lo += chunkSize
            }
        }
        let counter = ProgressCounter()
        let total = report.candidatePairs
        let jobList = jobs
        let kept: [[ScoredPair]] = parallelMap(jobList.count) { j in
            let (b, range) = jobList[j]
            var out: [ScoredPair] = []
            buckets[b].withUnsafeBufferPointer { pairs in
                records.withUnsafeBufferPointer { records in
                // Reading a record out of the array copies it (a dozen reference counts, contended between the
                // threads): the pairs are sorted by their first record, so it is read once for all its pairs.
                var k = range.lowerBound
                while k < range.upperBound {
                    let i = Int(pairs[k] >> 32)
                    let a = records[i]
                    let own = scorer.frequencies(of: a, in: tf)  // and its frequencies, looked up once too
                    while k < range.upperBound && Int(pairs[k] >> 32) == i {
                        let jj = Int(pairs[k] & 0xFFFF_FFFF)
                        k += 1
                        let e = scorer.evaluate(a, records[jj], termFrequencies: tf, known: own)
                        if e.decision != .nonMatch {
                            out.append(
                                ScoredPair(
                                    a: Int32(i), b: Int32(jj), score: e.score, decision: e.decision,
                                    alerts: e.alerts, vector: e.vector, nameAdjustment: Float(e.nameAdjustment),
                                    firstAdjustment: Float(e.firstAdjustment)))
                        }
                    }
                }
                }
            }
            let done = counter.add(range.count)
            progress?(DedupeProgress(stage: "scoring", done: done, total: total))
            return out
        }
        var pairs = kept.flatMap { $0 }
        var learnedThreshold = scorer.matchThreshold
        if !labels.isEmpty {
            (pairs, learnedThreshold) = Self.applyLabels(labels, to: pairs, records: records, scorer: scorer, termFrequencies: tf)
        }
        pairs.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        clock.lap("scoring")
        progress?(DedupeProgress(stage: "clustering", done: 0, total: pairs.count))
        let roots = Clustering(labels: labels).cluster(
            count: records.count, pairs: &pairs, records: records, scorer: scorer, termFrequencies: tf)
        pairs = Self.closeDecisions(
            pairs, roots: roots, records: records, scorer: scorer, termFrequencies: tf, labels: labels)
        clock.lap("clustering")
        var result = DedupeResult(clusterOf: roots, pairs: pairs, blocking: report, timings: clock.timings, scorer: scorer)
        result.learnedMatchThreshold = learnedThreshold
        result.labelsApplied = labels.count
        return result
    }
}

extension Deduplicator {
    /// Lists every record pair a decision covers: all pairs inside an automatic cluster (match: clustering
    /// checked each of them), and for each review item between two clusters, all pairs across them (review:
    /// one human decision settles them all). Pairs not scored yet are scored now, for their explanation.
    static func closeDecisions(
        _ pairs: [ScoredPair], roots: [Int32], records: [PreparedRecord], scorer: Scorer,
        termFrequencies: TermFrequencies, labels: LabelledPairs = LabelledPairs()
    ) -> [ScoredPair] {
        var members: [Int32: [Int32]] = [:]
        for (i, r) in roots.enumerated() where Int(r) != i {
            members[r, default: [r]].append(Int32(i))
        }
        var known: [UInt64: Int] = [:]
        known.reserveCapacity(pairs.count)
        for (i, p) in pairs.enumerated() { known[UInt64(UInt32(p.a)) << 32 | UInt64(UInt32(p.b))] = i }
        var out: [ScoredPair] = []
        out.reserveCapacity(pairs.count * 2)
        func pair(_ x: Int32, _ y: Int32, _ decision: MatchDecision) -> ScoredPair {
            let (a, b) = x < y ? (x, y) : (y, x)
            if let i = known[UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))] {
                var p = pairs[i]
                if decision == .match && p.decision != .match && p.via == .score { p.via = .cluster }
                p.decision = decision
                p.redundantReview = false
                if decision == .match { p.alerts.subtract([.clusterConflict, .ambiguousRecord]) }
                return p
            }
            let e = scorer.evaluate(records[Int(a)], records[Int(b)], termFrequencies: termFrequencies)
            var p = ScoredPair(
                a: a, b: b, score: e.score, decision: decision, alerts: decision == .match ? [] : e.alerts,
                vector: e.vector, nameAdjustment: Float(e.nameAdjustment), firstAdjustment: Float(e.firstAdjustment))
            if decision == .match && e.decision != .match { p.via = .cluster }
            return p
        }
        for (_, m) in members.sorted(by: { $0.key < $1.key }) {
            for x in 0..<m.count {
                for y in (x + 1)..<m.count { out.append(pair(m[x], m[y], .match)) }
            }
        }
        for p in pairs where p.decision == .review && !p.redundantReview {
            let ma = members[roots[Int(p.a)]] ?? [p.a]
            let mb = members[roots[Int(p.b)]] ?? [p.b]
            for x in ma {
                for y in mb where labels.verdict(x, y) != .nonMatch {
                    var q = pair(x, y, .review)
                    if x == p.a && y == p.b || x == p.b && y == p.a {
                        q.alerts = p.alerts
                    } else {
                        q.coveredBy = true
                        q.via = .covered
                    }
                    out.append(q)
                }
            }
        }
        return out
    }
}

extension Deduplicator {
    /// Applies the cell's labels to the scored pairs and returns them with the calibrated match threshold:
    /// labelled non-matches leave, labelled matches become `match` (`via` label, added when blocking or the
    /// rules had dropped them), and unlabelled review pairs without alert at or above the calibrated threshold
    /// become `match` (`via` learned).
    static func applyLabels(
        _ labels: LabelledPairs, to pairs: [ScoredPair], records: [PreparedRecord], scorer: Scorer,
        termFrequencies tf: TermFrequencies
    ) -> ([ScoredPair], Double) {
        var out: [ScoredPair] = []
        out.reserveCapacity(pairs.count)
        var seen: Set<UInt64> = []
        var taught: [(score: Double, isMatch: Bool)] = []
        for var p in pairs {
            guard let verdict = labels.verdict(p.a, p.b) else {
                out.append(p)
                continue
            }
            seen.insert(LabelledPairs.key(p.a, p.b))
            if p.alerts.isEmpty && p.decision == .review { taught.append((p.score, verdict == .match)) }
            if verdict == .nonMatch { continue }
            p.decision = .match
            p.alerts = []
            p.via = .label
            out.append(p)
        }
        for k in labels.matches.union(labels.nonMatches).sorted() where !seen.contains(k) {
            let (a, b) = (Int32(truncatingIfNeeded: k >> 32), Int32(truncatingIfNeeded: k & 0xFFFF_FFFF))
            let e = scorer.evaluate(records[Int(a)], records[Int(b)], termFrequencies: tf)
            let isMatch = labels.matches.contains(k)
            if e.alerts.isEmpty && e.decision == .review { taught.append((e.score, isMatch)) }
            if isMatch {
                var p = ScoredPair(
                    a: a, b: b, score: e.score, decision: .match, alerts: [], vector: e.vector,
                    nameAdjustment: Float(e.nameAdjustment), firstAdjustment: Float(e.firstAdjustment))
                p.via = .label
                out.append(p)
            }
        }
        let unlabelled = out.filter { $0.decision == .review && $0.alerts.isEmpty && $0.via == .score }.map(\.score)
        let threshold = scorer.off.off(.labelThreshold) ? scorer.matchThreshold : LabelCalibration.matchThreshold(
            current: scorer.matchThreshold, labelled: taught, unlabelled: unlabelled,
            automaticPairs: out.filter { $0.decision == .match }.count)
        for i in out.indices
        where out[i].decision == .review && out[i].alerts.isEmpty && out[i].via == .score && out[i].score >= threshold {
            out[i].decision = .match
            out[i].via = .learned
        }
        return (out, threshold)
    }
}

/// Seconds per stage of a run.
struct StageClock {
    var timings: [(stage: String, seconds: Double)] = []
    var last = Date()
    mutating func lap(_ stage: String) {
        let now = Date()
        timings.append((stage, now.timeIntervalSince(last)))
        last = now
    }
}

/// A thread-safe running total.
final class ProgressCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += n
        return value
    }
}
