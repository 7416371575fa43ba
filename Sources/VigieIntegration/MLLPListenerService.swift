import Foundation
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import VigieMLLP
import VigieRI
import VigieWorker

/// `vigie serve --mllp-port`: the worker's HL7 protocol on an MLLP listener, as a service of the server's
/// lifecycle, on the référentiel the web workspace uses (one process owns the store).
///
/// Graceful shutdown (SIGTERM): the listener stops accepting, each connection finishes the message in hand
/// (its ACK is written once committed) and closes, then the queue commits what it holds and stops. Only then
/// does `run()` return, so the server closes the store after the last batch.
public final class MLLPListenerService: Service, Sendable {
    public let server: MLLPServer
    public let queue: WorkerQueue
    let logger: Logger

    /// Where and how to listen.
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        public var maxMessageBytes: Int
        public var idleTimeout: Duration
        /// PEM certificate chain and private key: MLLP over TLS.
        public var tls: (certificateChain: String, privateKey: String)?

        public init(
            host: String = "127.0.0.1", port: Int = 0, maxMessageBytes: Int = 1 << 20, idleTimeout: Duration = .seconds(300),
            tls: (certificateChain: String, privateKey: String)? = nil
        ) {
            self.host = host
            self.port = port
            self.maxMessageBytes = maxMessageBytes
            self.idleTimeout = idleTimeout
            self.tls = tls
        }
    }

    /// Binds the listener (the port is known once this returns: `url`).
    public init(ri: Referentiel, options: Options, logger: Logger = Logger(label: "vigie.mllp")) async throws {
        let worker = Worker(ri: ri, configuration: WorkerConfiguration(maxLineBytes: options.maxMessageBytes), logger: Logger(label: "vigie.worker"))
        queue = WorkerQueue(worker: worker)
        var tls: NIOSSLContext?
        if let files = options.tls {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
            tls = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        }
        let idle = options.idleTimeout.components
        let configuration = MLLPServerConfiguration(
            host: options.host, port: options.port, maxMessageBytes: options.maxMessageBytes,
            idleTimeout: .milliseconds(idle.seconds * 1000 + idle.attoseconds / 1_000_000_000_000_000), tls: tls)
        do {
            server = try await MLLPServer(configuration: configuration, handler: WorkerMLLPHandler(worker: worker, queue: queue), logger: logger)
        } catch {
            queue.close()
            throw error
        }
        self.logger = logger
    }

    /// `mllp://host:port` (the port bound).
    public var url: String { server.url }

    public func run() async throws {
        let server = self.server
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: {
            server.stop()
        }
        // The listener is closed: commit what is queued (each waiting connection gets its answer) and stop.
        let queue = self.queue
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { queue.close(); done.resume() }
        }
        logger.notice("MLLP listener stopped")
    }
}
