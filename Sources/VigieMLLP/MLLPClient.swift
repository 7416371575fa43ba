import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Errors of `MLLPClient`.
public enum MLLPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The peer closed the connection before answering.
    case closedBeforeAnswer
    /// The peer sent bytes that are not an MLLP frame.
    case framing(MLLPFramingError)
    /// No answer within the timeout.
    case timedOut

    public var description: String {
        switch self {
        case .closedBeforeAnswer: "MLLP: the peer closed the connection before answering"
        case .framing(let error): error.description
        case .timedOut: "MLLP: no answer within the timeout"
        }
    }
}

/// An MLLP sender: one connection, one message at a time, each waiting for its answer (the feed's transport).
/// Not shared between tasks: the caller that connects it sends through it.
public final class MLLPClient {
    private let channel: NIOAsyncChannel<MLLPInbound, ByteBuffer>
    private var inbound: NIOAsyncChannelInboundStream<MLLPInbound>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Connects to `host:port` (with TLS when `tls` is set; `serverHostname` is checked against the certificate).
    public static func connect(
        host: String, port: Int, tls: NIOSSLContext? = nil, serverHostname: String? = nil, maxMessageBytes: Int = 1 << 20,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> MLLPClient {
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname)) }
                    try pipeline.addHandler(ByteToMessageHandler(MLLPFrameDecoder(maxMessageBytes: maxMessageBytes)))
                    try pipeline.addHandler(MessageToByteHandler(MLLPFrameEncoder()))
                    return try NIOAsyncChannel<MLLPInbound, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return MLLPClient(channel)
    }

    private init(_ channel: NIOAsyncChannel<MLLPInbound, ByteBuffer>) {
        self.channel = channel
        // The client owns the channel for its whole life; `close()` closes it.
        inbound = channel.inbound.makeAsyncIterator()
        outbound = channel.outbound
    }

    /// Sends `message` (its payload) and returns the peer's answer.
    public func send(_ message: [UInt8], timeout: Duration = .seconds(30)) async throws -> [UInt8] {
        try await outbound.write(ByteBuffer(bytes: message))
        // On timeout the connection is closed, which ends the wait below: a late answer can no longer be
        // mistaken for the next message's.
        let timer = Timer()
        let channel = self.channel.channel
        let sleeper = Task {
            try await Task.sleep(for: timeout)
            timer.fired.withLock { $0 = true }
            channel.close(promise: nil)
        }
        defer { sleeper.cancel() }
        let item = try await inbound.next()
        if timer.fired.withLock({ $0 }) { throw MLLPClientError.timedOut }
        switch item {
        case .message(let answer)?: return answer
        case .refused(let error)?: throw MLLPClientError.framing(error)
        case nil: throw MLLPClientError.closedBeforeAnswer
        }
    }

    /// Closes the connection.
    public func close() async {
        outbound.finish()
        try? await channel.channel.close()
    }

    // NIOAsyncWriter traps when it is freed unfinished (a client dropped after a failed send, without `close()`).
    deinit { outbound.finish() }

    /// Whether a call's timeout fired.
    private final class Timer: Sendable {
        let fired = Mutex(false)
    }
}
