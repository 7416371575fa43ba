import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import VigieText

/// The mock INSi teleservice on HTTP/1.1 (loopback by default): ``MockTeleservice`` behind a SwiftNIO
/// server, with fault injection. Answers `POST` on any path (the real endpoint is `/lps`).
public final class INSiMockServer: Sendable {
    /// The port actually bound (useful when started with port 0).
    public let port: Int
    /// The host bound.
    public let host: String
    private let channel: Channel
    private let state: MockServerState

    /// Whether the mock speaks TLS (then `url` is `https`).
    public let usesTLS: Bool

    /// The URL clients post to.
    public var url: String { "\(usesTLS ? "https" : "http")://\(host):\(port)/lps" }

    /// Requests received so far (complete HTTP requests, answered or not).
    public var requestCount: Int { state.requestCount }

    /// Connections accepted so far (a keep-alive client makes one for many requests).
    public var connectionCount: Int { state.connectionCount }

    /// How long a connection may stay silent (no byte read) before the mock closes it.
    public static let defaultIdleTimeout: TimeAmount = .seconds(30)
    /// How long one request may take to arrive in full, from its first byte (a slow sender is cut off).
    public static let defaultRequestTimeout: TimeAmount = .seconds(30)

    /// Starts a server. `port` 0 binds an ephemeral port. A connection idle for `idleTimeout`, or whose request
    /// takes longer than `requestTimeout` to arrive, is closed: a silent or slow client holds nothing for ever.
    public static func start(
        host: String = "127.0.0.1", port: Int = 0, service: MockTeleservice = MockTeleservice(), faults: MockFaults = .none,
        logger: Logger = Logger(label: "vigie.insi-mock"), idleTimeout: TimeAmount = defaultIdleTimeout,
        requestTimeout: TimeAmount = defaultRequestTimeout, tls: NIOSSLContext? = nil
    ) async throws -> INSiMockServer {
        let state = MockServerState(service: service, faults: faults, logger: logger, requestTimeout: requestTimeout)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                state.track(channel)
                do {
                    // With `tls`, mutual TLS as the real endpoint does when its context requires a client certificate.
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idleTimeout))
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
                return channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(MockHTTPHandler(state: state))
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
        let channel = try await bootstrap.bind(host: host, port: port).get()
        guard let bound = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        return INSiMockServer(port: bound, host: host, channel: channel, state: state, usesTLS: tls != nil)
    }

    private init(port: Int, host: String, channel: Channel, state: MockServerState, usesTLS: Bool) {
        self.usesTLS = usesTLS
        self.port = port
        self.host = host
        self.channel = channel
        self.state = state
    }

    /// Stops listening and closes every open connection (including those held by a `timeout` fault).
    public func shutdown() async throws {
        try? await channel.close().get()
        await state.closeAll()
    }

    /// Waits until the server channel closes (for the CLI).
    public func waitUntilClosed() async throws {
        try await channel.closeFuture.get()
    }
}

/// Shared, lock-protected state of a running mock: counters, fault randomness, open connections.
final class MockServerState: @unchecked Sendable {
    let service: MockTeleservice
    let faults: MockFaults
    let logger: Logger
    let requestTimeout: TimeAmount
    private let lock = NSLock()
    private var count = 0
    private var random: SplitMix64
    private var windowStart = NIODeadline.now()
    private var windowCount = 0
    private var channels: [ObjectIdentifier: Channel] = [:]

    init(service: MockTeleservice, faults: MockFaults, logger: Logger, requestTimeout: TimeAmount) {
        self.service = service
        self.faults = faults
        self.logger = logger
        self.requestTimeout = requestTimeout
        self.random = SplitMix64(seed: faults.seed)
    }

    var requestCount: Int { lock.withLock { count } }
    private var connections = 0
    var connectionCount: Int { lock.withLock { connections } }

    enum Decision { case rateLimited, fault(MockFaults.Kind), normal }

    /// Numbers the request and decides what happens to it.
    func admit() -> (Int, Decision) {
        lock.withLock {
            count += 1
            if let limit = faults.rateLimit {
                let now = NIODeadline.now()
                if now - windowStart >= .seconds(Int64(faults.rateLimitWindowSeconds)) {
                    windowStart = now
                    windowCount = 0
                }
                windowCount += 1
                if windowCount > limit { return (count, .rateLimited) }
            }
            if let kind = faults.fault(forRequest: count, random: &random) { return (count, .fault(kind)) }
            return (count, .normal)
        }
    }

    func track(_ channel: Channel) {
        let id = ObjectIdentifier(channel)
        lock.withLock {
            channels[id] = channel
            connections += 1
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            guard let self else { return }
            self.lock.withLock { _ = self.channels.removeValue(forKey: id) }
        }
    }

    func closeAll() async {
        let open = lock.withLock { Array(channels.values) }
        for channel in open { try? await channel.close().get() }
    }
}

/// Reads one HTTP request, answers it through the state's service (or a fault).
final class MockHTTPHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Bodies larger than this are refused with 413 (INSi requests are a few kilobytes).
    static let bodyLimit = 1 << 20

    private let state: MockServerState
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    /// Closes the connection when the current request has not fully arrived in time.
    private var requestDeadline: Scheduled<Void>?
    /// The previous answer's write: answers leave in request order even when one is computed off the loop.
    private var previous: EventLoopFuture<Void>?

    init(state: MockServerState) { self.state = state }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            state.logger.info("insi-mock: idle connection closed")
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        requestDeadline?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            body.removeAll(keepingCapacity: true)
            tooLarge = false
            let channel = context.channel
            let logger = state.logger
            requestDeadline?.cancel()
            requestDeadline = context.eventLoop.scheduleTask(in: state.requestTimeout) {
                logger.info("insi-mock: request not complete in time, connection closed")
                channel.close(promise: nil)
            }
            // curl and others ask before sending a large body (RFC 9110 §10.1.1).
            if h.headers[canonicalForm: "Expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: h.version, status: .continue))), promise: nil)
            }
        case .body(var buffer):
            if body.count + buffer.readableBytes > Self.bodyLimit { tooLarge = true } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
                body += bytes
            }
        case .end:
            requestDeadline?.cancel()
            requestDeadline = nil
            guard let head else { return }
            self.head = nil
            respond(context: context, head: head)
        }
    }

    /// SOAP 1.2 over HTTP is `application/soap+xml` (SOAP 1.2 part 2 §7.1.4); anything else is refused (415).
    static func isSOAP12(_ head: HTTPRequestHead) -> Bool {
        guard let value = head.headers.first(name: "Content-Type") else { return false }
        let media = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return media == "application/soap+xml"
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead) {
        let (number, decision) = state.admit()
        let keepAlive = head.isKeepAlive
        guard head.method == .POST else {
            write(context: context, status: .methodNotAllowed, contentType: "text/plain", body: "POST only\n", keepAlive: keepAlive, extra: [("Allow", "POST")])
            return
        }
        if tooLarge {
            write(context: context, status: .payloadTooLarge, contentType: "text/plain", body: "request too large\n", keepAlive: false)
            return
        }
        guard Self.isSOAP12(head) else {
            write(
                context: context, status: .unsupportedMediaType, contentType: "text/plain",
                body: "Content-Type must be application/soap+xml (SOAP 1.2)\n", keepAlive: keepAlive)
            return
        }
        // Parsing and answering run on the thread pool, never on the event loop: a large or hostile body
        // must not stall every other connection (issue #18 §7.3).
        let body = self.body
        let state = self.state
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let computed = NIOThreadPool.singleton.runIfActive(eventLoop: context.eventLoop) {
            Self.answer(state: state, decision: decision, number: number, body: body)
        }
        let after = previous ?? context.eventLoop.makeSucceededVoidFuture()
        let written: EventLoopFuture<Void> = after.flatMap { computed }.flatMap { answer -> EventLoopFuture<Void> in
            let (handler, context) = loopBound.value
            guard let answer else { return context.eventLoop.makeSucceededVoidFuture() }  // injected timeout
            let latency = state.faults.latencyMilliseconds
            if latency > 0 {
                return context.eventLoop.scheduleTask(in: .milliseconds(Int64(latency))) {
                    let (handler, context) = loopBound.value
                    handler.write(context: context, answer: answer, keepAlive: keepAlive)
                }.futureResult
            }
            handler.write(context: context, answer: answer, keepAlive: keepAlive)
            return context.eventLoop.makeSucceededVoidFuture()
        }
        previous = written.recover { _ in }
    }

    /// A computed answer, ready to write.
    struct Answer: Sendable {
        var status: HTTPResponseStatus
        var contentType: String
        var body: String
        var extra: [(String, String)]
    }

    /// The answer to one admitted request (nil: none, an injected timeout). Runs off the event loop.
    static func answer(state: MockServerState, decision: MockServerState.Decision, number: Int, body: [UInt8]) -> Answer? {
        let status: HTTPResponseStatus
        let contentType = "application/soap+xml; charset=UTF-8"
        let text: String
        var extra: [(String, String)] = []
        switch decision {
        case .rateLimited:
            state.logger.info("insi-mock: request rate limited", metadata: ["request": "\(number)"])
            status = .tooManyRequests
            text = "Too many requests\n"
            extra.append(("Retry-After", String(state.faults.rateLimitWindowSeconds)))
        case .fault(.timeout):
            state.logger.info("insi-mock: no answer (injected timeout)", metadata: ["request": "\(number)"])
            return nil
        case .fault(.httpStatus(let code)):
            status = HTTPResponseStatus(statusCode: code)
            text = "<html><body><h1>\(code)</h1>injected by vigie insi-mock</body></html>\n"
        case .fault(.malformed):
            let answer = state.service.answer(request: body)
            status = .ok
            text = String(answer.body.prefix(answer.body.count / 2))
        case .fault(.technicalFault):
            let f = SOAPFault.technicalError(messageID: try? INSiRequest(bytes: body).messageID)
            status = HTTPResponseStatus(statusCode: f.httpStatus)
            text = f.xml
        case .normal:
            let answer = state.service.answer(request: body)
            status = HTTPResponseStatus(statusCode: answer.status)
            text = answer.body
            switch answer.outcome {
            case .result(let r): state.logger.debug("insi-mock: answered", metadata: ["request": "\(number)", "cr": "\(r.code)"])
            case .fault(let f): state.logger.info("insi-mock: fault", metadata: ["request": "\(number)", "fault": "\(f)"])
            }
        }
        let ct = text.hasPrefix("<?xml") ? contentType : status == .tooManyRequests ? "text/plain" : "text/html"
        return Answer(status: status, contentType: ct, body: text, extra: extra)
    }

    private func write(context: ChannelHandlerContext, answer: Answer, keepAlive: Bool) {
        write(context: context, status: answer.status, contentType: answer.contentType, body: answer.body, keepAlive: keepAlive, extra: answer.extra)
    }

    private func write(
        context: ChannelHandlerContext, status: HTTPResponseStatus, contentType: String, body: String, keepAlive: Bool,
        extra: [(String, String)] = []
    ) {
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", "\(buffer.readableBytes)")])
        for (k, v) in extra { headers.add(name: k, value: v) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
