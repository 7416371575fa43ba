import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Vigie
import VigieIntegration
import VigieServe

/// `vigie serve --store PATH --port PORT [--host 127.0.0.1] [--mllp-port M]`: the identitovigilance cell's
/// workspace, the FHIR endpoint under `/fhir`, and optionally the worker's HL7 protocol over MLLP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the identitovigilance cell's workspace (pages and JSON API) on an identity store.",
        discussion: """
            The first line on stdout is the base URL (http://HOST:PORT/; with --port 0, the port chosen); with \
            --mllp-port, the second is mllp://HOST:PORT (the HL7 v2 listener: the worker's semantics, an ACK only \
            after the commit, MSH-10 idempotency). FHIR R4 (PDQm) is under /fhir. The store \
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

    @Option(help: "Also listen for HL7 v2 over MLLP on this port (0 picks a free port), on --host.")
    var mllpPort: Int?

    @Option(help: "PEM certificate chain for MLLP over TLS (default: --tls-cert when given).")
    var mllpTlsCert: String?

    @Option(help: "PEM private key of --mllp-tls-cert (default: --tls-key).")
    var mllpTlsKey: String?

    @Option(help: "The largest MLLP message accepted, in bytes (a larger one gets an AR).")
    var mllpMaxBytes: Int = 1 << 20

    @Option(help: "Seconds an MLLP connection may stay silent before it is closed.")
    var mllpIdleSeconds: Int = 300

    @Option(help: "INSi endpoint for the identity page's qualification (e.g. the mock's http://127.0.0.1:PORT/lps).")
    var insi: String?

    @Option(help: "A match model saved by 'vigie dedupe --train', to explain pairs (default: the built-in model).")
    var model: String?

    @Option(help: "Minutes a browser session lasts.")
    var sessionMinutes: Int = 480

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    @Option(help: "Log lines on stderr: text, or json (one object a line).")
    var logFormat: ServiceCommandSupport.LogFormat = .text

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0-65535") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        if let mllpPort { guard (0...65_535).contains(mllpPort) else { throw ValidationError("--mllp-port must be 0-65535") } }
        guard (mllpTlsCert == nil) == (mllpTlsKey == nil) else { throw ValidationError("--mllp-tls-cert and --mllp-tls-key go together") }
        guard mllpPort != nil || mllpTlsCert == nil else { throw ValidationError("--mllp-tls-cert needs --mllp-port") }
        guard mllpMaxBytes >= 64 else { throw ValidationError("--mllp-max-bytes must be at least 64") }
        guard mllpIdleSeconds >= 1 else { throw ValidationError("--mllp-idle-seconds must be at least 1") }
        guard sessionMinutes >= 1 else { throw ValidationError("--session-minutes must be at least 1") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        ServiceCommandSupport.bootstrapLogging(level: logLevel, format: logFormat)
        let matchModel = try ServiceCommandSupport.model(model)
        let identityStore = try ServiceCommandSupport.store(store)
        var configuration = ServeConfiguration(
            storePath: store, host: host, port: port, insiURL: insi, sessionLifetime: Double(sessionMinutes) * 60)
        configuration.version = VigieVersion.current
        if let tlsCert, let tlsKey { configuration.tls = .init(certificateChain: tlsCert, privateKey: tlsKey) }
        // Every write goes through the référentiel; it catches up on what a worker on the same file commits.
        let referentiel = try Referentiel(store: identityStore, model: matchModel, logger: Logger(label: "vigie.ri"))
        // swift-metrics into swift-prometheus's registry, exported on GET /metrics.
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let services = ServeServices(ri: referentiel, configuration: configuration, metrics: registry)
        var additional: [any Service] = []
        var mllpURL: String?
        if let mllpPort {
            let tls = (mllpTlsCert ?? tlsCert).flatMap { cert in (mllpTlsKey ?? tlsKey).map { (cert, $0) } }
            let listener: MLLPListenerService
            do {
                listener = try await MLLPListenerService(
                    ri: referentiel,
                    options: .init(host: host, port: mllpPort, maxMessageBytes: mllpMaxBytes, idleTimeout: .seconds(mllpIdleSeconds), tls: tls))
            } catch {
                throw CommandFailure(.unavailable, "--mllp-port \(mllpPort): cannot listen: \(error)")
            }
            additional.append(listener)
            mllpURL = listener.url
        }
        let application = try VigieServer.buildApplication(services: services, additionalServices: additional, onReady: { [mllpURL] url in
            // One line each, web first: scripts read the URLs in this order.
            let lines = [url] + (mllpURL.map { [$0] } ?? [])
            FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
        })
        // Stops on SIGTERM and SIGINT: HTTP requests in flight finish, MLLP connections finish the message in hand,
        // the last batch commits, then the store is closed.
        try await application.runService()
        identityStore.close()
    }
}
