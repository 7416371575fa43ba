import AsyncHTTPClient
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

/// An outbound HTTP proxy reached with `CONNECT` (RFC 9110 §9.3.6): hospitals reach INSi through one. The
/// TLS session to INSi runs inside the tunnel, so the proxy sees neither the certificate nor the traits.
public struct INSiProxy: Sendable, Hashable, CustomStringConvertible {
    /// The proxy's host name or address.
    public var host: String
    /// The proxy's port.
    public var port: Int

    /// Creates a proxy setting.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `http://host:port`, `host:port` (the forms of `--proxy` and `https_proxy`); nil when malformed.
    public init?(_ text: String) {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), components.scheme?.lowercased() == "http",
            let host = components.host, !host.isEmpty, let port = components.port, (1...65535).contains(port),
            components.path.isEmpty || components.path == "/", components.user == nil
        else { return nil }
        self.init(host: host, port: port)
    }

    public var description: String { "\(host):\(port)" }
}

/// HTTP/1.1 `POST`s over AsyncHTTPClient: a pool of keep-alive connections (one TCP and TLS handshake for many
/// calls), mutual TLS with the organisation's certificate, and an optional `CONNECT` proxy.
///
/// Why AsyncHTTPClient: the hand-written NIO client paid a handshake per call (`Connection: close`) and had no
/// proxy; AsyncHTTPClient is the Swift server ecosystem's maintained client and does both (issue #18 §5).
struct HTTPTransport: Sendable {
    let url: String
    let keepAlive: Bool
    private let owner: ClientOwner

    /// The longest answer read: INSi answers are a few kilobytes.
    static let bodyLimit = 4 << 20

    init(url: String, tls: INSiTLSConfiguration?, proxy: INSiProxy? = nil, keepAlive: Bool = true) throws(INSiClientError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { throw .invalidEndpoint }
        self.url = url
        self.keepAlive = keepAlive
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: nil, redirectConfiguration: .disallow, timeout: .init(),
            connectionPool: .init(idleTimeout: .seconds(60)), proxy: nil, decompression: .disabled)
        // INSi is SOAP over HTTP/1.1; no HTTP/2 negotiation with the gateway.
        configuration.httpVersion = .http1Only
        if scheme == "https" {
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            do {
                if let tls {
                    tlsConfiguration.certificateChain = try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map { .certificate($0) }
                    tlsConfiguration.privateKey = .privateKey(try NIOSSLPrivateKey(file: tls.privateKeyPath, format: .pem))
                    if let roots = tls.trustRootsPath {
                        tlsConfiguration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(roots))
                    }
                }
                // Loads and checks the files now: a bad configuration fails before any call.
                _ = try NIOSSLContext(configuration: tlsConfiguration)
            } catch {
                throw .tlsConfiguration
            }
            configuration.tlsConfiguration = tlsConfiguration
        } else if tls != nil {
            throw .tlsConfiguration
        }
        if let proxy { configuration.proxy = .server(host: proxy.host, port: proxy.port) }
        owner = ClientOwner(HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: configuration))
    }

    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Posts `body` and returns the whole answer, or fails within `timeout` (connection, answer and body).
    func post(_ body: String, action: String, timeout: TimeAmount) async throws(TransportFailure) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        // SOAP 1.2 over HTTP: the action travels as a media-type parameter (SOAP 1.2 part 2 §7.1.4).
        request.headers.add(name: "Content-Type", value: "application/soap+xml; charset=utf-8; action=\"\(action)\"")
        if !keepAlive { request.headers.add(name: "Connection", value: "close") }
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await owner.client.execute(request, deadline: .now() + timeout)
            let collected = try await response.body.collect(upTo: Self.bodyLimit)
            return Response(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
        } catch {
            throw Self.failure(error)
        }
    }

    /// What an AsyncHTTPClient or NIO error means for the caller (and whether it retries).
    static func failure(_ error: any Error) -> TransportFailure {
        if let failure = error as? TransportFailure { return failure }
        if error is NIOSSLError || error is BoringSSLError { return .tls }
        if error is NIOTooManyBytesError { return .malformedAnswer(.notSOAPEnvelope) }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout, .tlsHandshakeTimeout, .cancelled,
                .getConnectionFromPoolTimeout:
                return .timeout
            case .remoteConnectionClosed:
                return .closed
            case .proxyAuthenticationRequired, .invalidProxyResponse, .httpProxyHandshakeTimeout, .socksHandshakeTimeout:
                return .connect
            default:
                return .closed
            }
        }
        if error is NIOConnectionError || error is ChannelError || error is IOError { return .connect }
        return .closed
    }
}

/// Shuts the client down when the last transport using it goes away (AsyncHTTPClient requires a shutdown).
private final class ClientOwner: Sendable {
    let client: HTTPClient
    init(_ client: HTTPClient) { self.client = client }
    deinit { client.shutdown().whenComplete { _ in } }
}
