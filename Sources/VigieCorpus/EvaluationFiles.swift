import Foundation
import VigieIdentity

/// Reads the evaluation's CSV files (`truth.csv`, `clusters.csv`, `pairs.csv`, `errors.csv`,
/// `hard-negatives.csv`), by column name, with errors naming the file, line and column.
public enum EvaluationFiles {
    /// Why an evaluation file cannot be used. Descriptions name the file, line and column, never a value.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case unreadable(file: String)
        case missingHeader(file: String)
        case missingColumn(file: String, column: String)
        case malformedRow(file: String, line: Int)
        case fieldCount(file: String, line: Int, found: Int, expected: Int)
        case emptyField(file: String, line: Int, column: String)
        case invalidDecision(file: String, line: Int)
        case duplicateRecord(file: String, line: Int)

        public var description: String {
            switch self {
            case .unreadable(let f): return "\(f): cannot read the file"
            case .missingHeader(let f): return "\(f): no header row"
            case .missingColumn(let f, let c): return "\(f): the header has no column '\(c)'"
            case .malformedRow(let f, let l): return "\(f) line \(l): malformed CSV row"
            case .fieldCount(let f, let l, let found, let expected):
                return "\(f) line \(l): \(found) fields, expected \(expected)"
            case .emptyField(let f, let l, let c): return "\(f) line \(l): column '\(c)' is empty"
            case .invalidDecision(let f, let l):
                return "\(f) line \(l): column 'decision' is not match, review or non-match"
            case .duplicateRecord(let f, let l): return "\(f) line \(l): record id already given on an earlier line"
            }
        }
    }

    /// `id,person_id`.
    public static func truth(path: String) throws(Failure) -> [(record: String, person: String)] {
        try twoColumns(path: path, "id", "person_id")
    }

    /// `id,cluster_id`.
    public static func clusters(path: String) throws(Failure) -> [(record: String, cluster: String)] {
        try twoColumns(path: path, "id", "cluster_id").map { ($0.0, $0.1) }
    }

    /// `id_a,id_b,score,decision,explanation[,via]` (the ids, the decision and `via` are read).
    public static func pairs(path: String) throws(Failure) -> [EvaluationInput.ScoredPair] {
        let (rows, col, optional) = try table(path: path, required: ["id_a", "id_b", "decision"], optional: ["via"])
        let via = optional[0]
        var out: [EvaluationInput.ScoredPair] = []
        out.reserveCapacity(rows.count)
        for row in rows {
            let a = row.fields[col[0]]
            let b = row.fields[col[1]]
            guard !a.isEmpty else { throw .emptyField(file: path, line: row.line, column: "id_a") }
            guard !b.isEmpty else { throw .emptyField(file: path, line: row.line, column: "id_b") }
            guard let d = EvaluationInput.Decision(rawValue: row.fields[col[2]].trimmingCharacters(in: .whitespaces)) else {
                throw .invalidDecision(file: path, line: row.line)
            }
            out.append(.init(a: a, b: b, decision: d, coveredByItem: via.map { row.fields[$0] == "covered" } ?? false))
        }
        return out
    }

    /// `id,errors` with `;`-separated labels.
    public static func errors(path: String) throws(Failure) -> [(record: String, kinds: [String])] {
        let (rows, col) = try table(path: path, required: ["id", "errors"])
        return try rows.map { (row: CSVRow) throws(Failure) -> (record: String, kinds: [String]) in
            let id = row.fields[col[0]]
            guard !id.isEmpty else { throw .emptyField(file: path, line: row.line, column: "id") }
            let kinds = row.fields[col[1]].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            return (id, kinds.filter { !$0.isEmpty })
        }
    }

    /// `person_id,kind,other_person_id`.
    public static func lookAlikes(path: String) throws(Failure) -> [EvaluationInput.LookAlike] {
        let (rows, col) = try table(path: path, required: ["person_id", "kind", "other_person_id"])
        return try rows.map { (row: CSVRow) throws(Failure) -> EvaluationInput.LookAlike in
            for (i, name) in ["person_id", "kind", "other_person_id"].enumerated() where row.fields[col[i]].isEmpty {
                throw .emptyField(file: path, line: row.line, column: name)
            }
            return .init(person: row.fields[col[0]], kind: row.fields[col[1]], other: row.fields[col[2]])
        }
    }

    private static func twoColumns(path: String, _ first: String, _ second: String) throws(Failure) -> [(String, String)] {
        let (rows, col) = try table(path: path, required: [first, second])
        var out: [(String, String)] = []
        out.reserveCapacity(rows.count)
        var seen: Set<String> = []
        seen.reserveCapacity(rows.count)
        for row in rows {
            let a = row.fields[col[0]]
            let b = row.fields[col[1]]
            guard !a.isEmpty else { throw .emptyField(file: path, line: row.line, column: first) }
            guard !b.isEmpty else { throw .emptyField(file: path, line: row.line, column: second) }
            guard seen.insert(a).inserted else { throw .duplicateRecord(file: path, line: row.line) }
            out.append((a, b))
        }
        return out
    }

    /// Data rows (blank lines skipped) and the positions of the required columns.
    private static func table(path: String, required: [String]) throws(Failure) -> (rows: [CSVRow], columns: [Int]) {
        let (rows, columns, _) = try table(path: path, required: required, optional: [])
        return (rows, columns)
    }

    /// The same, with the positions of optional columns (nil when absent).
    private static func table(
        path: String, required: [String], optional: [String]
    ) throws(Failure) -> (rows: [CSVRow], columns: [Int], optional: [Int?]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path) }
        let parsed = BatchCSV.parseRows(bytes: [UInt8](data))
        if let bad = parsed.errors.first { throw .malformedRow(file: path, line: bad.line) }
        guard let header = parsed.rows.first else { throw .missingHeader(file: path) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var columns: [Int] = []
        for name in required {
            guard let i = names.firstIndex(of: name) else { throw .missingColumn(file: path, column: name) }
            columns.append(i)
        }
        var rows: [CSVRow] = []
        rows.reserveCapacity(parsed.rows.count)
        for row in parsed.rows.dropFirst() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            guard row.fields.count == header.fields.count else {
                throw .fieldCount(file: path, line: row.line, found: row.fields.count, expected: header.fields.count)
            }
            rows.append(row)
        }
        return (rows, columns, optional.map { names.firstIndex(of: $0) })
    }
}
