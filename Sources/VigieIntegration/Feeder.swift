import Foundation
import Logging
import VigieHL7
import VigieMLLP
import VigieStore

/// Where `vigie feed` sends its messages.
public enum FeedDestination: Sendable {
    /// An MLLP receiver: each message waits for its acknowledgement. With `tls`, over TLS.
    case mllp(host: String, port: Int, tls: MLLPClientTLS? = nil)
    /// A byte stream (stdout, for a pipe): one message per line, segments separated by CR — the line protocol
    /// `vigie worker` reads.
    case lines(FileHandle)
}

/// How `vigie feed` runs.
public struct FeedConfiguration: Sendable {
    /// The subscriber whose durable position the feed follows (registered at position 0 when new).
    public var subscriber: String
    /// Exit when caught up, instead of waiting for new commits.
    public var once: Bool
    /// How often to look for new commits once caught up.
    public var pollInterval: Duration
    /// The first wait after a failed connection or send, doubled at each failure in a row up to `maximumBackoff`.
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    /// Give up after this many failures in a row (nil: never; a feed outlives its destination's restarts).
    public var retryLimit: Int?
    /// How long to wait for each acknowledgement before the connection is dropped and the message re-sent.
    public var answerTimeout: Duration
    public var builder: FeedMessageBuilder

    public init(
        subscriber: String, once: Bool = false, pollInterval: Duration = .milliseconds(200),
        initialBackoff: Duration = .milliseconds(100), maximumBackoff: Duration = .seconds(10), retryLimit: Int? = nil,
        answerTimeout: Duration = .seconds(30), builder: FeedMessageBuilder = FeedMessageBuilder()
    ) {
        self.subscriber = subscriber
        self.once = once
        self.pollInterval = pollInterval
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.retryLimit = retryLimit
        self.answerTimeout = answerTimeout
        self.builder = builder
    }
}

/// Sends a subscriber's pending outbox entries, strictly in commit order, and advances its durable position
/// only after each is delivered: acknowledged `AA` (MLLP), or written (lines). At least once: after a crash,
/// the entry in flight — and only it — is sent again, under the same MSH-10.
public final class Feeder: Sendable {
    let store: IdentityStore
    let configuration: FeedConfiguration
    let logger: Logger

    public init(store: IdentityStore, configuration: FeedConfiguration, logger: Logger = Logger(label: "vigie.feed")) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until caught up (`once`) or for ever; returns how many messages were delivered. Throws `FeedError`
    /// (refused, unexpected answer, unreachable, output) or `StoreError`.
    @discardableResult
    public func run(to destination: FeedDestination) async throws -> Int {
        let name = configuration.subscriber
        let start = try store.subscribeFeed(name)
        logger.notice("feed started", metadata: ["subscriber": "\(name)", "position": "\(start)"])
        var connection = Connection(destination: destination, configuration: configuration, logger: logger)
        var delivered = 0
        do {
            return try await loop(&connection, delivered: &delivered)
        } catch {
            await connection.shutdown()
            logger.error(
                "feed stopped", metadata: ["subscriber": "\(name)", "delivered": "\(delivered)", "detail": "\(error)"])
            throw error
        }
    }

    private func loop(_ connection: inout Connection, delivered: inout Int) async throws -> Int {
        let name = configuration.subscriber
        while true {
            let entries = try store.pendingOutbox(subscriber: name, limit: 100)
            if entries.isEmpty {
                if configuration.once {
                    logger.notice("feed caught up", metadata: ["subscriber": "\(name)", "delivered": "\(delivered)"])
                    await connection.shutdown()
                    return delivered
                }
                try await Task.sleep(for: configuration.pollInterval)
                continue
            }
            for entry in entries {
                let message = configuration.builder.message(for: entry)
                try await connection.deliver(message, entry: entry)
                try store.acknowledgeFeed(name, through: entry.sequence)
                delivered += 1
            }
        }
    }

    /// The destination's connection, re-opened with backoff when it fails.
    struct Connection {
        let destination: FeedDestination
        let configuration: FeedConfiguration
        let logger: Logger
        var client: MLLPClient?
        /// The TLS context, made once.
        var context: MLLPClientTLS.Context?

        init(destination: FeedDestination, configuration: FeedConfiguration, logger: Logger) {
            self.destination = destination
            self.configuration = configuration
            self.logger = logger
        }

        mutating func deliver(_ message: HL7Message, entry: OutboxEntry) async throws {
            let bytes = message.encodedBytes()
            let controlID = message.controlID
            switch destination {
            case .lines(let handle):
                do { try handle.write(contentsOf: bytes + [0x0A]) } catch { throw FeedError.outputFailed(reason: "\(error)") }
            case .mllp(let host, let port, let tls):
                if let tls, context == nil {
                    do { context = try tls.makeContext() } catch { throw FeedError.tlsConfiguration(reason: "\(error)") }
                }
                var failures = 0
                var backoff = configuration.initialBackoff
                while true {
                    let answer: [UInt8]
                    do {
                        if client == nil {
                            client = try await MLLPClient.connect(host: host, port: port, tls: context)
                        }
                        answer = try await client!.send(bytes, timeout: configuration.answerTimeout)
                    } catch {
                        await shutdown()
                        failures += 1
                        if let limit = configuration.retryLimit, failures >= limit {
                            throw FeedError.unreachable(attempts: failures, reason: "\(error)")
                        }
                        logger.warning(
                            "destination unavailable, retrying",
                            metadata: ["sequence": "\(entry.sequence)", "attempt": "\(failures)", "wait": "\(backoff)", "reason": "\(error)"])
                        try await Task.sleep(for: backoff)
                        backoff = min(backoff * 2, configuration.maximumBackoff)
                        continue
                    }
                    try Self.check(answer, sequence: entry.sequence, controlID: controlID)
                    return
                }
            }
        }

        /// MSA-1 must be AA (or CA) and MSA-2 the message's control id.
        static func check(_ answer: [UInt8], sequence: Int64, controlID: String) throws(FeedError) {
            guard let ack = try? HL7Message(parsing: answer), let msa = ack.first("MSA") else {
                throw .unexpectedAnswer(sequence: sequence, controlID: controlID, reason: "no MSA segment")
            }
            let code = msa[1].value
            guard msa[2].value == controlID else {
                throw .unexpectedAnswer(sequence: sequence, controlID: controlID, reason: "MSA-2 names another message")
            }
            switch code {
            case "AA", "CA": return
            case "AE", "AR", "CE", "CR":
                let errorCode = ack.first("ERR").map { $0[3][1] }.flatMap { $0.isEmpty ? nil : $0 }
                throw .refused(sequence: sequence, controlID: controlID, code: code, errorCode: errorCode)
            default:
                throw .unexpectedAnswer(sequence: sequence, controlID: controlID, reason: "MSA-1 is not an acknowledgement code")
            }
        }

        mutating func shutdown() async {
            await client?.close()
            client = nil
        }
    }
}
