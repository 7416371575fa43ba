/// How the client calls INSi.
public struct INSiClientConfiguration: Sendable, Hashable {
    /// The endpoint, e.g. `https://qualiflps-services-ps-tlsm.ameli.fr:443/lps` or the mock's URL.
    public var endpoint: String
    /// The software identification sent in `ContexteLPS`.
    public var software: SoftwareIdentification
    /// `Emetteur` of the contexts (the structure or user on whose behalf the call is made).
    public var emitter: String
    /// Raw XML inside `wsse:Security` (a SAML assertion in CPS mode; empty in certificate mode).
    public var securityContent: String
    /// Mutual TLS for `https` endpoints.
    public var tls: INSiTLSConfiguration?
    /// The outbound proxy INSi is reached through (`CONNECT`); nil connects directly.
    public var proxy: INSiProxy?
    /// Keep connections open between calls (one TCP and TLS handshake for many calls). False sends
    /// `Connection: close`, a new connection per call (for a gateway that requires it, and for measurements).
    public var keepAlive: Bool
    /// Time allowed for one attempt (connect + answer).
    public var timeoutMilliseconds: Int
    /// Attempts per call, counting the first (transport failures only are retried).
    public var maxAttempts: Int
    /// Backoff before the second attempt; doubled at each retry, with jitter, capped by `maxBackoffMilliseconds`.
    public var backoffMilliseconds: Int
    /// Upper bound of a backoff.
    public var maxBackoffMilliseconds: Int

    /// Creates a configuration.
    public init(
        endpoint: String,
        software: SoftwareIdentification = SoftwareIdentification(
            authorisationNumber: "VIGIE-TEST-0001", version: "1.0", instance: "00000000-0000-4000-8000-000000000000", name: "urn:lps:vigie:1.0"),
        emitter: String = "vigie", securityContent: String = "", tls: INSiTLSConfiguration? = nil, proxy: INSiProxy? = nil,
        keepAlive: Bool = true, timeoutMilliseconds: Int = 10_000,
        maxAttempts: Int = 3, backoffMilliseconds: Int = 200, maxBackoffMilliseconds: Int = 5_000
    ) {
        self.endpoint = endpoint
        self.software = software
        self.emitter = emitter
        self.securityContent = securityContent
        self.tls = tls
        self.proxy = proxy
        self.keepAlive = keepAlive
        self.timeoutMilliseconds = timeoutMilliseconds
        self.maxAttempts = max(1, maxAttempts)
        self.backoffMilliseconds = backoffMilliseconds
        self.maxBackoffMilliseconds = maxBackoffMilliseconds
    }
}
