import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// TLS settings for a real INSi endpoint: mutual TLS with the organisation's certificate (CN `INSI-AUTO`
/// or `INSI-MANU`, IGC-Santé), given as PEM files.
public struct INSiTLSConfiguration: Sendable, Hashable {
    /// PEM file with the client certificate (and, optionally, its chain).
    public var certificatePath: String
    /// PEM file with the client certificate's private key.
    public var privateKeyPath: String
    /// PEM file with the CA certificates to trust for the server (IGC-Santé ACR-EL + ACI-EL-ORG); nil
    /// uses the system trust store.
    public var trustRootsPath: String?

    /// Creates TLS settings.
    public init(certificatePath: String, privateKeyPath: String, trustRootsPath: String? = nil) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
    }
}

/// Why one HTTP exchange failed before an INSi answer could be read.
public enum TransportFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Could not connect.
    case connect
    /// No complete answer within the timeout.
    case timeout
    /// The connection closed before the answer was complete.
    case closed
    /// The service said to slow down (HTTP 429).
    case rateLimited
    /// An HTTP status without a SOAP answer (e.g. a gateway's 502/503).
    case httpStatus(Int)
    /// The answer is not a readable INSi message.
    case malformedAnswer(INSiMessageError)
    /// TLS failed (handshake, certificate).
    case tls

    public var description: String {
        switch self {
        case .connect: return "cannot connect"
        case .timeout: return "no answer within the timeout"
        case .closed: return "connection closed before the answer was complete"
        case .rateLimited: return "rate limited (HTTP 429)"
        case .httpStatus(let s): return "HTTP \(s) without a SOAP answer"
        case .malformedAnswer(let e): return "malformed answer (\(e))"
        case .tls: return "TLS failure"
        }
    }
}

/// One HTTP/1.1 `POST` per call over SwiftNIO (one connection per call: INSi calls are rare, and a fresh
/// connection leaves nothing half-read behind a timeout).
struct HTTPTransport: Sendable {
    let host: String
    let port: Int
    let path: String
    let sslContext: NIOSSLContext?

    init(url: String, tls: INSiTLSConfiguration?) throws(INSiClientError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { throw .invalidEndpoint }
        self.host = host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
        self.path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        if scheme == "https" {
            var configuration = TLSConfiguration.makeClientConfiguration()
            do {
                if let tls {
                    configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map { .certificate($0) }
                    configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem))
                    if let roots = tls.trustRootsPath { configuration.trustRoots = .file(roots) }
                }
                sslContext = try NIOSSLContext(configuration: configuration)
            } catch {
                throw .tlsConfiguration
            }
        } else {
            if tls != nil { throw .tlsConfiguration }
            sslContext = nil
        }
    }

    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Posts `body` and returns the whole answer, or fails within `timeout`.
    func post(_ body: String, action: String, timeout: TimeAmount) async throws(TransportFailure) -> Response {
        let group = MultiThreadedEventLoopGroup.singleton
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: Response.self)
        let sslContext = self.sslContext
        let host = self.host
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                do {
                    if let sslContext {
                        let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: host.first?.isNumber == true ? nil : host)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector(promise: promise))
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        let timer = eventLoop.scheduleTask(in: timeout) { promise.fail(TransportFailure.timeout) }
        var buffer = ByteBufferAllocator().buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: port == 80 || port == 443 ? host : "\(host):\(port)")
        // SOAP 1.2 over HTTP: the action travels as a media-type parameter (SOAP 1.2 part 2 §7.1.4).
        headers.add(name: "Content-Type", value: "application/soap+xml; charset=utf-8; action=\"\(action)\"")
        headers.add(name: "Content-Length", value: "\(buffer.readableBytes)")
        headers.add(name: "Connection", value: "close")
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path, headers: headers)
        let request = buffer
        // The whole exchange runs on the event loop: the timeout measures the network and the service,
        // not how long this task waits for a thread of the concurrency pool.
        bootstrap.connect(host: host, port: port).whenComplete { result in
            switch result {
            case .failure:
                promise.fail(TransportFailure.connect)
            case .success(let channel):
                promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
                channel.write(HTTPClientRequestPart.head(head), promise: nil)
                channel.write(HTTPClientRequestPart.body(.byteBuffer(request)), promise: nil)
                channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            }
        }
        defer { timer.cancel() }
        do {
            return try await promise.futureResult.get()
        } catch let failure as TransportFailure {
            throw failure
        } catch is NIOSSLError {
            throw .tls
        } catch {
            throw .closed
        }
    }
}

/// Collects one HTTP response into a ``HTTPTransport/Response``.
private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPTransport.Response>
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []
    /// INSi answers are a few kilobytes; anything beyond this is not an INSi answer.
    private static let bodyLimit = 4 << 20

    init(promise: EventLoopPromise<HTTPTransport.Response>) { self.promise = promise }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body(var buffer):
            if body.count + buffer.readableBytes > Self.bodyLimit {
                promise.fail(TransportFailure.malformedAnswer(.notSOAPEnvelope))
                context.close(promise: nil)
            } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
                body += bytes
            }
        case .end:
            if let head { promise.succeed(.init(status: Int(head.status.code), headers: head.headers, body: body)) } else {
                promise.fail(TransportFailure.closed)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(TransportFailure.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(error is NIOSSLError ? TransportFailure.tls : TransportFailure.closed)
        context.close(promise: nil)
    }
}
