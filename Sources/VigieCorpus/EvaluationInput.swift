/// What ``Evaluation`` compares: the truth, a predicted clustering and, optionally, scored pairs, the error
/// kinds each record carries and look-alike pairs of persons.
///
/// Error kinds and look-alike kinds are free labels, so that held-out corpora with their own error model can
/// be evaluated too.
public struct EvaluationInput: Sendable {
    /// Record id → true person id.
    public var truth: [(record: String, person: String)]
    /// Record id → predicted cluster id. Records of the truth absent here count as singletons.
    public var clusters: [(record: String, cluster: String)]
    /// Scored pairs with the engine's decision, if given.
    public var pairs: [ScoredPair]?
    /// Error labels per record, if given.
    public var errors: [(record: String, kinds: [String])]?
    /// Look-alike pairs of different persons, if given.
    public var lookAlikes: [LookAlike]?

    /// An input; everything but the truth and the clusters is optional.
    public init(
        truth: [(record: String, person: String)], clusters: [(record: String, cluster: String)],
        pairs: [ScoredPair]? = nil, errors: [(record: String, kinds: [String])]? = nil, lookAlikes: [LookAlike]? = nil
    ) {
        self.truth = truth
        self.clusters = clusters
        self.pairs = pairs
        self.errors = errors
        self.lookAlikes = lookAlikes
    }

    /// One line of `pairs.csv`.
    public struct ScoredPair: Sendable, Hashable {
        public var a: String
        public var b: String
        public var decision: Decision
        /// `via` = `covered`: a review pair listed under the review item of its two clusters, not an item.
        public var coveredByItem: Bool
        public init(a: String, b: String, decision: Decision, coveredByItem: Bool = false) {
            self.a = a
            self.b = b
            self.decision = decision
            self.coveredByItem = coveredByItem
        }
    }

    /// The engine's decision on a pair (the `decision` column of `pairs.csv`).
    public enum Decision: String, Sendable, Hashable, Codable {
        case match
        case review
        case nonMatch = "non-match"
    }

    /// Two persons a careless engine would merge, and why they look alike.
    public struct LookAlike: Sendable, Hashable {
        public var person: String
        public var kind: String
        public var other: String
        public init(person: String, kind: String, other: String) {
            self.person = person
            self.kind = kind
            self.other = other
        }
    }
}
