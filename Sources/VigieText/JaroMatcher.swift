/// The matching step of Jaro, shared by Jaro and Jaro–Winkler.
///
/// Same greedy rule as jellyfish: each character of `a`, left to right, takes the first unmatched equal
/// character of `b` within the window. For `b` up to 64 bytes the candidates are found with bit masks
/// (one 64-bit word per distinct byte of `b`, set up in O(|a|+|b|) in an uninitialised stack table).
enum JaroMatcher {
    @inline(__always)
    static func similarity(matches: Int, transpositions: Int, _ lengthA: Int, _ lengthB: Int) -> Double {
        if lengthA == 0 && lengthB == 0 { return 1 }
        if matches == 0 { return 0 }
        let m = Double(matches)
        return (m / Double(lengthA) + m / Double(lengthB) + (m - Double(transpositions / 2)) / m) / 3
    }

    /// (matches, positions where the matched characters, read in order, differ: twice the transpositions).
    @inline(__always)
    static func matches(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        if a.isEmpty || b.isEmpty { return (0, 0) }
        if b.count <= 64 && a.count <= 64 { return bitParallel(a, b) }
        return scanning(a, b)
    }

    static func window(_ lengthA: Int, _ lengthB: Int) -> Int {
        max(0, max(lengthA, lengthB) / 2 - 1)
    }

    private static func bitParallel(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 256) { table in
            let positions = table.baseAddress!
            for byte in a { positions[Int(byte)] = 0 }
            for byte in b { positions[Int(byte)] = 0 }
            for j in 0..<b.count { positions[Int(b[j])] |= 1 &<< UInt64(j) }
            let window = window(a.count, b.count)
            var flaggedA: UInt64 = 0
            var flaggedB: UInt64 = 0
            for i in 0..<a.count {
                let low = max(0, i - window)
                let high = min(b.count - 1, i + window)
                if low > high { break }
                let span = high - low + 1
                let range: UInt64 = (span >= 64 ? ~0 : ((1 &<< UInt64(span)) &- 1)) &<< UInt64(low)
                let candidates = positions[Int(a[i])] & range & ~flaggedB
                if candidates != 0 {
                    flaggedB |= candidates & (0 &- candidates)  // lowest set bit: the first free match
                    flaggedA |= 1 &<< UInt64(i)
                }
            }
            let matches = flaggedA.nonzeroBitCount
            var transpositions = 0
            var restA = flaggedA
            var restB = flaggedB
            while restA != 0 {
                let i = restA.trailingZeroBitCount
                let j = restB.trailingZeroBitCount
                if a[i] != b[j] { transpositions += 1 }
                restA &= restA &- 1
                restB &= restB &- 1
            }
            return (matches, transpositions)
        }
    }

    private static func scanning(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: a.count + b.count) { flags in
            flags.initialize(repeating: false)
            let window = window(a.count, b.count)
            var matches = 0
            for i in 0..<a.count {
                let low = max(0, i - window)
                let high = min(b.count - 1, i + window)
                if low > high { break }
                for j in low...high where !flags[a.count + j] && a[i] == b[j] {
                    flags[i] = true
                    flags[a.count + j] = true
                    matches += 1
                    break
                }
            }
            var transpositions = 0
            var j = 0
            for i in 0..<a.count where flags[i] {
                while !flags[a.count + j] { j += 1 }
                if a[i] != b[j] { transpositions += 1 }
                j += 1
            }
            return (matches, transpositions)
        }
    }
}
