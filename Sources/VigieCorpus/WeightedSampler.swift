/// Draws indices `0 ..< count` with probability proportional to integer weights.
///
/// Weights are integers so that the cumulative table, hence every draw, is the same on every machine.
/// A draw is one uniform integer and a binary search over the cumulative table.
public struct WeightedSampler: Sendable {
    /// Cumulative weights: `cumulative[i]` = sum of weights `0 ... i`.
    private let cumulative: [UInt64]

    /// A sampler over `weights` (at least one must be positive; zero weights are never drawn).
    public init(weights: [UInt64]) {
        var running: UInt64 = 0
        var table: [UInt64] = []
        table.reserveCapacity(weights.count)
        for w in weights {
            running += w
            table.append(running)
        }
        precondition(running > 0, "at least one weight must be positive")
        cumulative = table
    }

    /// How many outcomes there are.
    public var count: Int { cumulative.count }

    /// The sum of all weights.
    public var total: UInt64 { cumulative[cumulative.count - 1] }

    /// The weight of outcome `index`.
    public func weight(_ index: Int) -> UInt64 {
        index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1]
    }

    /// Draws one index.
    public func draw(_ random: inout CorpusRandom) -> Int {
        let u = random.next().multipliedFullWidth(by: total).high  // uniform in 0 ..< total, bias < total/2⁶⁴
        // First index whose cumulative weight exceeds u.
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Zipf–Mandelbrot weights over frequency ranks: `w(r) ∝ 1 / (r + q)` for ranks `1 ... count`, with the
    /// integer offset `q` chosen as the smallest that brings the top rank's share down to `topShare` or less.
    ///
    /// A pure Zipf law (q = 0) over 219 000 surnames would give the top surname 7.8 % of people; the French
    /// top surname (MARTIN) holds about 0.3 %, hence the flattening offset. Integer arithmetic only.
    ///
    /// `tiers` (rank cut-offs, e.g. the common / uncommon / rare limits of the name lists) damp the tail: each
    /// tier passed divides the weights by 4, so that rare names stay rare (a pure 1/r tail over 2 000 first names
    /// would give a fifth of people a name outside the common ones).
    public static func zipfMandelbrot(count: Int, topShare: Double, tiers: [Int] = []) -> (sampler: WeightedSampler, offset: Int) {
        precondition(count > 0)
        let scale: UInt64 = 1 << 40
        func weights(_ q: Int) -> [UInt64] {
            (1 ... count).map { rank in
                var damping: UInt64 = 0
                for limit in tiers where rank > limit { damping += 2 }
                return (scale / UInt64(rank + q)) >> damping
            }
        }
        func topShareOK(_ w: [UInt64]) -> Bool {
            let sum = w.reduce(0, +)
            // w[0] / sum <= topShare, compared in parts per 10⁹ to stay in integers.
            let target = UInt64((min(max(topShare, 0), 1) * 1e9).rounded())
            return w[0].multipliedFullWidth(by: 1_000_000_000) <= sum.multipliedFullWidth(by: target)
        }
        if topShareOK(weights(0)) { return (WeightedSampler(weights: weights(0)), 0) }
        // Share of the top rank decreases as q grows: exponential then binary search for the smallest q.
        var hi = 1
        while !topShareOK(weights(hi)) && hi < 1 << 30 { hi *= 2 }
        var lo = hi / 2
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if topShareOK(weights(mid)) { hi = mid } else { lo = mid }
        }
        return (WeightedSampler(weights: weights(hi)), hi)
    }
}
