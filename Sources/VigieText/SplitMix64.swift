/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator.
///
/// Every reproducible draw in Vigie uses it — EM's random pairs, the mock teleservice's injected faults, the
/// corpus generator's seeding of xoshiro, seeded test data — so the same seed gives the same run on every machine
/// (the standard library's generator cannot be seeded). Not for anything that must be unpredictable.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's whole state: the last value of the Weyl sequence.
    public private(set) var state: UInt64

    /// Creates a generator whose state starts at `seed` (Vigna's `splitmix64.c` with `x = seed`).
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform double in [0, 1) from the top 53 bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// SplitMix64's output function: a bijective 64-bit mixer, also used to derive independent seeds.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
