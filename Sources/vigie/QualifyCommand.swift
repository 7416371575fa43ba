import ArgumentParser
import Foundation
import Vigie
import VigieSupport

/// `vigie qualify`: batch qualification of a records file against INSi (or the mock).
struct QualifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualify",
        abstract: "Qualify identities against INSi: search each record's INS, compare traits, compute its RNIV status.",
        discussion: """
            Reads a batch records.csv (id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins), makes each
            record a provisional identity, and runs the qualification workflow. Each row may bring the identity document
            a person checked for this patient: document_type (ZFD-7 / FR Core code: CN, PA, CS, eCN, AN, LE, ...),
            document_checked_by, document_checked_at (YYYY-MM-DD or JJ/MM/AAAA), optionally document_expires and
            document_special_case (oui/non), or their French names (type de justificatif, vérifié par, date de
            vérification, date d'expiration, cas particulier). A row without that evidence reaches at most RECUP. Writes DIR/results.csv
            (id,cr,decision,differences,status_before,status_after,authority,matricule,calls,error) and DIR/report.txt.
            Progress and errors on stderr carry counts and record ids only, never traits or matricules.
            """)

    @Argument(help: "The records file (batch CSV contract, or its French column names).")
    var records: String

    @Option(help: "Name the file's header of some columns: column=header, comma-separated (id=IPP,birth_name=NOMNAIS).")
    var columns: String?

    /// The traits an INSi search needs (the birth place is optional).
    static let requiredColumns: Set<BatchColumn> = [.id, .birthName, .firstNames, .sex, .birthDate]

    @Option(help: "INSi endpoint URL (e.g. the mock's http://127.0.0.1:PORT/lps).")
    var insi: String

    @Option(help: "Output directory (created if needed).")
    var out: String

    /// Removed: one document for every row was mass qualification, without a check of each patient's document
    /// (RNIV). Kept hidden so that an old command line is told why and what replaces it.
    @Option(help: .hidden)
    var documentType: String?

    @Flag(help: "Fold case and accents of the raw traits into INS form first (ligatures and typographic apostrophes stay refused, CNDA 2.03 cas 3).")
    var normalise = false

    @Option(help: "Qualifications in flight at once.")
    var concurrency: Int = 8

    @Option(help: "Timeout of one INSi attempt, in milliseconds.")
    var timeoutMs: Int = 10_000

    @Option(help: "Attempts per INSi call (transport failures only are retried).")
    var attempts: Int = 3

    @Option(help: "Client certificate (PEM) for mutual TLS with a real endpoint.")
    var cert: String?

    @Option(help: "Private key (PEM) of the client certificate.")
    var key: String?

    @Option(help: "CA certificates (PEM) to trust for the server.")
    var ca: String?

    @Option(help: "Outbound HTTP proxy to reach INSi through (CONNECT), as http://HOST:PORT or HOST:PORT.")
    var proxy: String?

    @Option(help: "Software authorisation number (CNDA) sent in ContexteLPS.")
    var softwareNumber: String = "VIGIE-TEST-0001"

    @Option(help: "Actor recorded in the audit events.")
    var actor: String = "vigie-qualify"

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard attempts >= 1 else { throw ValidationError("--attempts must be at least 1") }
        guard timeoutMs >= 1 else { throw ValidationError("--timeout-ms must be at least 1") }
        guard (cert == nil) == (key == nil) else { throw ValidationError("--cert and --key go together") }
        guard let url = URL(string: insi), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil
        else { throw ValidationError("--insi \(insi): not an http(s) URL") }
        if documentType != nil {
            throw ValidationError(
                "--document-type was removed: one document for every row qualified patients whose document nobody checked. "
                    + "Give each row its evidence in columns document_type, document_checked_by, document_checked_at "
                    + "(French headers accepted: type de justificatif, vérifié par, date de vérification)")
        }
        if let columns {
            do { _ = try ColumnMapping.parseExplicit(columns) } catch { throw ValidationError(error.description) }
        }
    }

    func run() async throws {
        let started = Date()
        let explicit = try columns.map(ColumnMapping.parseExplicit) ?? [:]
        try CommandFiles.input(records, "records")
        for (flag, path) in [("--cert", cert), ("--key", key), ("--ca", ca)] { if let path { try CommandFiles.input(path, flag) } }
        var tls: INSiTLSConfiguration?
        if let cert, let key {
            tls = INSiTLSConfiguration(certificatePath: cert, privateKeyPath: key, trustRootsPath: ca)
        }
        var insiProxy: INSiProxy?
        if let proxy {
            guard let parsed = INSiProxy(proxy) else { throw ValidationError("--proxy: expected http://HOST:PORT or HOST:PORT") }
            insiProxy = parsed
        }
        let configuration = INSiClientConfiguration(
            endpoint: insi,
            software: SoftwareIdentification(
                authorisationNumber: softwareNumber, version: "1.0", instance: "00000000-0000-4000-8000-000000000000", name: "urn:lps:vigie:1.0"),
            tls: tls, proxy: insiProxy, timeoutMilliseconds: timeoutMs, maxAttempts: attempts)
        let client: INSiClient
        do { client = try INSiClient(configuration: configuration) } catch {
            // The endpoint and the TLS files were checked above: what is left is their content.
            throw CommandFailure(.data, "INSi client: \(error)")
        }
        let read = try CommandFiles.reading("records", records) {
            try BatchCSV.read(contentsOf: records, columns: explicit, required: Self.requiredColumns)
        }
        guard !read.records.isEmpty else {
            throw CommandFailure(.data, "records \(records): no record to qualify (\(read.errors.count) rows unreadable)")
        }
        // Header names and row errors come from the file: escaped so that they cannot forge log lines.
        let log = { (line: String) in FileHandle.standardError.write(Data("vigie qualify: \(LogSafe.line(line))\n".utf8)) }
        log("\(records): \(read.columns.summary)")
        for warning in read.columns.lookAlikeWarnings { log(warning) }
        for e in read.errors { log("skipped: \(e)") }
        try CommandFiles.outputDirectory(out)

        let batch = QualifyBatch(
            workflow: Qualification(client: client, actor: actor), normalise: normalise,
            concurrency: max(1, concurrency))
        let results = await batch.run(read.records) { done, total in
            FileHandle.standardError.write(Data("vigie qualify: \(done)/\(total)\n".utf8))
        }
        let elapsed = Date().timeIntervalSince(started)
        try CommandFiles.write(Data(QualifyBatch.resultsCSV(results).utf8), to: out + "/results.csv")
        let report = QualifyBatch.report(results, unreadableRows: read.errors.count, seconds: elapsed)
        try CommandFiles.write(Data(report.utf8), to: out + "/report.txt")
        FileHandle.standardError.write(Data(report.utf8))
        if let failure = Self.totalFailure(results, endpoint: insi) { throw failure }
    }

    /// A batch where INSi answered no record is a failure, not a report of errors: 69 when the service was not
    /// reached (transport errors, faults), 65 when no record could even be sent (every one refused locally).
    static func totalFailure(_ results: [QualificationRecordResult], endpoint: String) -> CommandFailure? {
        guard !results.isEmpty, results.allSatisfy({ $0.code == nil && $0.decision == "error" }) else { return nil }
        let unreachable = results.filter { r in
            r.errorKind.map { $0 == "transport" || $0.hasPrefix("fault:") || $0 == "client" } ?? false
        }.count
        if unreachable > 0 {
            return CommandFailure(
                .unavailable, "--insi \(endpoint): INSi answered none of the \(results.count) records "
                    + "(\(unreachable) transport errors or faults); results.csv lists each record's error")
        }
        return CommandFailure(
            .data, "none of the \(results.count) records could be sent to INSi (each refused locally; results.csv names the field)")
    }
}
