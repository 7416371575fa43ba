import Testing
@testable import VigieCorpus

struct CorpusRandomTests {
    /// Reference outputs of xoshiro256** from the state {1, 2, 3, 4}, produced with the authors' C
    /// implementation (rust-random/rngs, rand_xoshiro `xoshiro256starstar.rs`, test `reference`).
    @Test func xoshiroMatchesTheReferenceImplementation() {
        var r = CorpusRandom(state: (1, 2, 3, 4))
        let expected: [UInt64] = [
            11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
            607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
            10_595_114_339_597_558_777, 2_904_607_092_377_533_576,
        ]
        #expect((0 ..< expected.count).map { _ in r.next() } == expected)
    }

    @Test func sameSeedAndStreamGiveTheSameSequence() {
        var a = CorpusRandom(seed: 42, stream: 7)
        var b = CorpusRandom(seed: 42, stream: 7)
        var c = CorpusRandom(seed: 42, stream: 8)
        let sa = (0 ..< 16).map { _ in a.next() }
        #expect(sa == (0 ..< 16).map { _ in b.next() })
        #expect(sa != (0 ..< 16).map { _ in c.next() })
    }

    @Test func belowStaysInRangeAndCoversIt() {
        var r = CorpusRandom(seed: 1)
        var seen = [Int](repeating: 0, count: 7)
        for _ in 0 ..< 7000 {
            let v = r.below(7)
            #expect((0 ..< 7).contains(v))
            seen[v] += 1
        }
        // Each value expected 1000 times; 800 is more than 6 standard deviations (≈ 29) away.
        #expect(seen.allSatisfy { $0 > 800 && $0 < 1200 })
    }

    @Test func chanceFollowsTheRate() {
        var r = CorpusRandom(seed: 9)
        #expect(!(0 ..< 1000).contains { _ in r.chance(.never) })
        #expect((0 ..< 1000).allSatisfy { _ in r.chance(Rate(1)) })
        let hits = (0 ..< 20000).filter { _ in r.chance(Rate(0.25)) }.count
        // Expected 5000, standard deviation ≈ 61.
        #expect(abs(hits - 5000) < 400)
    }
}
