import ArgumentParser
import Foundation
import Vigie

/// `vigie keys < records.csv`: the blocking keys of every record, one `KEY<TAB>RECORD` line per key (the
/// Spark job's first step, docs/spark.md).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Write the blocking keys of the records read on stdin (KEY<TAB>RECORD lines).",
        discussion: """
            Reads a batch CSV (header first) on stdin, prepares each record as `vigie dedupe` does and writes, \
            for each of its blocking keys (every pass), KEY<TAB>RECORD: KEY is 16 hex digits, RECORD is the \
            record's ordinal and its eight contract fields as one escaped CSV row (docs/spark.md). Records that \
            cannot be prepared are skipped, as in dedupe. With --numbered, every line after the header starts \
            with the record's ordinal in the whole file and a tab (the Spark job numbers the lines); otherwise \
            the ordinal is the record's position in the input.
            """)

    @Flag(name: .long, help: "Lines after the header start with ORDINAL<TAB>.")
    var numbered = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        var bytes = [UInt8](input)
        var ordinals: [Int] = []
        if numbered { (bytes, ordinals) = try Self.stripOrdinals(bytes) }
        let read: (records: [RawRecord], errors: [BatchCSVRowError])
        do {
            read = try BatchCSV.read(bytes: bytes)
        } catch {
            throw ValidationError(error.description)
        }
        let log = StderrLog(quiet: false, command: "keys")
        for e in read.errors { log.always("skipped: \(e.description)") }
        let prepared = PreparedRecord.prepare(read.records, threads: 1, leniency: .lenient)
        var out: [UInt8] = []
        out.reserveCapacity(prepared.records.count * 600)
        var k = 0
        for (position, raw) in read.records.enumerated() {
            // Prepared records come in input order, refused ones left out; ids are distinct.
            guard k < prepared.records.count, prepared.records[k].id == raw.id else { continue }
            let r = prepared.records[k]
            k += 1
            let ordinal = numbered ? ordinals[raw.line - 2] : position
            var record: [UInt8] = []
            BlockLine.appendRecord(ordinal: ordinal, raw, to: &record)
            for key in BlockingPass.allKeys(r) {
                BlockLine.appendKey(key, to: &out)
                out.append(0x09)
                out.append(contentsOf: record)
                out.append(0x0A)
            }
            if out.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(out))
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(out))
    }

    /// Removes the `ORDINAL<TAB>` prefix of every line after the first; the ordinals by line (line 2 first).
    static func stripOrdinals(_ bytes: [UInt8]) throws -> ([UInt8], [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var ordinals: [Int] = []
        var i = 0
        let n = bytes.count
        // Header line as it is.
        while i < n && bytes[i] != 0x0A { out.append(bytes[i]); i += 1 }
        if i < n { out.append(0x0A); i += 1 }
        var line = 2
        while i < n {
            var value = 0
            var digits = 0
            while i < n && bytes[i] >= 0x30 && bytes[i] <= 0x39 && digits < 18 {
                value = value * 10 + Int(bytes[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0, i < n, bytes[i] == 0x09 else {
                throw ValidationError("line \(line): expected ORDINAL<TAB> at the start of the line (--numbered)")
            }
            i += 1
            ordinals.append(value)
            while i < n && bytes[i] != 0x0A { out.append(bytes[i]); i += 1 }
            if i < n { out.append(0x0A); i += 1 }
            line += 1
        }
        return (out, ordinals)
    }
}
