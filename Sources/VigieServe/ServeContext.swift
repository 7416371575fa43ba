import Hummingbird

/// The request context of `vigie serve`: Hummingbird's core storage plus who is asking.
public struct ServeContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` when the request carries a valid session or bearer token.
    public var principal: Principal?
    /// The client's address, for the login throttle.
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Identity pages carry traits: keep request bodies small.
    public var maxUploadSize: Int { 64 * 1024 }
}
