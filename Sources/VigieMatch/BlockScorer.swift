/// Scores the records of one block, as `vigie score-blocks` does for the Spark job (docs/spark.md): the block is
/// paired with ``BlockingIndex/pairBlock(_:blockCap:window:orders:scratch:sortKey:emit:)``, the function
/// ``Deduplicator`` pairs its blocks with, and each pair is scored by the same scorer. A pair that two blocks
/// share is scored in each; the job keeps one.
public struct BlockScorer: Sendable {
    /// One pair of a block that scored match or review (non-matches are left out, as in ``Deduplicator``).
    public struct Pair: Sendable {
        /// Positions in the block given to ``pairs(in:)``, `a` < `b`.
        public var a: Int
        public var b: Int
        /// Posterior log2-odds.
        public var score: Double
        /// The pair's decision before clustering.
        public var decision: MatchDecision
        /// Each field's level and weight, and the alerts.
        public var explanation: MatchExplanation
    }

    let scorer: Scorer
    let termFrequencies: TermFrequencies
    var blockCap = Deduplicator(model: .builtIn).blockCap
    var window = Deduplicator.blockingWindow

    /// A scorer for a population of `population` records whose names have these frequencies (a model file's,
    /// ``ModelFile/termFrequencies(contentsOf:)``: a block alone cannot count them).
    public init(model: MatchModel, termFrequencies: TermFrequencies, population: Int? = nil) {
        scorer = Scorer(model: model, population: population ?? termFrequencies.total)
        self.termFrequencies = termFrequencies
    }

    /// The pairs of one block whose records are given distinct and in the batch's order.
    public func pairs(in block: [PreparedRecord]) -> [Pair] {
        var out: [Pair] = []
        var scratch: [(UInt64, UInt64, UInt32)] = []
        let members = (0..<block.count).map { UInt32($0) }
        let nameOrderOnly = scorer.off.off(.neighbourhoodOrders)
        _ = BlockingIndex.pairBlock(
            members, blockCap: blockCap, window: window,
            orders: nameOrderOnly ? 1 : BlockingIndex.neighbourhoodOrders, scratch: &scratch,
            sortKey: {
                nameOrderOnly ? (BlockingIndex.sortKey(block[Int($0)]), 0) : BlockingIndex.neighbourhoodKey(block[Int($0)], order: $1)
            },
            emit: { x, y in
                let (a, b) = x < y ? (Int(x), Int(y)) : (Int(y), Int(x))
                let e = scorer.evaluate(block[a], block[b], termFrequencies: termFrequencies)
                if e.decision != .nonMatch {
                    out.append(
                        Pair(a: a, b: b, score: e.score, decision: e.decision, explanation: scorer.explanation(of: e)))
                }
            })
        return out
    }
}
