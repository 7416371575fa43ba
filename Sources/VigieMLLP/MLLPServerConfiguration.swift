import NIOCore
import NIOSSL

/// Limits and options of an MLLP listener.
public struct MLLPServerConfiguration: Sendable {
    /// The interface to bind ("127.0.0.1" for loopback only, "0.0.0.0" for every interface).
    public var host: String
    /// The port; 0 binds an ephemeral port (tests).
    public var port: Int
    /// The largest message accepted, in bytes; a larger frame is refused and dropped.
    public var maxMessageBytes: Int
    /// A connection that sends nothing for this long is closed (an EAI reconnects when it has something to send).
    public var idleTimeout: TimeAmount
    /// TLS, when set: every connection must complete a handshake with this context (server certificate, and
    /// client certificates when the context asks for them).
    public var tls: NIOSSLContext?

    public init(
        host: String = "127.0.0.1", port: Int = 0, maxMessageBytes: Int = 1 << 20, idleTimeout: TimeAmount = .minutes(5),
        tls: NIOSSLContext? = nil
    ) {
        self.host = host
        self.port = port
        self.maxMessageBytes = maxMessageBytes
        self.idleTimeout = idleTimeout
        self.tls = tls
    }
}
