import ArgumentParser
import Foundation
import Logging
import Vigie
import VigieIntegration
import VigieMLLP
import VigieSupport

/// `vigie feed --store PATH --subscriber NAME [--to HOST:PORT] [--once]`: the outbound feed of the RI's changes.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Send the référentiel's committed changes to a subscriber as IHE PAM France messages.",
        discussion: """
            Every change the RI commits (create, update, status, merge, unmerge, identifiers or INS, link) is in the \
            store's outbox, in commit order. The feed sends the subscriber's pending changes — A28, A31, A40, A47, \
            A24, A37; the INS only for a QUAL identity — and advances the subscriber's durable position only after \
            each is delivered: acknowledged AA over MLLP (--to), or written to stdout (one message per line, segments \
            separated by CR: 'vigie worker' reads that). A lost connection is retried with backoff. AE or AR stops \
            the feed on that change (exit 76), which is sent again at the next run. See docs/integration.md.
            """)

    @Option(help: "The identity store (SQLite file; must exist).")
    var store: String

    @Option(help: "The subscriber's name: its position is kept in the store (registered at the outbox's start when new).")
    var subscriber: String

    @Option(help: "The MLLP destination HOST:PORT; without it, messages go to stdout.")
    var to: String?

    @Option(help: "PEM CA certificate(s): connect to --to over TLS, its certificate checked against them and its host name.")
    var tlsCA: String?

    @Option(help: "PEM client certificate chain, for a destination that asks for one (mutual TLS; with --tls-key).")
    var tlsCert: String?

    @Option(help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Flag(help: "Exit when caught up instead of waiting for new changes.")
    var once = false

    @Option(help: "Milliseconds between looks for new changes once caught up.")
    var pollInterval: Int = 200

    @Option(help: "Give up after this many failed attempts in a row to reach the destination (exit 69); default: never.")
    var retryLimit: Int?

    @Option(help: "Seconds to wait for each acknowledgement before reconnecting and sending again.")
    var answerTimeout: Int = 30

    @Option(help: "MSH-3, the sending application.")
    var sendingApplication: String = "VIGIE"

    @Option(help: "MSH-5, the receiving application.")
    var receivingApplication: String = ""

    @Option(help: "CX-4 of the RI's own identifier (V…) in PID-3 and MRG-1.")
    var riDomain: String = "VIGIE"

    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    func validate() throws {
        if let problem = IdentifierText.problem(subscriber, maximumLength: 128) { throw ValidationError("--subscriber \(problem)") }
        if let to, Self.destination(to) == nil { throw ValidationError("--to must be HOST:PORT with a port 1-65535") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        guard tlsCA != nil || tlsCert == nil else { throw ValidationError("--tls-cert needs --tls-ca") }
        guard to != nil || tlsCA == nil else { throw ValidationError("--tls-ca needs --to") }
        guard pollInterval >= 1 else { throw ValidationError("--poll-interval must be at least 1 ms") }
        guard retryLimit.map({ $0 >= 1 }) ?? true else { throw ValidationError("--retry-limit must be at least 1") }
        guard answerTimeout >= 1 else { throw ValidationError("--answer-timeout must be at least 1 s") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    /// `HOST:PORT` (the last colon splits, so that `[::1]:2575` and `::1:2575` work).
    static func destination(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    func run() async throws {
        ServiceCommandSupport.bootstrapLogging(level: logLevel)
        try CommandFiles.input(store, "--store")
        for (flag, path) in [("--tls-ca", tlsCA), ("--tls-cert", tlsCert), ("--tls-key", tlsKey)] {
            if let path { try CommandFiles.input(path, flag) }
        }
        let tls = tlsCA.map { MLLPClientTLS(trustRoots: $0, certificateChain: tlsCert, privateKey: tlsKey) }
        let identityStore = try ServiceCommandSupport.store(store)
        defer { identityStore.close() }
        let feeder = Feeder(
            store: identityStore,
            configuration: FeedConfiguration(
                subscriber: subscriber, once: once, pollInterval: .milliseconds(pollInterval), retryLimit: retryLimit,
                answerTimeout: .seconds(answerTimeout),
                builder: FeedMessageBuilder(
                    sendingApplication: sendingApplication, receivingApplication: receivingApplication, riDomain: riDomain)))
        let destination: FeedDestination = to.flatMap(Self.destination).map { .mllp(host: $0.host, port: $0.port, tls: tls) }
            ?? .lines(FileHandle.standardOutput)
        try await feeder.run(to: destination)
    }
}
