import Testing
import VigieText

@testable import VigieINSi

@Suite struct MockFaultsTests {
    @Test func parsesASpec() throws {
        let f = try MockFaults(spec: "latency=20, timeout=every:7,http=502:p:0.25,malformed=first:2,technical=all,ratelimit=50,seed=9")
        #expect(f.latencyMilliseconds == 20 && f.rateLimit == 50 && f.rateLimitWindowSeconds == 1 && f.seed == 9)
        let windowed = try MockFaults(spec: "ratelimit=3/60")
        #expect(windowed.rateLimit == 3 && windowed.rateLimitWindowSeconds == 60)
        #expect(
            f.rules == [
                .init(.timeout, .every(7)), .init(.httpStatus(502), .probability(0.25)), .init(.malformed, .first(2)),
                .init(.technicalFault, .all),
            ])
    }

    @Test(arguments: ["latency", "latency=-1", "http=200:all", "timeout=sometimes", "bogus=1", "timeout=every:0", "http=503:p:2", "ratelimit=2/0", "ratelimit=2/x"])
    func refusesBadRules(spec: String) {
        #expect(throws: MockFaultsError.invalidRule(position: 1)) { try MockFaults(spec: spec) }
    }

    @Test func selectsRequestsDeterministically() throws {
        let f = try MockFaults(spec: "malformed=first:1,timeout=every:3")
        var random = SplitMix64(seed: 1)
        let kinds = (1...6).map { f.fault(forRequest: $0, random: &random) }
        #expect(kinds == [.malformed, nil, .timeout, nil, nil, .timeout])
    }

    @Test func probabilitiesAreSeeded() throws {
        let f = try MockFaults(spec: "http=500:p:0.5,seed=42")
        var a = SplitMix64(seed: f.seed)
        var b = SplitMix64(seed: f.seed)
        let x = (1...200).map { f.fault(forRequest: $0, random: &a) }
        let y = (1...200).map { f.fault(forRequest: $0, random: &b) }
        #expect(x == y)
        let hits = x.compactMap { $0 }.count
        #expect(hits > 60 && hits < 140)
    }
}
