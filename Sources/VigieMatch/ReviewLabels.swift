import VigieIdentity

/// The cell's verdict on one pair of records.
public enum PairVerdict: String, Sendable, Hashable, CaseIterable {
    case match
    case nonMatch = "non-match"
}

/// One labelled pair, by record id, as the review page exports it (`decisions.csv`).
public struct PairLabel: Sendable, Hashable {
    public var idA: String
    public var idB: String
    public var verdict: PairVerdict
    /// Who decided (optional column `operator`); kept for the journal, never used to decide.
    public var operatorName: String
    /// Optional column `comment`.
    public var comment: String

    public init(idA: String, idB: String, verdict: PairVerdict, operatorName: String = "", comment: String = "") {
        self.idA = idA
        self.idB = idB
        self.verdict = verdict
        self.operatorName = operatorName
        self.comment = comment
    }
}

/// Why a decisions file, or one of its rows, cannot be used. Names the line and column, never a value.
public enum PairLabelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The header lacks a required column.
    case missingColumn(String)
    /// A row with the wrong number of fields, an empty id, or a decision other than match / non-match.
    case row(line: Int, reason: String)

    public var description: String {
        switch self {
        case .missingColumn(let c): return "the decisions file needs the columns id_a,id_b,decision (no column '\(c)')"
        case .row(let line, let reason): return "decisions line \(line): \(reason)"
        }
    }
}

/// Reads `id_a,id_b,decision[,operator,comment]` (columns found by name; `decision` is `match` or `non-match`).
/// The last row about a pair wins: a later decision corrects an earlier one.
public enum PairLabels {
    public static func parse(bytes: [UInt8]) throws(PairLabelError) -> (labels: [PairLabel], errors: [PairLabelError]) {
        let (rows, csvErrors) = BatchCSV.parseRows(bytes: bytes, delimiter: BatchCSV.delimiter(of: bytes))
        var errors: [PairLabelError] = csvErrors.map { .row(line: $0.line, reason: $0.description) }
        guard let header = rows.first else { throw .missingColumn("id_a") }
        let names = header.fields.map { $0.trimmed.lowercased() }
        func column(_ n: String) throws(PairLabelError) -> Int {
            guard let i = names.firstIndex(of: n) else { throw .missingColumn(n) }
            return i
        }
        let a = try column("id_a")
        let b = try column("id_b")
        let d = try column("decision")
        let op = names.firstIndex(of: "operator")
        let comment = names.firstIndex(of: "comment")
        var latest: [PairKey: Int] = [:]
        var labels: [PairLabel] = []
        for row in rows.dropFirst() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            guard row.fields.count >= 3, row.fields.count <= header.fields.count else {
                errors.append(.row(line: row.line, reason: "\(row.fields.count) fields, expected \(header.fields.count)"))
                continue
            }
            func field(_ i: Int?) -> String { i.map { $0 < row.fields.count ? String(row.fields[$0].trimmed) : "" } ?? "" }
            let x = field(a)
            let y = field(b)
            guard !x.isEmpty, !y.isEmpty, x != y else {
                errors.append(.row(line: row.line, reason: "id_a and id_b must be two non-empty ids"))
                continue
            }
            guard let verdict = PairVerdict(rawValue: field(d).lowercased()) else {
                errors.append(.row(line: row.line, reason: "column 'decision' is not match or non-match"))
                continue
            }
            let label = PairLabel(idA: x, idB: y, verdict: verdict, operatorName: field(op), comment: field(comment))
            let key = PairKey(x, y)
            if let i = latest[key] {
                labels[i] = label
            } else {
                latest[key] = labels.count
                labels.append(label)
            }
        }
        return (labels, errors)
    }

    /// An unordered pair of ids.
    struct PairKey: Hashable {
        var low: String
        var high: String
        init(_ x: String, _ y: String) { (low, high) = x < y ? (x, y) : (y, x) }
    }
}

/// Labelled pairs by record index (into the records given to the deduplicator), for ``Deduplicator``.
public struct LabelledPairs: Sendable {
    /// `(min << 32) | max` of each pair the cell called a match.
    var matches: Set<UInt64> = []
    /// The same for the pairs the cell called two persons: never linked again, also through clustering.
    var nonMatches: Set<UInt64> = []
    /// Labels naming an id that is not among the records.
    public private(set) var unknownIDs = 0

    public init() {}

    /// Resolves `labels` against the records' ids.
    public init(_ labels: [PairLabel], ids: [String]) {
        var index: [String: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = Int32(i) }
        for l in labels {
            guard let x = index[l.idA], let y = index[l.idB] else {
                unknownIDs += 1
                continue
            }
            let key = Self.key(x, y)
            switch l.verdict {
            case .match:
                matches.insert(key)
                nonMatches.remove(key)
            case .nonMatch:
                nonMatches.insert(key)
                matches.remove(key)
            }
        }
    }

    public var count: Int { matches.count + nonMatches.count }
    /// Pairs labelled match.
    public var matchCount: Int { matches.count }
    /// Pairs labelled non-match.
    public var nonMatchCount: Int { nonMatches.count }
    public var isEmpty: Bool { matches.isEmpty && nonMatches.isEmpty }

    @inline(__always)
    static func key(_ x: Int32, _ y: Int32) -> UInt64 {
        let (a, b) = x < y ? (x, y) : (y, x)
        return UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
    }

    func verdict(_ x: Int32, _ y: Int32) -> PairVerdict? {
        if matches.isEmpty && nonMatches.isEmpty { return nil }
        let k = Self.key(x, y)
        if matches.contains(k) { return .match }
        if nonMatches.contains(k) { return .nonMatch }
        return nil
    }
}
