import Foundation
import Testing

/// Issue #18, "documentation a user can follow": the README's `vigie qualify` demonstration and docs/worker.md's
/// session, run as written with the built binary; what they print must be what the pages show.
@Suite struct DocumentationTests {
    let work: CLIWorkspace
    var vigie: VigieBinary { work.vigie }
    var directory: URL { work.directory }
    init() throws { work = try CLIWorkspace() }

    /// Fenced code blocks of a page: info string and content.
    static func blocks(_ page: String) throws -> [(info: String, text: String)] {
        let text = try String(contentsOf: VigieBinary.root.appendingPathComponent(page), encoding: .utf8)
        var blocks: [(String, String)] = []
        var current: (info: String, lines: [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let open = current {
                    blocks.append((open.info, open.lines.joined(separator: "\n")))
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)), [])
                }
            } else if current != nil {
                current!.lines.append(line)
            }
        }
        return blocks
    }

    /// Splits a shell command line into words (double quotes group, no other shell syntax).
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for c in line {
            if c == "\"" { quoted.toggle(); started = true; continue }
            if c == " " && !quoted {
                if started { words.append(word) }
                word = ""
                started = false
                continue
            }
            word.append(c)
            started = true
        }
        if started { words.append(word) }
        return words
    }

    @Test func readmeQualifyDemo() throws {
        let blocks = try Self.blocks("README.md")
        let index = try #require(blocks.firstIndex { $0.text.contains("vigie qualify docs/examples/qualify.csv") })
        let line = try #require(blocks[index].text.split(separator: "\n").first { $0.hasPrefix("vigie qualify ") })
        let shown = try #require(blocks.dropFirst(index + 1).first, "the README shows results.csv after the commands")
        #expect(shown.text.hasPrefix("id,cr,decision,"))

        let mock = try VigieBinary.Server(vigie, ["insi-mock", "--port", "0"])
        defer { mock.stop() }
        let port = try #require(Int(mock.firstLine))
        let out = directory.appendingPathComponent("q").path
        let arguments = Self.words(String(line)).dropFirst().map {
            $0.replacingOccurrences(of: "$PORT", with: String(port)).replacingOccurrences(of: "/tmp/q", with: out)
        }
        let run = try vigie.run(Array(arguments), in: VigieBinary.root)
        #expect(run.status == 0, "\(run)")
        let results = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
        #expect(results == shown.text + "\n")
    }

    /// The masked parts of an answer or a log line: times and generated control ids, elapsed times.
    static func masked(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            if line.hasPrefix("MSH|") {
                var fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                if fields.count > 9 { fields[6] = "<time>"; fields[9] = "<control>" }
                line = fields.joined(separator: "|")
            }
            for (pattern, replacement) in [
                (#""time":"[^"]*""#, #""time":"<time>""#), (#"^\S+ (trace|debug|info|notice|warning|error) "#, "<time> $1 "),
                (#"(ms|us)=[0-9]+"#, "$1=<n>"),
            ] {
                line = line.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
            }
            return line
        }.joined(separator: "\n")
    }

    @Test func workerSessionReplays() throws {
        let blocks = try Self.blocks("docs/worker.md")
        let input = try #require(blocks.first { $0.info == "er7 session.txt" }, "docs/worker.md shows the session's input")
        let answers = try #require(blocks.first { $0.info == "er7 answers" })
        let logs = try #require(blocks.first { $0.info == "text stderr" })
        let command = try #require(
            blocks.lazy.flatMap { $0.text.split(separator: "\n") }.first { $0.hasPrefix("awk ") && $0.contains("vigie worker") })

        try (input.text + "\n").write(to: directory.appendingPathComponent("session.txt"), atomically: true, encoding: .utf8)
        let shell = String(command)
            .replacingOccurrences(of: "| vigie worker", with: "| '\(vigie.url.path)' worker")
            .replacingOccurrences(of: "/tmp/ri.sqlite", with: directory.appendingPathComponent("ri.sqlite").path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", shell]
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = Collector(out.fileHandleForReading), stderr = Collector(err.fileHandleForReading)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr.text())")
        let got = stdout.text().replacingOccurrences(of: "\r", with: "\n")
        #expect(Self.masked(got) == Self.masked(answers.text + "\n"))
        #expect(Self.masked(stderr.text()) == Self.masked(logs.text + "\n"))
    }
}
