import Testing
@testable import VigieMatch

/// The sorted neighbourhood of an oversized block (``BlockingIndex/pairBlock``): the pairs it reaches must not
/// depend on how many records share the block, i.e. on the file's size.
@Suite struct BlockingIndexTests {
    /// Pairs emitted for a block of `count` members whose sort keys are given per order.
    static func pairs(
        count: Int, orders: Int, key: (UInt32, Int) -> (UInt64, UInt64)
    ) -> Set<[UInt32]> {
        var out: Set<[UInt32]> = []
        var scratch: [(UInt64, UInt64, UInt32)] = []
        let oversized = BlockingIndex.pairBlock(
            (0..<UInt32(count)).map { $0 }, blockCap: 120, window: 12, orders: orders, scratch: &scratch,
            sortKey: key, emit: { x, y in out.insert([min(x, y), max(x, y)]) })
        #expect(oversized)
        return out
    }

    /// A block of 240 records of one name (a frequent name born the same year in a big file): member 0 and
    /// member 239 are one person with a day typo (dates 12 and 21 March), members 5 and 150 one person with the
    /// same first name and a month typo. Sorted on the name alone, ties fall in the batch's order and neither
    /// pair is within 12 places; sorted by name then date, and by first name then date, both are.
    @Test func bothOrdersReachWhatTheNameOrderAloneMisses() {
        // Dates spread over the year (day of year → YYYYMMDD-like number), member 239 next to member 0.
        func date(_ m: UInt32) -> UInt64 {
            if m == 0 { return 1970_03_12 }
            if m == 239 { return 1970_03_21 }
            if m == 5 { return 1970_02_10 }
            if m == 150 { return 1970_09_10 }
            let day = UInt64(m * 3 % 360)
            return 1970_00_00 + (day / 30 + 1) * 100 + day % 30 + 1
        }
        // First names: all distinct but members 5 and 150.
        func first(_ m: UInt32) -> UInt64 { m == 150 ? 5 : UInt64(m) }
        let name: UInt64 = 42
        let nameOnly = Self.pairs(count: 240, orders: 1) { _, _ in (name, 0) }
        #expect(!nameOnly.contains([0, 239]))
        #expect(!nameOnly.contains([5, 150]))
        let both = Self.pairs(count: 240, orders: 2) { m, order in order == 0 ? (name, date(m)) : (first(m), date(m)) }
        #expect(both.contains([0, 239]))
        #expect(both.contains([5, 150]))
        // Work stays bounded: at most `window` pairs per member and order.
        #expect(both.count <= 240 * 12 * 2)
    }

    /// The keys read the compact birth name, the first first name and the birth date.
    @Test func neighbourhoodKeysReadNameFirstNameAndDate() throws {
        let a = try record("A", "MARTIN", "SIDONIE", "F", "1970-03-12")
        let b = try record("B", "MARTIN", "SIDONIE", "F", "1970-03-21")
        let c = try record("C", "MARTINEZ", "SIDONIE", "F", "1970-03-12")
        #expect(BlockingIndex.neighbourhoodKey(a, order: 0).0 == BlockingIndex.neighbourhoodKey(b, order: 0).0)
        #expect(BlockingIndex.neighbourhoodKey(a, order: 0).1 == 1970_03_12)
        #expect(BlockingIndex.neighbourhoodKey(a, order: 0) < BlockingIndex.neighbourhoodKey(b, order: 0))
        #expect(BlockingIndex.neighbourhoodKey(a, order: 0).0 != BlockingIndex.neighbourhoodKey(c, order: 0).0)
        #expect(BlockingIndex.neighbourhoodKey(a, order: 1).0 == BlockingIndex.neighbourhoodKey(c, order: 1).0)
        #expect(BlockingIndex.neighbourhoodKey(b, order: 1).1 == 1970_03_21)
    }
}
