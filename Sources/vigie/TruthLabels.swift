import Foundation
import Vigie

/// A truth file (`id,person_id`) for `vigie dedupe --truth`, turned into groups of record indices for
/// ``BlockingReport/truthCoverage(candidates:truthGroups:)``. Only ids and counts are ever reported.
struct TruthLabels {
    /// Per person, the indices of their records among the deduplicated records (persons in first-seen order).
    var groups: [[Int]]
    /// Rows that could not be used, with their line ("line N: ...").
    var rowErrors: [String]
    /// Ids in the truth file that are not among the deduplicated records (unknown, or skipped as invalid).
    var unknownIDs: Int
    /// Deduplicated records the truth file does not label (each counts as a person of its own).
    var unlabelledRecords: Int

    /// Reads `path`; `ids` are the deduplicated records' ids, in the order given to the deduplicator.
    static func read(path: String, ids: [String]) throws -> TruthLabels {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.noInput, "cannot read the file")
        }
        let (rows, csvErrors) = BatchCSV.parseRows(bytes: [UInt8](data))
        guard let header = rows.first else { throw CommandFailure(.data, "no header row") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let idColumn = names.firstIndex(of: "id"), let personColumn = names.firstIndex(of: "person_id") else {
            throw CommandFailure(.data, "the header needs the columns id and person_id; found: \(names.joined(separator: ", "))")
        }
        var errors: [(line: Int, text: String)] = csvErrors.map { ($0.line, $0.description) }
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var groupOf: [String: Int] = [:]
        var groups: [[Int]] = []
        var firstLine: [String: Int] = [:]
        var unknown = 0
        var labelled = 0
        for row in rows.dropFirst() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }  // blank line
            guard row.fields.count == header.fields.count else {
                errors.append(
                    (row.line, "line \(row.line): \(row.fields.count) fields, expected \(header.fields.count)"))
                continue
            }
            let id = row.fields[idColumn]
            let person = row.fields[personColumn]
            if id.isEmpty {
                errors.append((row.line, "line \(row.line): the id is empty"))
                continue
            }
            if person.isEmpty {
                errors.append((row.line, "line \(row.line): the person_id is empty"))
                continue
            }
            if let first = firstLine[id] {
                errors.append((row.line, "line \(row.line): the id was already used on line \(first)"))
                continue
            }
            firstLine[id] = row.line
            guard let i = index[id] else {
                unknown += 1
                continue
            }
            labelled += 1
            if let g = groupOf[person] {
                groups[g].append(i)
            } else {
                groupOf[person] = groups.count
                groups.append([i])
            }
        }
        errors.sort { $0.line < $1.line }
        return TruthLabels(
            groups: groups, rowErrors: errors.map(\.text), unknownIDs: unknown, unlabelledRecords: ids.count - labelled)
    }
}
