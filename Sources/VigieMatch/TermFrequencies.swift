/// How often each birth name and first name occurs in a population of records, for the term-frequency
/// adjustment: two records agreeing on MARTIN is weaker evidence than agreeing on a rare name.
///
/// Keys are the hashes the prepared records carry (compact birth name, first first name); no name is stored.
public struct TermFrequencies: Sendable {
    var birthNames: [UInt64: UInt32] = [:]
    var firstNames: [UInt64: UInt32] = [:]
    /// Records counted.
    public internal(set) var total: Int = 0

    /// An empty table (no adjustment until records are added).
    public init() {}

    /// Counts the names of `records`.
    public init(records: [PreparedRecord]) {
        birthNames.reserveCapacity(records.count / 4)
        firstNames.reserveCapacity(records.count / 20)
        for r in records { add(r) }
    }

    /// Counts one more record.
    public mutating func add(_ r: PreparedRecord) {
        total += 1
        if let n = r.birthName { birthNames[n.compact, default: 0] += 1 }
        if let f = r.firstNames { firstNames[f.names[0], default: 0] += 1 }
    }

    /// Forgets one record counted before.
    public mutating func remove(_ r: PreparedRecord) {
        total = max(0, total - 1)
        if let n = r.birthName, let c = birthNames[n.compact] {
            birthNames[n.compact] = c > 1 ? c - 1 : nil
        }
        if let f = r.firstNames, let c = firstNames[f.names[0]] {
            firstNames[f.names[0]] = c > 1 ? c - 1 : nil
        }
    }

    /// Share of records with this compact birth name (at least one record: the one being compared).
    func birthNameFrequency(_ hash: UInt64) -> Double {
        guard total > 0 else { return 0 }
        return Double(max(birthNames[hash] ?? 1, 1)) / Double(total)
    }

    /// Records whose compact birth name has this hash.
    func birthNameCount(_ hash: UInt64) -> Int { Int(birthNames[hash] ?? 0) }

    /// Records whose first first name has this hash.
    func firstNameCount(_ hash: UInt64) -> Int { Int(firstNames[hash] ?? 0) }

    func firstNameFrequency(_ hash: UInt64) -> Double {
        guard total > 0 else { return 0 }
        return Double(max(firstNames[hash] ?? 1, 1)) / Double(total)
    }
}
