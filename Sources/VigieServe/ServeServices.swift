import Foundation
import Logging
import Prometheus
import VigieMatch
import VigieRI
import VigieStore

/// What the routes share: the référentiel (and its store), the configuration, the decision desk, the login throttle.
public final class ServeServices: Sendable {
    /// The référentiel every write goes through; other surfaces on the same server (FHIR, MLLP) share it.
    public let ri: Referentiel
    public let store: IdentityStore
    public let configuration: ServeConfiguration
    public let desk: ReviewDesk
    public let throttle: LoginThrottle
    public let logger: Logger
    /// The registry `/metrics` exports (the one swift-metrics was bootstrapped with); nil: no `/metrics`.
    public let metrics: PrometheusCollectorRegistry?
    /// The clock (tests move it).
    let now: @Sendable () -> Date

    public init(
        ri: Referentiel, configuration: ServeConfiguration, logger: Logger = Logger(label: "vigie.serve"),
        metrics: PrometheusCollectorRegistry? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metrics = metrics
        self.ri = ri
        self.store = ri.store
        self.configuration = configuration
        self.desk = ReviewDesk(ri: ri)
        self.throttle = LoginThrottle(policy: configuration.loginThrottle)
        self.logger = logger
        self.now = now
    }

    /// Cookies are Secure when the server speaks TLS.
    var secureCookies: Bool { configuration.tls != nil }
}
