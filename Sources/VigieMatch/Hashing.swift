/// 64-bit hashes of normalised field values, so that the hot loops compare integers instead of strings.
///
/// FNV-1a over the bytes, then a SplitMix64 finaliser to spread the bits (FNV alone clusters short keys).
/// With 64 bits, the chance that two different values collide over the ~10⁷ pairs of a million-record run is
/// below 10⁻¹¹, far under any error rate of the data itself.
enum FieldHash {
    static let empty: UInt64 = 0

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hash of a byte string; never 0 (0 means "absent").
    static func bytes<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let m = mix(h)
        return m == 0 ? 1 : m
    }

    static func string(_ s: some StringProtocol) -> UInt64 { bytes(s.utf8) }

    /// Combines values into one key (order matters); `tag` separates the blocking passes.
    @inline(__always)
    static func combine(_ tag: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
        var h = mix(tag &* 0x9E37_79B9_7F4A_7C15 ^ a)
        h = mix(h ^ b)
        h = mix(h ^ c)
        return h == 0 ? 1 : h
    }
}
