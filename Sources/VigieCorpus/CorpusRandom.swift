import VigieText
/// The generator's own pseudo-random source: xoshiro256** seeded through SplitMix64.
///
/// Foundation's and the standard library's generators are not specified to give the same sequence on every
/// platform and version, so the corpus uses these two published algorithms (Blackman & Vigna,
/// <https://prng.di.unimi.it>) and only integer arithmetic: the same seed gives the same bytes everywhere.
public struct CorpusRandom: Sendable, RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for `seed`, optionally split into an independent `stream` (a unit, a phase).
    public init(seed: UInt64, stream: UInt64 = 0) {
        var sm = SplitMix64(seed: seed ^ SplitMix64.mix(stream &+ 0x5851_F42D_4C95_7F2D))
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one xoshiro cannot leave
    }

    /// A generator with a raw state (for reference vectors; the state must not be all zero).
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform integer in `0 ..< bound` (Lemire's multiply-and-reject, unbiased). `bound` must be positive.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `rate` (a ``Rate``, exact in 2⁻⁵³ steps).
    public mutating func chance(_ rate: Rate) -> Bool {
        rate.threshold != 0 && (next() >> 11) < rate.threshold
    }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + below(items.count)]
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}


/// A probability held as an integer threshold over 2⁵³, so that draws never depend on floating-point rounding
/// of intermediate results (the conversion from the profile's decimal happens once, and is exact IEEE rounding).
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `p × 2⁵³`, rounded down; 0 = never, 2⁵³ = always.
    public let threshold: UInt64

    /// A rate from a probability in `0 ... 1` (values outside are clamped).
    public init(_ probability: Double) {
        let p = min(max(probability, 0), 1)
        threshold = UInt64(p * 9_007_199_254_740_992.0)
    }

    /// Never.
    public static let never = Rate(0)

    /// The probability as a `Double` (for reports).
    public var probability: Double { Double(threshold) / 9_007_199_254_740_992.0 }

    public static func < (a: Rate, b: Rate) -> Bool { a.threshold < b.threshold }
    public var description: String { "\(probability)" }
}
