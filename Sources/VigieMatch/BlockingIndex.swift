/// The blocking passes: two records become a candidate pair when they share the key of at least one pass.
///
/// Each pass tolerates errors the others do not: a typo in the name is caught by the passes on the birth date,
/// a wrong date by the passes on names and place, a married name typed as birth name by the crossed pass,
/// swapped name and first name by the unordered pass, a missing date by name + first name and by the INS.
public enum BlockingPass: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Phonetic key of the birth name or of the used name (crossed: both go in the same pass) + birth year.
    case nameYear
    /// Birth date + first letter of the birth name or used name.
    case dateInitial
    /// Phonetic key of the first first name + birth place (current COG code).
    case firstNamePlace
    /// Phonetic key of the first first name + birth date.
    case firstNameDate
    /// Phonetic keys of birth name and first name (no date: catches a wrong or missing date).
    case nameFirstName
    /// Birth year + the two phonetic keys of name and first name, unordered (catches a name/first-name swap).
    case unorderedNames
    /// Birth date + the phonetic key of the birth name or of any of the first three first names, in one key
    /// space (catches a shifted list: the first first name typed as birth name, the birth name moved into the
    /// first names, where the swap pass's first-first-name key no longer meets).
    case dateAnyName
    /// The INS.
    case ins

    public var description: String {
        switch self {
        case .nameYear: return "name phonetic (birth or used) + birth year"
        case .dateInitial: return "birth date + name initial"
        case .firstNamePlace: return "first-name phonetic + birth place"
        case .firstNameDate: return "first-name phonetic + birth date"
        case .nameFirstName: return "name phonetic + first-name phonetic"
        case .unorderedNames: return "birth year + {name, first name} phonetic, unordered"
        case .dateAnyName: return "birth date + name or any first name phonetic (shifted lists)"
        case .ins: return "INS"
        }
    }

    /// The pass's name in `--switch-off blocking.NAME` (``SwitchedOff``).
    public var shortName: String {
        switch self {
        case .nameYear: return "name-year"
        case .dateInitial: return "date-initial"
        case .firstNamePlace: return "first-name-place"
        case .firstNameDate: return "first-name-date"
        case .nameFirstName: return "name-first-name"
        case .unorderedNames: return "unordered-names"
        case .dateAnyName: return "date-any-name"
        case .ins: return "ins"
        }
    }

    /// The keys of a record for this pass (0 to 2; none when a field the pass needs is missing).
    func keys(_ r: PreparedRecord, into keys: inout [UInt64]) {
        let tag = UInt64(rawValue + 1)
        switch self {
        case .nameYear:
            guard let d = r.birthDate else { return }
            if let n = r.birthName { keys.append(FieldHash.combine(tag, n.phonetic, UInt64(d.year))) }
            if let u = r.usedName, u.phonetic != r.birthName?.phonetic {
                keys.append(FieldHash.combine(tag, u.phonetic, UInt64(d.year)))
            }
        case .dateInitial:
            guard let d = r.birthDate else { return }
            if let n = r.birthName { keys.append(FieldHash.combine(tag, UInt64(d.digits), UInt64(n.initial))) }
            if let u = r.usedName, u.initial != r.birthName?.initial {
                keys.append(FieldHash.combine(tag, UInt64(d.digits), UInt64(u.initial)))
            }
        case .firstNamePlace:
            guard let f = r.firstNames, let p = r.birthPlace else { return }
            keys.append(FieldHash.combine(tag, f.firstPhonetic, p.current))
        case .firstNameDate:
            guard let f = r.firstNames, let d = r.birthDate else { return }
            keys.append(FieldHash.combine(tag, f.firstPhonetic, UInt64(d.digits)))
        case .nameFirstName:
            guard let f = r.firstNames, let n = r.birthName else { return }
            keys.append(FieldHash.combine(tag, n.phonetic, f.firstPhonetic))
        case .unorderedNames:
            guard let f = r.firstNames, let n = r.birthName, let d = r.birthDate else { return }
            keys.append(FieldHash.combine(tag, UInt64(d.year), min(n.phonetic, f.firstPhonetic), max(n.phonetic, f.firstPhonetic)))
        case .dateAnyName:
            guard let d = r.birthDate, let n = r.birthName, let f = r.firstNames else { return }
            keys.append(FieldHash.combine(tag, UInt64(d.digits), n.phonetic))
            for p in f.namesPhonetic.prefix(3) where p != n.phonetic { keys.append(FieldHash.combine(tag, UInt64(d.digits), p)) }
        case .ins:
            if r.ins != 0 { keys.append(FieldHash.combine(tag, r.ins)) }
        }
    }

    /// All keys of a record over every pass (`vigie keys` writes them; a key is never shared across passes).
    public static func allKeys(_ r: PreparedRecord) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(10)
        for pass in allCases { pass.keys(r, into: &keys) }
        return keys
    }
}

/// What blocking produced: per pass, the blocks and pairs generated; overall, the distinct candidate pairs.
public struct BlockingReport: Sendable, Hashable {
    /// One pass's figures.
    public struct Pass: Sendable, Hashable {
        /// The pass.
        public var pass: BlockingPass
        /// Blocks with at least two records.
        public var blocks: Int
        /// Blocks larger than the cap, where only a sorted neighbourhood was paired.
        public var oversizedBlocks: Int
        /// Pairs generated by this pass (before removing pairs other passes also generated).
        public var pairs: Int
    }
    /// Per pass.
    public var passes: [Pass]
    /// Distinct candidate pairs over all passes.
    public var candidatePairs: Int
    /// Largest block size allowed before sorted-neighbourhood pairing.
    public var blockCap: Int
}

/// Batch blocking: sorts every pass's keys and pairs the records of each block.
///
/// A block larger than `blockCap` (a frequent name in a big city) is not paired in full: its records are sorted
/// and each is paired with its `window` neighbours (sorted neighbourhood), which keeps the pairs that can still
/// match while bounding the work. It is sorted in two orders (``neighbourhoodOrders``): by compact birth name
/// then birth date, and by first first name then birth date. Sorted on the name alone (as before), the records
/// of a block of one frequent name were in the batch's order, so a record's `window` neighbours were a random
/// draw among the block: the share of its true pairs reached fell as the file grew and blocks with it
/// (a block of MARTIN born in 1970 holds 25 records at 1 M records, 250 at 10 M).
struct BlockingIndex {
    var blockCap = 120
    var window = 12
    var threads = 2
    /// Route each pair to its pass's bucket instead of spreading pairs over the threads (for
    /// ``BlockingCandidates``: a pair generated by several passes then appears in each of them).
    var bucketPerPass = false
    /// Passes switched off (an ablation): they make no key.
    var switchedOff: Set<BlockingPass> = []
    /// Sort an oversized block on the compact birth name alone, in one order (as before the two orders; for
    /// `--switch-off neighbourhood-orders`, an ablation).
    var nameOrderOnly = false

    /// Candidate pairs `(i << 32) | j` with i < j, distinct, split into `threads` buckets (or one bucket per
    /// pass, in ``BlockingPass/allCases`` order, when `bucketPerPass`).
    func candidatePairs(_ records: [PreparedRecord]) -> (buckets: [[UInt64]], report: BlockingReport) {
        let passes = BlockingPass.allCases
        let threads = max(1, self.threads)
        let bucketPerPass = self.bucketPerPass
        let switchedOff = self.switchedOff
        let bucketCount = bucketPerPass ? passes.count : threads
        // 1. Keys per pass, records split over the threads.
        let chunked: [[[(UInt64, UInt32)]]] = parallelChunks(count: records.count, chunks: threads) { range in
            var perPass = [[(UInt64, UInt32)]](repeating: [], count: passes.count)
            for p in passes.indices { perPass[p].reserveCapacity(range.count + range.count / 8) }
            var keys: [UInt64] = []
            for i in range {
                for (p, pass) in passes.enumerated() where !switchedOff.contains(pass) {
                    keys.removeAll(keepingCapacity: true)
                    pass.keys(records[i], into: &keys)
                    for k in keys { perPass[p].append((k, UInt32(i))) }
                }
            }
            return perPass
        }
        // 2. Sort each pass's entries (passes spread over the threads).
        let sorted: [[(UInt64, UInt32)]] = parallelMap(passes.count) { p in
            var entries: [(UInt64, UInt32)] = []
            entries.reserveCapacity(chunked.reduce(0) { $0 + $1[p].count })
            for c in chunked { entries.append(contentsOf: c[p]) }
            entries.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            return entries
        }
        // 3. Pair the blocks; thread t takes every t-th block of every pass and routes each pair to a bucket.
        let blockCap = self.blockCap
        let window = self.window
        let nameOrderOnly = self.nameOrderOnly
        let produced: [(buckets: [[UInt64]], stats: [BlockingReport.Pass])] = parallelMap(threads) { t in
            var buckets = [[UInt64]](repeating: [], count: bucketCount)
            var stats: [BlockingReport.Pass] = []
            var members: [UInt32] = []
            var sortKeys: [(UInt64, UInt64, UInt32)] = []
            for (p, entries) in sorted.enumerated() {
                var stat = BlockingReport.Pass(pass: passes[p], blocks: 0, oversizedBlocks: 0, pairs: 0)
                var start = 0
                var blockIndex = 0
                @inline(__always) func emit(_ x: UInt32, _ y: UInt32) {
                    if x == y { return }
                    let pair = x < y ? UInt64(x) << 32 | UInt64(y) : UInt64(y) << 32 | UInt64(x)
                    buckets[bucketPerPass ? p : Int(FieldHash.mix(pair) % UInt64(threads))].append(pair)
                    stat.pairs += 1
                }
                while start < entries.count {
                    var end = start + 1
                    while end < entries.count && entries[end].0 == entries[start].0 { end += 1 }
                    defer {
                        start = end
                        blockIndex += 1
                    }
                    let size = end - start
                    if size < 2 || blockIndex % threads != t { continue }
                    stat.blocks += 1
                    members.removeAll(keepingCapacity: true)
                    for e in start..<end where members.last != entries[e].1 { members.append(entries[e].1) }
                    let oversized = Self.pairBlock(
                        members, blockCap: blockCap, window: window, orders: nameOrderOnly ? 1 : Self.neighbourhoodOrders,
                        scratch: &sortKeys,
                        sortKey: {
                            nameOrderOnly ? (Self.sortKey(records[Int($0)]), 0) : Self.neighbourhoodKey(records[Int($0)], order: $1)
                        }, emit: emit)
                    if oversized { stat.oversizedBlocks += 1 }
                }
                stats.append(stat)
            }
            return (buckets, stats)
        }
        // 4. Distinct pairs per bucket.
        let buckets: [[UInt64]] = parallelMap(bucketCount) { b in
            var all: [UInt64] = []
            all.reserveCapacity(produced.reduce(0) { $0 + $1.buckets[b].count })
            for p in produced { all.append(contentsOf: p.buckets[b]) }
            Self.sortUnique(&all)
            return all
        }
        var passStats = passes.map { BlockingReport.Pass(pass: $0, blocks: 0, oversizedBlocks: 0, pairs: 0) }
        for p in produced {
            for (i, s) in p.stats.enumerated() {
                passStats[i].blocks += s.blocks
                passStats[i].oversizedBlocks += s.oversizedBlocks
                passStats[i].pairs += s.pairs
            }
        }
        // Per pass, a pair two passes share is in two buckets: count the distinct pairs over all of them.
        let candidates = bucketPerPass ? Self.distinctCount(buckets) : buckets.reduce(0) { $0 + $1.count }
        let report = BlockingReport(passes: passStats, candidatePairs: candidates, blockCap: blockCap)
        return (buckets, report)
    }

    /// Orders of the sorted neighbourhood of an oversized block (see ``neighbourhoodKey(_:order:)``).
    static let neighbourhoodOrders = 2

    /// Pairs the members of one block (distinct, in the batch's order): every pair up to `blockCap` members,
    /// else, in each of the first `orders` orders of `sortKey` (member, order), each member with its
    /// `window` neighbours (sorted neighbourhood; ties kept in the batch's order). Returns whether the block was
    /// oversized. `vigie score-blocks` pairs a block with this same function, so that the Spark job finds
    /// exactly the pairs `vigie dedupe` finds.
    @inline(__always)
    static func pairBlock(
        _ members: [UInt32], blockCap: Int, window: Int, orders: Int = neighbourhoodOrders,
        scratch sortKeys: inout [(UInt64, UInt64, UInt32)],
        sortKey: (UInt32, Int) -> (UInt64, UInt64), emit: (UInt32, UInt32) -> Void
    ) -> Bool {
        if members.count <= blockCap {
            for x in 0..<members.count {
                for y in (x + 1)..<members.count { emit(members[x], members[y]) }
            }
            return false
        }
        for order in 0..<orders {
            sortKeys.removeAll(keepingCapacity: true)
            for m in members {
                let k = sortKey(m, order)
                sortKeys.append((k.0, k.1, m))
            }
            sortKeys.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            for x in 0..<sortKeys.count {
                var y = x + 1
                while y < sortKeys.count && y <= x + window {
                    emit(sortKeys[x].2, sortKeys[y].2)
                    y += 1
                }
            }
        }
        return true
    }

    /// Sorts `pairs` and removes repeats.
    static func sortUnique(_ pairs: inout [UInt64]) {
        pairs.sort()
        var w = 0
        for r in pairs.indices where r == 0 || pairs[r] != pairs[r - 1] {
            pairs[w] = pairs[r]
            w += 1
        }
        pairs.removeLast(pairs.count - w)
    }

    /// Distinct pairs over several sorted, duplicate-free lists.
    static func distinctCount(_ lists: [[UInt64]]) -> Int {
        var all = lists.flatMap { $0 }
        all.sort()
        var n = 0
        for i in all.indices where i == 0 || all[i] != all[i - 1] { n += 1 }
        return n
    }

    /// A record's place in one order of an oversized block's sorted neighbourhood: 0, its compact birth name
    /// (first 8 bytes) then birth date; 1, its first first name then birth date. Inside a block of one frequent
    /// name, the first brings a person's records with the same spelling together by date (a day or month typo
    /// stays near), the second those with the same first name (a spelling variant of the name stays near).
    /// Missing fields sort first (0).
    static func neighbourhoodKey(_ r: PreparedRecord, order: Int) -> (UInt64, UInt64) {
        let date = UInt64(r.birthDate?.digits ?? 0)
        if order == 0 { return (sortKey(r), date) }
        return (r.firstNames?.names[0] ?? 0, date)
    }

    /// The first 8 bytes of the compact birth name, big-endian: sorting on it sorts names alphabetically.
    static func sortKey(_ r: PreparedRecord) -> UInt64 {
        guard let bytes = r.birthName?.compactBytes else { return 0 }
        var k: UInt64 = 0
        for i in 0..<8 { k = k << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
        return k
    }
}
