/// The matching step of Jaro, shared by Jaro and Jaro–Winkler.
///
/// Same greedy rule as jellyfish: each character of `a`, left to right, takes the first unmatched equal
/// character of `b` within the window. For `a` and `b` up to 64 bytes of ASCII the candidates are found with
/// bit masks (`bitParallel`); otherwise by scanning with flags in a stack buffer.
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

    /// Bit-parallel matching for `b` of at most 64 bytes, all below 0x80 (INS forms): one 64-bit word of
    /// positions per byte value of `b`, in a 128-entry table on the stack (only the entries read are set up).
    /// The window is a mask sliding one bit per character of `a`.
    private static func bitParallel(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 128) { table -> (Int, Int) in
            let positions = table.baseAddress!
            for byte in b {
                if byte >= 0x80 { return scanning(a, b) }
                positions[Int(byte)] = 0
            }
            for byte in a where byte < 0x80 { positions[Int(byte)] = 0 }
            var bit: UInt64 = 1
            for byte in b {
                positions[Int(byte)] |= bit
                bit &<<= 1
            }
            let window = window(a.count, b.count)
            let lengthMask: UInt64 = b.count == 64 ? ~0 : (1 &<< UInt64(b.count)) &- 1
            // Positions of b within the window of a[0]: [0, window].
            var bound: UInt64 = window >= 63 ? ~0 : (1 &<< UInt64(window + 1)) &- 1
            var flaggedA: UInt64 = 0
            var flaggedB: UInt64 = 0
            for i in 0..<a.count {
                let byte = a[i]
                let candidates = byte < 0x80 ? positions[Int(byte)] & bound & lengthMask & ~flaggedB : 0
                flaggedB |= candidates & (0 &- candidates)  // lowest set bit: the first free match
                flaggedA |= (candidates == 0 ? 0 : 1) &<< UInt64(i)
                // Slide the window: it grows until it spans 2·window+1 positions, then moves.
                bound = i < window ? (bound &<< 1) | 1 : bound &<< 1
            }
            let matches = flaggedA.nonzeroBitCount
            var transpositions = 0
            var restA = flaggedA
            var restB = flaggedB
            while restA != 0 {
                if a[restA.trailingZeroBitCount] != b[restB.trailingZeroBitCount] { transpositions += 1 }
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
