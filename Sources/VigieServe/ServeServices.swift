import Foundation
import Logging
import VigieMatch
import VigieStore

/// What the routes share: the store, the configuration, the decision desk, the login throttle.
public final class ServeServices: Sendable {
    public let store: IdentityStore
    public let configuration: ServeConfiguration
    public let desk: ReviewDesk
    public let throttle: LoginThrottle
    public let logger: Logger
    /// The clock (tests move it).
    let now: @Sendable () -> Date

    public init(
        store: IdentityStore, configuration: ServeConfiguration, logger: Logger = Logger(label: "vigie.serve"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.configuration = configuration
        self.desk = ReviewDesk(store: store, model: configuration.model)
        self.throttle = LoginThrottle(policy: configuration.loginThrottle)
        self.logger = logger
        self.now = now
    }

    /// Cookies are Secure when the server speaks TLS.
    var secureCookies: Bool { configuration.tls != nil }
}
