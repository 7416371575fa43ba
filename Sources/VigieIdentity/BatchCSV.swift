import Foundation
import VigieSupport

/// A row of a CSV file, with the line it starts on (1-based; the header is line 1).
public struct CSVRow: Sendable, Hashable {
    /// 1-based line number where the row starts.
    public var line: Int
    /// The row's fields, unquoted.
    public var fields: [String]
}

/// Why a whole CSV file cannot be read.
public enum BatchCSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String)
    /// The file has no header row.
    case missingHeader
    /// The header cannot be mapped onto the contract's columns (a required one is absent, two are ambiguous).
    case columns(ColumnMappingError)

    public var description: String {
        switch self {
        case .unreadable(let path): return "cannot read file \(path)"
        case .missingHeader: return "the file has no header row"
        case .columns(let error): return "header: \(error)"
        }
    }
}

/// Why one row was not read. The row is skipped and reported, never dropped silently.
public struct BatchCSVRowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the row.
    public enum Kind: Sendable, Hashable {
        /// A quoted field is not closed before the end of the file.
        case unterminatedQuote
        /// A field is not valid UTF-8 (column named).
        case invalidUTF8(column: String)
        /// The row does not have as many fields as the header.
        case fieldCount(found: Int, expected: Int)
        /// The `id` column is empty.
        case emptyID
        /// The id is not a usable identifier (`IdentifierText`: a control character, longer than 256 bytes).
        case invalidID(IdentifierText.Problem)
        /// The id was already used by an earlier row (its line given).
        case duplicateID(firstLine: Int)
        /// A quote appears inside an unquoted field, or text follows a closing quote.
        case strayQuote(column: Int)
        /// A field is longer than `BatchCSV.maximumFieldBytes` (its bytes beyond the limit were not kept).
        case fieldTooLong(column: Int, limit: Int)
    }
    /// 1-based line where the row starts.
    public var line: Int
    /// What is wrong.
    public var kind: Kind
    /// The row's id when it could still be read (its column came before the damage), so that the row can be
    /// reported and kept alone in its own cluster; nil otherwise. A record number, safe to log escaped.
    public var id: String?

    /// Creates a row error.
    public init(line: Int, kind: Kind, id: String? = nil) {
        self.line = line
        self.kind = kind
        self.id = id
    }

    public var description: String {
        switch kind {
        case .unterminatedQuote: return "line \(line): a quoted field is not closed"
        case .invalidUTF8(let column): return "line \(line): column '\(column)' is not valid UTF-8"
        case .fieldCount(let found, let expected): return "line \(line): \(found) fields, expected \(expected)"
        case .emptyID: return "line \(line): the id is empty"
        case .invalidID(let problem): return "line \(line): the id \(problem)"
        case .duplicateID(let first): return "line \(line): the id was already used on line \(first)"
        case .strayQuote(let column): return "line \(line): stray quote in field \(column)"
        case .fieldTooLong(let column, let limit): return "line \(line): field \(column) is longer than \(limit) bytes"
        }
    }
}

/// A batch file read: its records, the rows refused, and where each contract column was found.
public struct BatchCSVFile: Sendable {
    public var records: [RawRecord]
    public var errors: [BatchCSVRowError]
    public var columns: ColumnMapping
}

/// The batch contract's CSV (DESIGN.md): UTF-8, header row, RFC 4180 quoting; columns other than the
/// contract's are ignored and may come in any order.
public enum BatchCSV {
    /// The contract's column names, in the order they are written.
    public static let header = ["id", "birth_name", "first_names", "sex", "birth_date", "birth_place", "used_name", "ins"]

    /// Reads a batch file. Unreadable rows come back as errors with their line; the others as records.
    public static func read(contentsOf path: String) throws(BatchCSVError) -> (records: [RawRecord], errors: [BatchCSVRowError]) {
        let file = try read(contentsOf: path, columns: [:], required: [.id])
        return (file.records, file.errors)
    }

    /// Reads a batch file whose header is mapped by ``ColumnMapping`` (`columns` names some headers explicitly;
    /// every column of `required` must be found).
    public static func read(
        contentsOf path: String, columns: [BatchColumn: String], required: Set<BatchColumn>
    ) throws(BatchCSVError) -> BatchCSVFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try read(bytes: [UInt8](data), columns: columns, required: required)
    }

    /// Reads a batch file's bytes. Only `id` is a required column; missing optional columns read as empty.
    public static func read(bytes: [UInt8]) throws(BatchCSVError) -> (records: [RawRecord], errors: [BatchCSVRowError]) {
        let file = try read(bytes: bytes, columns: [:], required: [.id])
        return (file.records, file.errors)
    }

    /// Reads a batch file's bytes; missing optional columns read as empty.
    /// The separator is the contract's comma, or the `;` (French Excel's default) or tab that the header line
    /// uses instead (``delimiter(of:)``); header names are mapped by ``ColumnMapping`` (the contract's names or
    /// their French equivalents, accents, case and spacing ignored, or `columns` given explicitly).
    /// A file in Windows-1252 (``Windows1252``) is read as its UTF-8 transcription.
    public static func read(
        bytes: [UInt8], columns: [BatchColumn: String], required: Set<BatchColumn>
    ) throws(BatchCSVError) -> BatchCSVFile {
        let bytes = Windows1252.utf8IfWindows1252(bytes)
        let (rows, damaged) = splitRowsInParallel(
            bytes: bytes, delimiter: delimiter(of: bytes), slices: min(8, ProcessInfo.processInfo.activeProcessorCount))
        guard let headerRow = rows.first else { throw .missingHeader }
        let mapping: ColumnMapping
        do { mapping = try ColumnMapping(header: headerRow.fields, explicit: columns, required: required.union([.id])) } catch {
            throw .columns(error)
        }
        let idColumn = mapping.positions[.id]!
        let positions = BatchColumn.contract.map { mapping.positions[$0] }
        let hasDocumentColumns = BatchColumn.documentEvidence.contains { mapping.positions[$0] != nil }
        var records: [RawRecord] = []
        records.reserveCapacity(rows.count)
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(rows.count)
        // An unreadable row keeps the id it still has (unless a readable row uses it), for its own cluster.
        func readableID(_ fields: [String]) -> String? {
            guard idColumn < fields.count, IdentifierText.problem(fields[idColumn]) == nil else { return nil }
            return fields[idColumn]
        }
        var errors: [BatchCSVRowError] = []
        var damagedIDs: [(index: Int, id: String)] = []
        for (error, fields) in damaged {
            if let id = readableID(fields) { damagedIDs.append((errors.count, id)) }
            errors.append(error)
        }
        let expected = headerRow.fields.count
        for row in rows.dropFirst() {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }  // blank line
            guard row.fields.count == expected else {
                if let id = readableID(row.fields) { damagedIDs.append((errors.count, id)) }
                errors.append(.init(line: row.line, kind: .fieldCount(found: row.fields.count, expected: expected)))
                continue
            }
            let id = row.fields[idColumn]
            if id.isEmpty {
                errors.append(.init(line: row.line, kind: .emptyID))
                continue
            }
            if let problem = IdentifierText.problem(id) {
                errors.append(.init(line: row.line, kind: .invalidID(problem)))
                continue
            }
            if let first = firstLine[id] {
                errors.append(.init(line: row.line, kind: .duplicateID(firstLine: first)))
                continue
            }
            firstLine[id] = row.line
            records.append(record(row, mapping: mapping, positions: positions, hasDocumentColumns: hasDocumentColumns))
        }
        for (index, id) in damagedIDs where firstLine[id] == nil {
            firstLine[id] = errors[index].line
            errors[index].id = id
        }
        errors.sort { $0.line < $1.line }
        return BatchCSVFile(records: records, errors: errors, columns: mapping)
    }

    /// The record of a row that passed every check of ``read(bytes:columns:required:)``.
    static func record(_ row: CSVRow, mapping: ColumnMapping, positions: [Int?], hasDocumentColumns: Bool) -> RawRecord {
        func field(_ k: Int) -> String { positions[k].map { row.fields[$0] } ?? "" }
        var record = RawRecord(
            id: field(0), birthName: field(1), firstNames: field(2), sex: field(3), birthDate: field(4),
            birthPlace: field(5), usedName: field(6), ins: field(7), line: row.line)
        if hasDocumentColumns {
            func column(_ c: BatchColumn) -> String { mapping.positions[c].map { row.fields[$0] } ?? "" }
            record.document = RawDocumentEvidence(
                type: column(.documentType), checkedBy: column(.documentCheckedBy), checkedAt: column(.documentCheckedAt),
                expires: column(.documentExpires), specialCase: column(.documentSpecialCase))
        }
        return record
    }

    /// The records that ``read(contentsOf:columns:required:)`` gives at the given lines, without decoding the
    /// other rows when the file has no quote (then a row is a line): `vigie dedupe` shows a few hundred records
    /// of a file of millions on its review page. With quotes, the whole file is read and filtered.
    /// `wanted` must hold lines of records that the full read gives: a line it refuses (a repeated id, which only the
    /// whole file reveals) is not checked here.
    public static func records(
        contentsOf path: String, columns: [BatchColumn: String], required: Set<BatchColumn>, lines wanted: Set<Int>
    ) throws(BatchCSVError) -> [RawRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        let bytes = Windows1252.utf8IfWindows1252([UInt8](data))
        guard !bytes.contains(UInt8(ascii: "\"")) else {
            return try read(bytes: bytes, columns: columns, required: required).records.filter { wanted.contains($0.line) }
        }
        let delimiter = delimiter(of: bytes)
        // Each line's bytes, as `splitRows` ends rows: at LF, CRLF or a lone CR.
        var slices: [(line: Int, bytes: ArraySlice<UInt8>)] = []
        var line = 1
        var start = (bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0
        var i = start
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            guard c == 0x0A || c == 0x0D else { i += 1; continue }
            if line == 1 || wanted.contains(line) { slices.append((line, bytes[start..<i])) }
            i += c == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A ? 2 : 1
            line += 1
            start = i
        }
        if start < n, line == 1 || wanted.contains(line) { slices.append((line, bytes[start..<n])) }
        // A damaged first line (the full read then takes the next row as header): read it all, as it does.
        guard let header = slices.first, header.line == 1, let headerRow = splitRows(bytes: Array(header.bytes), delimiter: delimiter).rows.first
        else { return try read(bytes: bytes, columns: columns, required: required).records.filter { wanted.contains($0.line) } }
        let mapping: ColumnMapping
        do { mapping = try ColumnMapping(header: headerRow.fields, explicit: columns, required: required.union([.id])) } catch {
            throw .columns(error)
        }
        let positions = BatchColumn.contract.map { mapping.positions[$0] }
        let hasDocumentColumns = BatchColumn.documentEvidence.contains { mapping.positions[$0] != nil }
        var records: [RawRecord] = []
        for slice in slices.dropFirst() {
            // A wanted line came from a record of the full read: one row, every check passed.
            guard var row = splitRows(bytes: Array(slice.bytes), delimiter: delimiter).rows.first,
                  row.fields.count == headerRow.fields.count
            else { continue }
            row.line = slice.line
            records.append(record(row, mapping: mapping, positions: positions, hasDocumentColumns: hasDocumentColumns))
        }
        return records
    }

    /// Encodes records as a batch file, header first, quoting fields where RFC 4180 requires it.
    public static func encode(_ records: [RawRecord]) -> String {
        var out = header.joined(separator: ",") + "\n"
        out.reserveCapacity(records.count * 80)
        for record in records {
            out += encodeRow(record.fields)
        }
        return out
    }

    /// Encodes one row (with its newline), quoting fields that hold a comma, a quote or a line break.
    public static func encodeRow(_ fields: [String]) -> String {
        var line = ""
        for (i, field) in fields.enumerated() {
            if i > 0 { line += "," }
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                line += "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                line += field
            }
        }
        return line + "\n"
    }

    /// The field separator a file uses, read from its header line (the first line, outside quotes): the
    /// comma when it has one, else `;` or tab when it has that, else the comma. A header always names
    /// several columns, so a header without a comma but with semicolons was saved with `;`.
    public static func delimiter(of bytes: [UInt8]) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
            if b == UInt8(ascii: ",") { commas += 1 } else if b == UInt8(ascii: ";") { semicolons += 1 } else if b == 0x09 { tabs += 1 }
        }
        if commas > 0 { return UInt8(ascii: ",") }
        if semicolons > 0 { return UInt8(ascii: ";") }
        if tabs > 0 { return 0x09 }
        return UInt8(ascii: ",")
    }

    /// The longest field kept, in bytes: a trait or an id is a few hundred bytes at most, and a 200 MB field
    /// must cost no more memory than this before it is refused (issue #18 §7.7).
    public static let maximumFieldBytes = 64 << 10

    /// Splits any CSV text into rows (RFC 4180: quoted fields may hold the delimiter, doubled quotes and line
    /// breaks; LF or CRLF line ends). Rows that cannot be decoded come back as errors with their line.
    /// A UTF-8 byte-order mark at the start is skipped. `delimiter` is the field separator (a comma by default).
    public static func parseRows(bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) -> (rows: [CSVRow], errors: [BatchCSVRowError]) {
        let (rows, damaged) = splitRows(bytes: bytes, delimiter: delimiter)
        return (rows, damaged.map(\.error))
    }

    /// `parseRows`, with the fields each damaged row still had before the damage (to recover its id).
    ///
    /// Resynchronisation (issue #18 §7.5): a quoted field that is not closed before the end of the file, or that
    /// is "closed" lines later by a quote that text follows (another row's stray quote), makes its row an error,
    /// and reading starts again at the line after the one where that quote opened, so that one stray quote costs
    /// one row, not every row after it. Each byte is scanned at most twice: a failed scan ends at the next quote
    /// (or, once, at the end of the file: then every later quote is in a doubled pair and closes at once).
    static func splitRows(bytes: [UInt8], delimiter: UInt8) -> (rows: [CSVRow], damaged: [(error: BatchCSVRowError, fields: [String])]) {
        bytes.withUnsafeBufferPointer { splitRows(buf: $0, delimiter: delimiter, firstLine: 1, atStart: true) }
    }

    /// ``splitRows(bytes:delimiter:)`` on slices of a file without quotes, read in parallel: then every row is
    /// one line, so the file can be cut after any LF, and each slice's first line is the number of line ends
    /// (LF, CRLF, lone CR) before it plus one. A file with a quote, or a small one, is read in one piece.
    static func splitRowsInParallel(bytes: [UInt8], delimiter: UInt8, slices: Int) -> (rows: [CSVRow], damaged: [(error: BatchCSVRowError, fields: [String])]) {
        let n = bytes.count
        guard slices > 1, n >= 1 << 20, !bytes.contains(UInt8(ascii: "\"")) else {
            return splitRows(bytes: bytes, delimiter: delimiter)
        }
        var bounds = [0]
        for k in 1..<slices {
            var p = max(bounds[bounds.count - 1], n * k / slices)
            while p < n && (p == 0 || bytes[p - 1] != 0x0A) { p += 1 }
            bounds.append(p)
        }
        bounds.append(n)
        var firstLines = [1]
        for k in 0..<slices - 1 {
            var ends = 0
            for i in bounds[k]..<bounds[k + 1] {
                let c = bytes[i]
                if c == 0x0A || (c == 0x0D && (i + 1 == n || bytes[i + 1] != 0x0A)) { ends += 1 }
            }
            firstLines.append(firstLines[k] + ends)
        }
        let parts = WriteOnceSlots<(rows: [CSVRow], damaged: [(error: BatchCSVRowError, fields: [String])])>(slices)
        let cuts = bounds, lines = firstLines
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            bytes.withUnsafeBufferPointer { buf in
                let slice = UnsafeBufferPointer(rebasing: buf[cuts[k]..<cuts[k + 1]])
                parts.set(k, splitRows(buf: slice, delimiter: delimiter, firstLine: lines[k], atStart: k == 0))
            }
        }
        let values = parts.values
        var rows: [CSVRow] = []
        rows.reserveCapacity(values.reduce(0) { $0 + $1.rows.count })
        var damaged: [(error: BatchCSVRowError, fields: [String])] = []
        for part in values {
            rows += part.rows
            damaged += part.damaged
        }
        return (rows, damaged)
    }

    /// Rows of `buf`, whose first byte starts line `firstLine`; a byte-order mark is skipped only `atStart`.
    static func splitRows(
        buf: UnsafeBufferPointer<UInt8>, delimiter: UInt8, firstLine: Int, atStart: Bool
    ) -> (rows: [CSVRow], damaged: [(error: BatchCSVRowError, fields: [String])]) {
        var rows: [CSVRow] = []
        var damaged: [(error: BatchCSVRowError, fields: [String])] = []
        let limit = maximumFieldBytes
        do {
            let n = buf.count
            var i = (atStart && n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) ? 3 : 0
            var line = firstLine
            var width = 8
            while i < n {
                let rowLine = line
                var fields: [String] = []
                fields.reserveCapacity(width)
                var bad: BatchCSVRowError.Kind?
                var endOfRow = false
                while !endOfRow {
                    var fieldBytes: [UInt8] = []
                    var tooLong = false
                    if i < n && buf[i] == UInt8(ascii: "\"") {
                        let quoteLine = line
                        let quoteStart = i
                        i += 1
                        var closed = false
                        while i < n {
                            let c = buf[i]
                            if c == UInt8(ascii: "\"") {
                                if i + 1 < n && buf[i + 1] == UInt8(ascii: "\"") {
                                    if fieldBytes.count < limit { fieldBytes.append(c) } else { tooLong = true }
                                    i += 2
                                    continue
                                }
                                i += 1
                                closed = true
                                break
                            }
                            if c == UInt8(ascii: "\n") { line += 1 }
                            if fieldBytes.count < limit { fieldBytes.append(c) } else { tooLong = true }
                            i += 1
                        }
                        let junkAfter = closed && i < n && buf[i] != delimiter && buf[i] != UInt8(ascii: "\n")
                            && buf[i] != UInt8(ascii: "\r")
                        // Unclosed, or "closed" lines later by another row's quote (text follows it): the quote
                        // was a stray one. Resynchronise: the row ends with the line the quote opened on.
                        if !closed || (junkAfter && line > quoteLine) {
                            damaged.append((.init(line: rowLine, kind: .unterminatedQuote), fields))
                            i = quoteStart
                            while i < n && buf[i] != UInt8(ascii: "\n") { i += 1 }
                            if i < n { i += 1 }
                            line = quoteLine + 1
                            bad = .unterminatedQuote
                            break
                        } else if junkAfter {
                            bad = bad ?? .strayQuote(column: fields.count + 1)
                        }
                    }
                    // An unquoted field (nearly all of them): its bytes are read in place, with no copy but the
                    // String, and the same checks as the loop below.
                    if fieldBytes.isEmpty && !tooLong && (i >= n || buf[i] != UInt8(ascii: "\"")) {
                        let start = i
                        while i < n {
                            let c = buf[i]
                            if c == delimiter || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
                            if c == UInt8(ascii: "\"") { bad = bad ?? .strayQuote(column: fields.count + 1) }
                            i += 1
                        }
                        if i - start > limit {
                            tooLong = true
                        } else if let s = String(validating: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self) {
                            fields.append(s)
                        } else {
                            bad = bad ?? .invalidUTF8(column: "\(fields.count + 1)")
                            fields.append("")
                        }
                        if tooLong {
                            bad = bad ?? .fieldTooLong(column: fields.count + 1, limit: limit)
                            fields.append("")
                        }
                    } else {
                    // Unquoted part (or junk after a closing quote, already flagged).
                    while i < n {
                        let c = buf[i]
                        if c == delimiter || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
                        if c == UInt8(ascii: "\"") { bad = bad ?? .strayQuote(column: fields.count + 1) }
                        if fieldBytes.count < limit { fieldBytes.append(c) } else { tooLong = true }
                        i += 1
                    }
                    if tooLong {
                        bad = bad ?? .fieldTooLong(column: fields.count + 1, limit: limit)
                        fields.append("")
                    } else if let s = String(validating: fieldBytes, as: UTF8.self) {
                        fields.append(s)
                    } else {
                        bad = bad ?? .invalidUTF8(column: "\(fields.count + 1)")
                        fields.append("")
                    }
                    }
                    if i >= n {
                        endOfRow = true
                    } else if buf[i] == delimiter {
                        i += 1
                    } else {
                        if buf[i] == UInt8(ascii: "\r") { i += 1 }
                        if i < n && buf[i] == UInt8(ascii: "\n") { i += 1 }
                        line += 1
                        endOfRow = true
                    }
                }
                width = max(width, fields.count)
                if bad == .unterminatedQuote { continue }  // already reported, with the fields read before it
                if let bad {
                    damaged.append((.init(line: rowLine, kind: bad), fields))
                } else {
                    rows.append(CSVRow(line: rowLine, fields: fields))
                }
            }
        }
        return (rows, damaged)
    }
}
