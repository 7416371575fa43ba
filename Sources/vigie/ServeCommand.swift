import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Vigie
import VigieServe

/// `vigie serve --store PATH --port PORT [--host 127.0.0.1]`: the identitovigilance cell's workspace.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the identitovigilance cell's workspace (pages and JSON API) on an identity store.",
        discussion: """
            The first line on stdout is the base URL (http://HOST:PORT/; with --port 0, the port chosen). The store \
            can be shared with a running 'vigie worker'. Operators are created with 'vigie operator add'. SIGTERM or \
            SIGINT stop the server gracefully. Logs go to stderr and never hold an identity trait.
            """)

    @Option(help: "The identity store (SQLite file; created when absent).")
    var store: String

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port: Int

    @Option(help: "The address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "PEM certificate chain: serve HTTPS (cookies become Secure).")
    var tlsCert: String?

    @Option(help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "INSi endpoint for the identity page's qualification (e.g. the mock's http://127.0.0.1:PORT/lps).")
    var insi: String?

    @Option(help: "A match model saved by 'vigie dedupe --train', to explain pairs (default: the built-in model).")
    var model: String?

    @Option(help: "Minutes a browser session lasts.")
    var sessionMinutes: Int = 480

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0-65535") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        guard sessionMinutes >= 1 else { throw ValidationError("--session-minutes must be at least 1") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        ServiceCommandSupport.bootstrapLogging(level: logLevel)
        let matchModel = try ServiceCommandSupport.model(model)
        let identityStore = try ServiceCommandSupport.store(store)
        var configuration = ServeConfiguration(
            storePath: store, host: host, port: port, insiURL: insi, sessionLifetime: Double(sessionMinutes) * 60)
        if let tlsCert, let tlsKey { configuration.tls = .init(certificateChain: tlsCert, privateKey: tlsKey) }
        // Every write goes through the référentiel; it catches up on what a worker on the same file commits.
        let referentiel = try Referentiel(store: identityStore, model: matchModel, logger: Logger(label: "vigie.ri"))
        let services = ServeServices(ri: referentiel, configuration: configuration)
        let application = try VigieServer.buildApplication(services: services, onReady: { url in
            FileHandle.standardOutput.write(Data((url + "\n").utf8))
        })
        // Stops on SIGTERM and SIGINT: requests in flight finish, then the store is closed.
        try await application.runService()
        identityStore.close()
    }
}
