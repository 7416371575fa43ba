import Testing

@testable import VigieText

@Suite struct SplitMix64Tests {
    /// Seed 1234567: values of Vigna's reference `splitmix64.c` as pinned by Arc.Crypto's
    /// `Xoshiro256StarStarTest.Test1` (the vector VigieCorpus's tests used first).
    @Test func matchesTheReferenceImplementation() {
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    @Test func unitDrawsStayInTheHalfOpenInterval() {
        var generator = SplitMix64(seed: 42)
        let draws = (0..<10_000).map { _ in generator.nextUnit() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        // A uniform sample of 10 000 has its mean within 0.02 of 1/2 with overwhelming probability.
        #expect(abs(draws.reduce(0, +) / Double(draws.count) - 0.5) < 0.02)
    }
}
