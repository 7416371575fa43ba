/// The figures of an evaluation (anchors-matching research notes §5.3). Ratios are nil where their
/// denominator is zero (e.g. precision when nothing was merged).
public struct EvaluationReport: Sendable, Hashable, Codable {
    /// Records in the truth.
    public var records: Int
    /// Distinct true persons.
    public var persons: Int
    /// Predicted clusters (records absent from the clustering count as singletons).
    public var clusters: Int
    /// Truth records absent from the clustering (counted as singletons).
    public var recordsMissingFromClusters: Int
    /// Clustering rows whose record is not in the truth (ignored).
    public var clusterRowsNotInTruth: Int

    /// Pairwise figures of the clustering.
    public var pairwise: Pairwise
    /// B³ (per-record) precision and recall.
    public var bCubed: BCubed
    /// Predicted clusters holding two or more true persons.
    public var collisions: Collisions
    /// True persons split over two or more clusters.
    public var duplicates: Duplicates
    /// Figures of the scored pairs, when given.
    public var scoredPairs: ScoredPairs?
    /// True pairs by error kind present in either record (a pair counts under each of its kinds; `none` for
    /// pairs without errors), when errors are given.
    public var byErrorKind: [ErrorKindRow]?
    /// False merges by look-alike kind, when look-alikes are given (`other` for false pairs of unrelated persons).
    public var byLookAlikeKind: [LookAlikeRow]?

    public struct Pairwise: Sendable, Hashable, Codable {
        /// Record pairs of the same person.
        public var truePairs: Int
        /// Record pairs in the same predicted cluster.
        public var predictedPairs: Int
        /// Record pairs both true and predicted.
        public var truePositives: Int
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?
        /// F-measure weighting precision twice as much as recall (a false merge is worse than a duplicate).
        public var f05: Double?
    }

    public struct BCubed: Sendable, Hashable, Codable {
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?
    }

    public struct Collisions: Sendable, Hashable, Codable {
        /// Predicted clusters holding two or more true persons.
        public var clusters: Int
        /// Records in those clusters.
        public var records: Int
        /// True persons involved in those clusters.
        public var persons: Int
        /// Record pairs of different persons merged (predicted pairs − true positives).
        public var falsePairs: Int
    }

    public struct Duplicates: Sendable, Hashable, Codable {
        /// True persons whose records are in two or more clusters.
        public var persons: Int
        /// Clusters beyond the first, summed over persons (how many merges are missing).
        public var extraClusters: Int
        /// Records outside their person's largest cluster.
        public var records: Int
        /// True record pairs not merged (true pairs − true positives).
        public var missedPairs: Int
    }

    public struct ScoredPairs: Sendable, Hashable, Codable {
        /// Rows of the pairs file (each unordered pair counted once; rows naming unknown ids are skipped).
        public var pairs: Int
        /// Rows naming a record absent from the truth (skipped).
        public var rowsWithUnknownRecords: Int
        /// Pairs decided `match`.
        public var autoMatches: Int
        /// Of those, pairs of the same person.
        public var autoMatchesTrue: Int
        /// Precision of the automatic matches.
        public var autoMatchPrecision: Double?
        /// Share of true pairs decided `match`.
        public var autoMatchRecall: Double?
        /// Pairs decided `review`: the review queue.
        public var reviewQueue: Int
        /// Of those, pairs of the same person.
        public var reviewTrue: Int
        /// Review queue per 1 000 records.
        public var reviewQueuePer1000Records: Double?
        /// Share of true pairs decided `match` or `review` (recall after a perfect reviewer).
        public var autoPlusReviewRecall: Double?
        /// Review items: review rows that are not marked `covered` in pairs.csv's `via` column (a pair listed
        /// only because the review item between its two clusters covers it). The figure report.md and
        /// review.csv give; equal to ``reviewQueue`` for a pairs.csv without that column.
        public var reviewItems: Int = 0
    }

    public struct ErrorKindRow: Sendable, Hashable, Codable {
        /// The error label (`none` for pairs without errors).
        public var kind: String
        /// True pairs where either record carries the kind.
        public var truePairs: Int
        /// Of those, pairs not in the same predicted cluster.
        public var missedPairs: Int
        /// Clustering recall on those pairs.
        public var recall: Double?
        /// With scored pairs: share decided `match`.
        public var autoMatchRecall: Double?
        /// With scored pairs: share decided `match` or `review`.
        public var autoPlusReviewRecall: Double?
    }

    public struct LookAlikeRow: Sendable, Hashable, Codable {
        /// The look-alike kind (`other` for unrelated persons).
        public var kind: String
        /// Person pairs of this kind in the look-alike file (0 for `other`).
        public var personPairs: Int
        /// Person pairs of this kind with records in a common cluster.
        public var mergedPersonPairs: Int
        /// Record pairs of different persons of this kind in the same cluster.
        public var falseRecordPairs: Int
        /// With scored pairs: record pairs of this kind decided `match`.
        public var autoMatchPairs: Int?
        /// With scored pairs: record pairs of this kind decided `review`.
        public var reviewPairs: Int?
    }
}
