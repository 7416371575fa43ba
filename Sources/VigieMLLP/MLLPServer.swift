import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// An MLLP listener: many concurrent connections, each answered in order, message by message, by an `MLLPHandler`.
///
/// Each connection reads one frame, waits for the handler's answer, writes it, then reads the next (MLLP's
/// original mode, what every EAI does: it waits for the ACK before sending the next message); a sender that
/// pipelines still gets its answers in order, and NIO's back-pressure bounds what is read ahead. A refused frame
/// gets the handler's refusal; bytes outside a frame close that connection only. The listener keeps serving.
///
/// `run()` serves until `stop()` (or the task is cancelled): it stops accepting, lets each connection finish the
/// message in hand, closes them, and returns.
public final class MLLPServer: Sendable {
    /// The port actually bound.
    public let port: Int
    /// The host bound.
    public let host: String
    private let server: NIOAsyncChannel<NIOAsyncChannel<MLLPInbound, ByteBuffer>, Never>
    private let handler: any MLLPHandler
    private let logger: Logger
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])
    private let stopping = Atomic<Bool>(false)

    /// `mllp://host:port`, as `vigie` prints it.
    public var url: String { "mllp://\(host):\(port)" }

    /// Binds the listener (it accepts connections once `run()` is called).
    public init(
        configuration: MLLPServerConfiguration, handler: any MLLPHandler,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger = Logger(label: "vigie.mllp")
    ) async throws {
        let maxBytes = configuration.maxMessageBytes
        let idle = configuration.idleTimeout
        let tls = configuration.tls
        server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
                    try pipeline.addHandler(IdleStateHandler(readTimeout: idle))
                    try pipeline.addHandler(IdleCloser())
                    try pipeline.addHandler(ByteToMessageHandler(MLLPFrameDecoder(maxMessageBytes: maxBytes)))
                    try pipeline.addHandler(MessageToByteHandler(MLLPFrameEncoder()))
                    return try NIOAsyncChannel<MLLPInbound, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        guard let bound = server.channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        port = bound
        host = configuration.host
        self.handler = handler
        self.logger = logger
    }

    /// Accepts and serves connections until `stop()`; returns once every connection is closed.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        let channel = connection.channel
                        let id = ObjectIdentifier(channel)
                        connections.withLock { $0[id] = channel }
                        if stopping.load(ordering: .acquiring) { try? await channel.close() }
                        group.addTask {
                            await self.serve(connection)
                            _ = self.connections.withLock { $0.removeValue(forKey: id) }
                        }
                    }
                }
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Stops accepting; each connection finishes the message in hand (its answer is written), then closes.
    public func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        server.channel.close(promise: nil)
        // Closing a connection's input ends its inbound stream after the frame being answered; the answer is
        // still written, then `serve` closes the channel.
        for channel in connections.withLock({ Array($0.values) }) {
            // A channel that cannot half-close (some TLS stacks) is closed whole rather than left open: a
            // message in hand is then committed but unanswered, and its sender's resend is a replay (MSH-10).
            let halfClosed = channel.eventLoop.makePromise(of: Void.self)
            halfClosed.futureResult.whenFailure { _ in channel.close(promise: nil) }
            channel.close(mode: .input, promise: halfClosed)
        }
    }

    private func serve(_ connection: NIOAsyncChannel<MLLPInbound, ByteBuffer>) async {
        let remote = connection.channel.remoteAddress?.description ?? "?"
        logger.debug("connection opened", metadata: ["peer": "\(remote)"])
        do {
            try await connection.executeThenClose { inbound, outbound in
                for try await item in inbound {
                    switch item {
                    case .message(let payload):
                        guard let answer = await handler.answer(message: payload) else { return }
                        try await outbound.write(ByteBuffer(bytes: answer))
                    case .refused(let error):
                        logger.notice("frame refused", metadata: ["peer": "\(remote)", "detail": "\(error.description)"])
                        if let answer = await handler.refusal(for: error) { try await outbound.write(ByteBuffer(bytes: answer)) }
                        if error.closesConnection { return }
                    }
                    if stopping.load(ordering: .acquiring) { return }
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["peer": "\(remote)", "detail": "\(error)"])
        }
        logger.debug("connection closed", metadata: ["peer": "\(remote)"])
    }
}

/// Closes a connection on which nothing was read for the idle timeout.
final class IdleCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
