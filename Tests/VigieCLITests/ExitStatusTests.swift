import Foundation
import Testing

/// Issue #18, "errors and exit codes": every sysexits status of `vigie`, from the built binary. A runtime failure
/// prints one line on stderr (`vigie <command>: …`) naming the file, field or flag, never the usage banner.
@Suite struct ExitStatusTests {
    let work: CLIWorkspace
    var vigie: VigieBinary { work.vigie }
    var directory: URL { work.directory }
    init() throws { work = try CLIWorkspace() }

    func path(_ name: String) -> String { work.path(name) }

    func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// One line on stderr, starting `vigie <command>:`, holding `mentions`, no usage banner.
    func expectOneLine(_ run: VigieBinary.Run, _ command: String, mentions: [String], status: Int32) {
        #expect(run.status == status, "\(run)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run)")
        #expect(lines.first?.hasPrefix("vigie \(command): ") == true, "\(run)")
        for m in mentions { #expect(run.stderr.contains(m), "\(m) in \(run)") }
        #expect(!run.stderr.contains("Usage:"), "\(run)")
    }

    static let sample = "id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins\n"
        + "1,MARTIN,ALICE,F,1980-01-01,75056,,\n2,MARTIN,ALICE,F,1980-01-01,75056,,\n"

    // MARK: 0 and 64

    @Test func versionIsPrintedAndExitsZero() throws {
        let run = try vigie.run(["--version"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run)")
    }

    @Test func usageErrorsExit64() throws {
        let records = try write("r.csv", Self.sample)
        #expect(try vigie.run(["dedupe"]).status == 64)
        #expect(try vigie.run(["nonsense"]).status == 64)
        let thresholds = try vigie.run(["dedupe", records, "--out", path("o"), "--match-threshold", "5", "--review-threshold", "12"])
        #expect(thresholds.status == 64, "\(thresholds)")
        #expect(thresholds.stderr.contains("--review-threshold"))
        let columns = try vigie.run(["dedupe", records, "--out", path("o"), "--columns", "name=NOM"])
        #expect(columns.status == 64, "\(columns)")
        #expect(columns.stderr.contains("--columns"))
        #expect(try vigie.run(["qualify", records, "--insi", "not a url", "--out", path("q")]).status == 64)
    }

    /// A review threshold given alone must still be below the model's match threshold (10 bits built in).
    @Test func aReviewThresholdAboveTheModelsMatchThresholdExits64() throws {
        let records = try write("r.csv", Self.sample)
        let run = try vigie.run(["dedupe", records, "--out", path("o"), "--review-threshold", "12", "--quiet"])
        expectOneLine(run, "dedupe", mentions: ["review threshold", "match threshold"], status: 64)
    }

    // MARK: 65 data

    @Test func aFileWithoutTheRequiredColumnsExits65ListingThem() throws {
        let records = try write("r.csv", "IPP;NOM;PRENOM\n1;MARTIN;ALICE\n")
        let run = try vigie.run(["dedupe", records, "--out", path("o")])
        expectOneLine(run, "dedupe", mentions: [records, "birth_name", "birth_date", "found: 'IPP', 'NOM', 'PRENOM'", "required: id"], status: 65)
        let qualify = try vigie.run(["qualify", records, "--insi", "http://127.0.0.1:9/lps", "--out", path("q")])
        expectOneLine(qualify, "qualify", mentions: [records, "sex", "found: 'IPP', 'NOM', 'PRENOM'"], status: 65)
    }

    @Test func aMalformedModelExits65() throws {
        let records = try write("r.csv", Self.sample)
        let model = try write("model.json", "{\"formatVersion\": 1, \"fields\": []")
        let run = try vigie.run(["dedupe", records, "--out", path("o"), "--model", model, "--quiet"])
        expectOneLine(run, "dedupe", mentions: ["--model \(model)"], status: 65)
        let worker = try vigie.run(["worker", "--store", path("ri.sqlite"), "--model", model])
        expectOneLine(worker, "worker", mentions: ["--model \(model)"], status: 65)
    }

    @Test func dedupeWithNoRecordExits65() throws {
        let records = try write("r.csv", "id,birth_name,first_names,birth_date\n")
        let run = try vigie.run(["dedupe", records, "--out", path("o"), "--quiet"])
        expectOneLine(run, "dedupe", mentions: ["no record to deduplicate"], status: 65)
        // Rows there, but none with a name or first name to match on.
        let empty = try write("e.csv", "id,birth_name,first_names,birth_date\n1,,,1980-01-01\n2,,,1981-01-01\n")
        let nothing = try vigie.run(["dedupe", empty, "--out", path("o"), "--quiet"])
        #expect(nothing.status == 65, "\(nothing)")
        #expect(nothing.stderr.contains("2 records with nothing to match on"))
    }

    /// Every record refused before any call (an impossible birth date): nothing was qualified, nothing reached INSi.
    @Test func qualifyWithNoRecordSendableExits65() throws {
        let records = try write(
            "r.csv", "id,birth_name,first_names,sex,birth_date\n1,MARTIN,ALICE,F,1980-13-45\n2,DUPONT,JEAN,M,1970-02-31\n")
        let run = try vigie.run(["qualify", records, "--insi", "http://127.0.0.1:9/lps", "--out", path("q")])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.split(separator: "\n").last?.hasPrefix("vigie qualify: none of the 2 records could be sent") == true, "\(run)")
        let header = try write("h.csv", "id,birth_name,first_names,sex,birth_date\n")
        expectOneLine(
            try vigie.run(["qualify", header, "--insi", "http://127.0.0.1:9/lps", "--out", path("q2")]), "qualify",
            mentions: ["no record to qualify"], status: 65)
    }

    @Test func evaluateOnClustersOfOtherRecordsExits65() throws {
        let truth = try write("truth.csv", "id,person_id\n" + (1...10).map { "t\($0),p\($0)\n" }.joined())
        let clusters = try write("clusters.csv", "id,cluster_id\n" + (1...10).map { "x\($0),c\($0)\n" }.joined())
        let run = try vigie.run(["evaluate", "--truth", truth, "--clusters", clusters])
        expectOneLine(run, "evaluate", mentions: ["10 of 10 cluster rows are absent from the truth"], status: 65)
        #expect(run.stdout.isEmpty, "no scores are printed")
    }

    // MARK: 66 missing input

    @Test func aMissingInputExits66NamingIt() throws {
        let records = try write("r.csv", Self.sample)
        expectOneLine(try vigie.run(["dedupe", path("nope.csv"), "--out", path("o")]), "dedupe", mentions: ["nope.csv", "no such file"], status: 66)
        expectOneLine(
            try vigie.run(["dedupe", records, "--out", path("o"), "--model", path("nope.json")]), "dedupe",
            mentions: ["--model", "nope.json"], status: 66)
        expectOneLine(
            try vigie.run(["evaluate", "--truth", path("nope.csv"), "--clusters", records]), "evaluate",
            mentions: ["--truth", "nope.csv"], status: 66)
        expectOneLine(try vigie.run(["normalise", path("nope.txt")]), "normalise", mentions: ["nope.txt"], status: 66)
        expectOneLine(
            try vigie.run(["corpus", "generate", "--persons", "1", "--out", path("c"), "--profile", path("nope.json")]),
            "corpus generate", mentions: ["--profile"], status: 66)
    }

    // MARK: 69 service unavailable

    @Test func qualifyWithINSiUnreachableForTheWholeBatchExits69() throws {
        let records = try write("r.csv", Self.sample)
        // Port 9 (discard) on loopback: nothing listens, every connection is refused.
        let run = try vigie.run([
            "qualify", records, "--insi", "http://127.0.0.1:9/lps", "--out", path("q"), "--attempts", "1", "--timeout-ms", "2000",
        ])
        #expect(run.status == 69, "\(run)")
        #expect(run.stderr.split(separator: "\n").last?.hasPrefix("vigie qualify: --insi http://127.0.0.1:9/lps: INSi answered none") == true, "\(run)")
        // The per-record results are still written for the operator.
        #expect(FileManager.default.fileExists(atPath: path("q/results.csv")))
    }

    // MARK: 73 cannot create

    @Test func anOutputThatCannotBeCreatedExits73() throws {
        let records = try write("r.csv", Self.sample)
        let file = try write("a-file", "x")
        expectOneLine(try vigie.run(["dedupe", records, "--out", file + "/out"]), "dedupe", mentions: ["--out \(file)/out"], status: 73)
        expectOneLine(
            try vigie.run(["worker", "--store", "/nonexistent/dir/ri.sqlite"]), "worker",
            mentions: ["--store /nonexistent/dir/ri.sqlite", "no directory /nonexistent/dir"], status: 73)
        expectOneLine(
            try vigie.run(["corpus", "generate", "--persons", "1", "--out", file]), "corpus generate", mentions: [file], status: 73)
    }

    // MARK: 74 I/O

    @Test func aFailedWriteToStdoutExits74() throws {
        let process = Process()
        process.executableURL = vigie.url
        process.arguments = ["normalise"]
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        process.standardError = stderr
        try process.run()
        let err = Collector(stderr.fileHandleForReading)
        stdin.fileHandleForWriting.write(Data("Lætitia\n".utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = err.text()
        #expect(process.terminationStatus == 74, "\(text)")
        #expect(text.hasPrefix("vigie normalise: stdout: cannot write"), "\(text)")
    }

    // MARK: the bad key in groups

    @Test func anINSInGroupsWithABadKeyIsABadKey() throws {
        // 2 79 03 51 215 189 89 is PAT-TROIS DOMINIQUE's (ANS test identity); 88 is not its key.
        for text in ["2 79 03 51 215 189 88", "2\u{A0}79\u{A0}03\u{A0}51\u{A0}215\u{A0}189\u{A0}88"] {
            let run = try vigie.run(["ins", "check", text])
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout.contains("invalid: the key does not match the number, expected 89"), "\(run)")
            #expect(!run.stdout.contains("characters"), "\(run)")
        }
        let good = try vigie.run(["ins", "check", "2\u{202F}79\u{202F}03\u{202F}51\u{202F}215\u{202F}189\u{202F}89"])
        #expect(good.status == 0 && good.stdout.hasSuffix("valid\n"), "\(good)")
    }
}
