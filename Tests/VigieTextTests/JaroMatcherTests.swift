import Testing
@testable import VigieText

@Suite struct JaroMatcherTests {
    /// Jaro as the textbook (and jellyfish) writes it: flags, nested loops. The reference for the bit-parallel
    /// matcher, on random strings over a small alphabet (many repeated letters, the hard case for matching).
    static func naiveJaro(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var flagsA = [Bool](repeating: false, count: a.count), flagsB = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window), high = min(b.count - 1, i + window)
            if low > high { continue }
            for j in low...high where !flagsB[j] && a[i] == b[j] {
                flagsA[i] = true; flagsB[j] = true; matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var k = 0, transpositions = 0
        for i in a.indices where flagsA[i] {
            while !flagsB[k] { k += 1 }
            if a[i] != b[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        return (m / Double(a.count) + m / Double(b.count) + (m - Double(transpositions / 2)) / m) / 3
    }

    @Test func bitParallelEqualsTheTextbookOnRandomStrings() {
        var generator = SplitMix64(seed: 0x1A50)
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            let a = (0..<Int.random(in: 0...70, using: &generator)).map { _ in UInt8.random(in: 0x41...0x45, using: &generator) }
            let b = (0..<Int.random(in: 0...70, using: &generator)).map { _ in UInt8.random(in: 0x41...0x45, using: &generator) }
            let fast = StringSimilarity.jaro(a, b), naive = Self.naiveJaro(a, b)
            if abs(fast - naive) > 1e-12 { mismatches.append("\(a) \(b): \(fast) vs \(naive)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// Bytes of every value (the position table is indexed by byte) and the 64-byte boundary.
    @Test func everyByteValueAndTheBoundary() {
        let all = Array(UInt8.min...UInt8.max)
        #expect(StringSimilarity.jaro(all, all) == 1)
        let sixtyFour = Array(all.prefix(64)), shifted = Array(all.dropFirst().prefix(64))
        #expect(abs(StringSimilarity.jaro(sixtyFour, shifted) - Self.naiveJaro(sixtyFour, shifted)) < 1e-12)
    }
}
