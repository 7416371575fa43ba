import Testing
@testable import VigieCorpus

struct WeightedSamplerTests {
    @Test func drawsFollowIntegerWeightsAndSkipZeros() {
        let s = WeightedSampler(weights: [1, 0, 3])
        var r = CorpusRandom(seed: 3)
        var counts = [0, 0, 0]
        for _ in 0 ..< 40000 { counts[s.draw(&r)] += 1 }
        #expect(counts[1] == 0)
        // Expected 10000 and 30000; standard deviation ≈ 87.
        #expect(abs(counts[0] - 10000) < 700)
        #expect(s.total == 4 && s.weight(2) == 3)
    }

    @Test func zipfMandelbrotIsCalibratedOnTheTopShare() {
        // 200 000 ranks with the top rank at 0.3 %: the smallest offset reaching it.
        let (sampler, offset) = WeightedSampler.zipfMandelbrot(count: 200_000, topShare: 0.003)
        let share = Double(sampler.weight(0)) / Double(sampler.total)
        #expect(share <= 0.003)
        #expect(share > 0.0028)
        #expect(offset > 0)
        let (previous, _) = WeightedSampler.zipfMandelbrot(count: 200_000, topShare: 1)
        #expect(Double(previous.weight(0)) / Double(previous.total) > 0.05)  // q = 0: pure Zipf, 1/H(n) ≈ 7.9 %
        // Weights decrease with rank.
        #expect(sampler.weight(0) >= sampler.weight(1) && sampler.weight(1) >= sampler.weight(1000))
    }
}

struct WeightedSamplerTierTests {
    /// Each tier passed divides the weight by 4: rank 11 (after tier 10) weighs a quarter of 1/(11+q).
    @Test func tiersDampTheTail() {
        let (plain, q) = WeightedSampler.zipfMandelbrot(count: 30, topShare: 1)
        let (damped, q2) = WeightedSampler.zipfMandelbrot(count: 30, topShare: 1, tiers: [10, 20])
        #expect(q == 0 && q2 == 0)
        #expect(damped.weight(9) == plain.weight(9))
        #expect(damped.weight(10) == plain.weight(10) >> 2)
        #expect(damped.weight(25) == plain.weight(25) >> 4)
    }
}
