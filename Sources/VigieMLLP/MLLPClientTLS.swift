import NIOCore
import NIOSSL

/// TLS for an `MLLPClient` (the outbound feed): the CA that signs the destination's certificate and, for mutual TLS,
/// the client's own certificate and key. PEM files.
public struct MLLPClientTLS: Sendable, Hashable {
    /// The CA certificate(s) the destination's certificate must chain to.
    public var trustRoots: String
    /// The client's certificate chain and private key, when the destination asks for one.
    public var certificateChain: String?
    public var privateKey: String?
    /// The name checked against the destination's certificate (default: the host connected to).
    public var serverHostname: String?

    public init(trustRoots: String, certificateChain: String? = nil, privateKey: String? = nil, serverHostname: String? = nil) {
        self.trustRoots = trustRoots
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.serverHostname = serverHostname
    }

    /// A client context made from the files, reusable across connections.
    public struct Context: Sendable {
        let context: NIOSSLContext
        let serverHostname: String?
    }

    /// The context (TLS 1.2 or later, the destination's certificate and host name checked). Throws when a file
    /// cannot be read or used.
    public func makeContext() throws -> Context {
        Context(context: try makeSSLContext(), serverHostname: serverHostname)
    }

    private func makeSSLContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.trustRoots = .file(trustRoots)
        if let certificateChain, let privateKey {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(certificateChain).map { .certificate($0) }
            configuration.privateKey = .file(privateKey)
        }
        return try NIOSSLContext(configuration: configuration)
    }
}

extension MLLPClient {
    /// Connects to `host:port`, over TLS with `tls` when given (the certificate checked against its
    /// `serverHostname`, else against `host`). An IP address is not a valid SNI name (RFC 6066 §3): for one, NIOSSL
    /// checks the certificate against the connected address instead.
    public static func connect(host: String, port: Int, tls: MLLPClientTLS.Context?) async throws -> MLLPClient {
        let name = tls.map { $0.serverHostname ?? host }.flatMap { (try? SocketAddress(ipAddress: $0, port: 0)) == nil ? $0 : nil }
        return try await connect(host: host, port: port, tls: tls?.context, serverHostname: name)
    }
}
