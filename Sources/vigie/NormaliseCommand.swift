import ArgumentParser
import Foundation
import Vigie

/// `vigie normalise`: the INS form of names, one per line (or one column of a CSV file).
///
/// A line that cannot be normalised gets an error on stderr naming its line number and what is wrong (never
/// the name), an empty line on stdout (text format: output lines stay aligned with input lines) or an error
/// object (JSON), and the run goes on; the exit status is 1 when any line failed.
struct NormaliseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalise",
        abstract: "Print the INS form of names, one per line (stdin or a file).",
        discussion: """
            Reads one name per line, or with --column the named column of a CSV file with a header row.
            --format json prints, per line, the INS form, the matching form (tokens, particles, alternate names,
            compact form), the first names read as a list, and the phonetic keys.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Input file (default: standard input).")
    var file: String?

    @Option(help: "Read this column of a CSV file (header row required) instead of whole lines.")
    var column: String?

    @Option(help: "Output format: text (the INS form) or json (every form and key).")
    var format: Format = .text

    func run() throws {
        let bytes: [UInt8]
        if let file, file != "-" {
            try CommandFiles.input(file, "file")
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(.io, "file \(file): cannot read it")
            }
            bytes = [UInt8](data)
        } else {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var output = NormaliseOutput(format: format)
        if let column {
            let (rows, errors) = BatchCSV.parseRows(bytes: bytes)
            guard let header = rows.first else { throw CommandFailure(.data, "the CSV file has no header row") }
            guard let index = header.fields.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == column })
            else {
                throw CommandFailure(
                    .data, "--column \(column): no such column; found: \(header.fields.map { "'\($0)'" }.joined(separator: ", "))")
            }
            var pendingErrors = errors[...]
            for row in rows.dropFirst() {
                while let error = pendingErrors.first, error.line < row.line {
                    output.failure(line: error.line, reason: error.description)
                    pendingErrors = pendingErrors.dropFirst()
                }
                if row.fields.count == 1 && row.fields[0].isEmpty { continue }  // blank line
                guard index < row.fields.count else {
                    output.failure(line: row.line, reason: "line \(row.line): no field '\(column)'")
                    continue
                }
                output.name(row.fields[index], line: row.line)
            }
            for error in pendingErrors { output.failure(line: error.line, reason: error.description) }
        } else {
            var line = 0
            var start = bytes.startIndex
            while start < bytes.endIndex {
                line += 1
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
                var content = bytes[start..<end]
                if content.last == 0x0D { content = content.dropLast() }
                if let text = String(validating: content, as: UTF8.self) {
                    output.name(text, line: line)
                } else {
                    output.failure(line: line, reason: "line \(line): not valid UTF-8")
                }
                start = end == bytes.endIndex ? end : end + 1
            }
        }
        output.flush()
        if let error = output.writeError { throw CommandFailure(.io, "stdout: cannot write (\(error.localizedDescription))") }
        if output.failed > 0 {
            FileHandle.standardError.write(Data("vigie normalise: \(output.failed) line(s) failed\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Formats results and errors; stdout is written in large chunks.
struct NormaliseOutput {
    let format: NormaliseCommand.Format
    var buffer = ""
    var failed = 0

    init(format: NormaliseCommand.Format) {
        self.format = format
        buffer.reserveCapacity(1 << 16)
    }

    mutating func name(_ text: String, line: Int) {
        switch format {
        case .text:
            do throws(TraitTextError) {
                buffer += try INSForm.normalise(text)
                buffer += "\n"
            } catch {
                failure(line: line, reason: "line \(line): \(error.description)")
            }
        case .json:
            let (object, error) = NormaliseOutput.json(text, line: line)
            if let error {
                // The line still gets its JSON object (other forms may exist), and fails like in text mode.
                failed += 1
                flush()
                FileHandle.standardError.write(Data("error: line \(line): \(error.description)\n".utf8))
            }
            buffer += object
            buffer += "\n"
        }
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func failure(line: Int, reason: String) {
        failed += 1
        flush()
        FileHandle.standardError.write(Data("error: \(reason)\n".utf8))
        switch format {
        case .text: buffer += "\n"
        case .json: buffer += "{\"line\":\(line),\"error\":\(JSONText.quoted(reason))}\n"
        }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if writeError == nil {
            do { try FileHandle.standardOutput.write(contentsOf: Data(buffer.utf8)) } catch { writeError = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The first failure to write stdout (a full disk, a closed pipe): the run stops writing and exits 74.
    var writeError: (any Error)?

    /// Every form and key of one line; the error is the INS form's, when it has none.
    static func json(_ text: String, line: Int) -> (String, TraitTextError?) {
        func failure(_ error: TraitTextError) -> String { "{\"error\":\(JSONText.quoted(error.description))}" }
        var fields = ["\"line\":\(line)"]
        var insError: TraitTextError?
        var ins: String?
        do throws(TraitTextError) {
            ins = try INSForm.normalise(text)
            fields.append("\"ins\":\(JSONText.quoted(ins!))")
        } catch {
            insError = error
            fields.append("\"ins\":\(failure(error))")
        }
        var nameForm: NameForm?
        do throws(TraitTextError) {
            let name = try NameForm(text)
            nameForm = name
            let tokens = name.tokens.map { "{\"text\":\(JSONText.quoted($0.text)),\"particle\":\($0.isParticle)}" }
            fields.append(
                "\"name\":{\"ins\":\(JSONText.quoted(name.insForm)),\"tokens\":[\(tokens.joined(separator: ","))],"
                    + "\"alternates\":[\(name.alternateNames.map(JSONText.quoted).joined(separator: ","))],"
                    + "\"compact\":\(JSONText.quoted(String(decoding: name.compact, as: UTF8.self)))}")
        } catch {
            fields.append("\"name\":\(failure(error))")
        }
        do throws(TraitTextError) {
            let firstNames = try FirstNames(text)
            fields.append("\"firstNames\":[\(firstNames.names.map(JSONText.quoted).joined(separator: ","))]")
        } catch {
            fields.append("\"firstNames\":\(failure(error))")
        }
        if let keyed = ins ?? nameForm?.insForm {
            fields.append("\"phonex\":\(JSONText.quoted(FrenchPhonetic.phonex(keyed)))")
            fields.append("\"soundex2\":\(JSONText.quoted(FrenchPhonetic.soundex2(keyed)))")
            fields.append("\"sonnex\":\(JSONText.quoted(FrenchPhonetic.sonnex(keyed)))")
            fields.append("\"blockingKey\":\(JSONText.quoted(FrenchPhonetic.blockingKey(nameForm?.insForm ?? keyed)))")
        }
        return ("{" + fields.joined(separator: ",") + "}", insError)
    }
}
