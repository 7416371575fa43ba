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
            record a provisional identity, and runs the qualification workflow. Writes DIR/results.csv
            (id,cr,decision,differences,status_before,status_after,authority,matricule,calls,error) and DIR/report.txt.
            Progress and errors on stderr carry counts and record ids only, never traits or matricules.
            """)

    @Argument(help: "The records file (batch CSV contract).")
    var records: String

    @Option(help: "INSi endpoint URL (e.g. the mock's http://127.0.0.1:PORT/lps).")
    var insi: String

    @Option(help: "Output directory (created if needed).")
    var out: String

    @Option(help: "Identity document checked for every record: a PAM FR ZFD-7 code (PA passport, CN identity card, CS residence permit, AN birth certificate, LE family book, PC driving licence, ...) or 'none'.")
    var documentType: String = "none"

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

    func run() async throws {
        let started = Date()
        var tls: INSiTLSConfiguration?
        if cert != nil || key != nil {
            guard let cert, let key else { throw ValidationError("--cert and --key go together") }
            tls = INSiTLSConfiguration(certificatePath: cert, privateKeyPath: key, trustRootsPath: ca)
        }
        var insiProxy: INSiProxy?
        if let proxy {
            guard let parsed = INSiProxy(proxy) else { throw ValidationError("--proxy: expected http://HOST:PORT or HOST:PORT") }
            insiProxy = parsed
        }
        let document: DocumentCheck?
        do { document = try QualifyBatch.document(documentType) } catch { throw ValidationError("\(error)") }
        let configuration = INSiClientConfiguration(
            endpoint: insi,
            software: SoftwareIdentification(
                authorisationNumber: softwareNumber, version: "1.0", instance: "00000000-0000-4000-8000-000000000000", name: "urn:lps:vigie:1.0"),
            tls: tls, proxy: insiProxy, timeoutMilliseconds: timeoutMs, maxAttempts: attempts)
        let client: INSiClient
        do { client = try INSiClient(configuration: configuration) } catch { throw ValidationError("\(error)") }
        let read: (records: [RawRecord], errors: [BatchCSVRowError])
        do { read = try BatchCSV.read(contentsOf: records) } catch { throw ValidationError("\(error)") }
        for e in read.errors { FileHandle.standardError.write(Data("qualify: \(LogSafe.line(e.description))\n".utf8)) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        let batch = QualifyBatch(
            workflow: Qualification(client: client, actor: actor), document: document, normalise: normalise,
            concurrency: max(1, concurrency))
        let results = await batch.run(read.records) { done, total in
            FileHandle.standardError.write(Data("qualify: \(done)/\(total)\n".utf8))
        }
        let elapsed = Date().timeIntervalSince(started)
        try QualifyBatch.resultsCSV(results).write(toFile: out + "/results.csv", atomically: true, encoding: .utf8)
        let report = QualifyBatch.report(results, unreadableRows: read.errors.count, seconds: elapsed)
        try report.write(toFile: out + "/report.txt", atomically: true, encoding: .utf8)
        FileHandle.standardError.write(Data(report.utf8))
    }
}
