import Foundation
import NIOCore
import NIOPosix

/// A tiny HTTP `CONNECT` proxy on loopback for the transport tests (RFC 9110 §9.3.6): it reads one CONNECT,
/// opens the tunnel, answers 200 and relays bytes both ways. It records each CONNECT's target, so that a test
/// can tell the client really went through it (and how many tunnels it opened).
final class ConnectProxy: @unchecked Sendable {
    let channel: Channel
    let port: Int
    private let lock = NSLock()
    private var targets: [String] = []

    /// The targets of the CONNECTs received, in order.
    var connects: [String] { lock.withLock { targets } }

    private init(channel: Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    static func start() async throws -> ConnectProxy {
        let box = Box()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ProxyFront { target in box.proxy?.record(target) })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let proxy = ConnectProxy(channel: channel, port: channel.localAddress?.port ?? 0)
        box.proxy = proxy
        return proxy
    }

    func shutdown() async {
        try? await channel.close().get()
    }

    private func record(_ target: String) { lock.withLock { targets.append(target) } }

    private final class Box: @unchecked Sendable { weak var proxy: ConnectProxy? }
}

/// The client side of a tunnel: reads the CONNECT head, then relays.
private final class ProxyFront: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let record: @Sendable (String) -> Void
    private var head: [UInt8] = []
    private var peer: Channel?
    private var connecting = false
    private var pending: [ByteBuffer] = []

    init(record: @escaping @Sendable (String) -> Void) { self.record = record }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if let peer {
            peer.writeAndFlush(buffer, promise: nil)
            return
        }
        if connecting {
            pending.append(buffer)
            return
        }
        head += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let end = head.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
        let requestLine = String(decoding: head[..<(head.firstIndex(of: 0x0D) ?? end.lowerBound)], as: UTF8.self)
        let rest = Array(head[end.upperBound...])
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3, parts[0] == "CONNECT", let colon = parts[1].lastIndex(of: ":"),
            let port = Int(parts[1][parts[1].index(after: colon)...])
        else {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n\r\n")), promise: nil)
            context.close(promise: nil)
            return
        }
        let host = String(parts[1][..<colon])
        record(String(parts[1]))
        connecting = true
        let front = context.channel
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { back in
                back.eventLoop.makeCompletedFuture { try back.pipeline.syncOperations.addHandler(Relay(peer: front)) }
            }
            .connect(host: host, port: port)
            .whenComplete { result in
                let (handler, context) = bound.value
                switch result {
                case .failure:
                    context.writeAndFlush(handler.wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 502 Bad Gateway\r\n\r\n")), promise: nil)
                    context.close(promise: nil)
                case .success(let back):
                    handler.peer = back
                    context.writeAndFlush(
                        handler.wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 200 Connection established\r\n\r\n")), promise: nil)
                    if !rest.isEmpty { back.writeAndFlush(ByteBuffer(bytes: rest), promise: nil) }
                    for buffer in handler.pending { back.writeAndFlush(buffer, promise: nil) }
                    handler.pending = []
                }
            }
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer?.close(promise: nil)
        context.fireChannelInactive()
    }
}

/// The target side of a tunnel: everything read goes to the client.
private final class Relay: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    let peer: Channel

    init(peer: Channel) { self.peer = peer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }
}
