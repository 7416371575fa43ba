import ArgumentParser
import Foundation
import Logging
import Vigie
import VigieServe

/// `vigie worker --store PATH [--model M]`: the RI's line protocol on stdin/stdout.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Serve HL7 v2.5 (PAM FR, PDQ) and JSON lines on stdin/stdout against an identity store.",
        discussion: """
            One request per line on stdin, one answer per line on stdout, in order. A line starting with MSH is an \
            HL7 v2.5 message (segments separated by CR); a line starting with { is a JSON request. An answer is \
            written only once its change is committed to the store. Logs go to stderr and never hold an identity trait.
            """)

    @Option(help: "The identity store (SQLite file; created when absent).")
    var store: String

    @Option(help: "A match model saved by 'vigie dedupe --train' (default: the built-in model).")
    var model: String?

    @Option(help: "The longest request line accepted, in bytes.")
    var maxLineBytes: Int = 1 << 20

    @Option(help: "INSi endpoint URL for the JSON 'qualify' operation (e.g. the mock's http://127.0.0.1:PORT/lps).")
    var insi: String?

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    @Option(help: "Log lines on stderr: text, or json (one object a line).")
    var logFormat: ServiceCommandSupport.LogFormat = .text

    func validate() throws {
        guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes must be at least 64") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        ServiceCommandSupport.bootstrapLogging(level: logLevel, format: logFormat)
        let logger = Logger(label: "vigie.worker")
        let matchModel = try ServiceCommandSupport.model(model)
        let identityStore = try ServiceCommandSupport.store(store)
        var qualifier: INSiQualifier?
        if let insi {
            do { qualifier = try INSiQualifier(endpoint: insi, actor: "vigie-worker") } catch {
                throw CommandFailure(.data, "--insi \(insi): cannot configure INSi: \(error)")
            }
        }
        let worker = try Worker(
            store: identityStore, model: matchModel,
            configuration: WorkerConfiguration(maxLineBytes: maxLineBytes, qualifier: qualifier), logger: logger)
        signal(SIGPIPE, SIG_IGN)
        let end = worker.serve(input: 0, output: 1)
        identityStore.close()
        // A closed stdout is an I/O failure (74); serve(input:output:) has logged it: one line.
        if case .outputClosed = end { throw ExitCode(ExitStatus.io.rawValue) }
    }
}
