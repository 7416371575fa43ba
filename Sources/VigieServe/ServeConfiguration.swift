import Foundation

/// How `vigie serve` runs: where it listens, on which store, with which options. Built by the CLI from its
/// flags; tests build it directly.
public struct ServeConfiguration: Sendable {
    /// The address to bind (127.0.0.1 by default: put a reverse proxy or `--tls-cert` in front to expose it).
    public var host: String
    /// The port; 0 means any free port (the bound one is in the first stdout line).
    public var port: Int
    /// The identity store (SQLite file), shared with `vigie worker`.
    public var storePath: String
    /// PEM certificate chain and private key: HTTPS, and cookies marked Secure.
    public var tls: TLSFiles?
    /// The INSi endpoint for the identity page's "qualify" action; nil hides the action.
    public var insiURL: String?
    /// How long a browser session lasts without a new login.
    public var sessionLifetime: TimeInterval
    /// Failed logins allowed per login (and per client address) before the throttle answers 429.
    public var loginThrottle: LoginThrottle.Policy
    /// Review items per queue page.
    public var pageSize: Int
    /// The software version, shown in the FHIR CapabilityStatement.
    public var version: String = "dev"

    public struct TLSFiles: Sendable, Hashable {
        public var certificateChain: String
        public var privateKey: String
        public init(certificateChain: String, privateKey: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    public init(
        storePath: String, host: String = "127.0.0.1", port: Int = 8080, tls: TLSFiles? = nil, insiURL: String? = nil,
        sessionLifetime: TimeInterval = 8 * 3600,
        loginThrottle: LoginThrottle.Policy = .init(), pageSize: Int = 50
    ) {
        self.storePath = storePath
        self.host = host
        self.port = port
        self.tls = tls
        self.insiURL = insiURL
        self.sessionLifetime = sessionLifetime
        self.loginThrottle = loginThrottle
        self.pageSize = pageSize
    }

    /// The scheme the server speaks.
    public var scheme: String { tls == nil ? "http" : "https" }
}
