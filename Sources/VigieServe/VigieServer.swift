import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import VigieStore

/// `vigie serve`, built in one place: the router (pages and JSON API) and the application (HTTP or HTTPS)
/// from a configuration. Other surfaces (FHIR, MLLP, health, metrics) are added by passing a closure that
/// registers their routes, or services the application runs beside the server.
public enum VigieServer {
    /// The router with every route of the cell's workspace. `extraRoutes` registers more (e.g. `/fhir`,
    /// `/health`); they get the same authentication middleware (routes decide what they require).
    public static func buildRouter(
        services: ServeServices, qualification: QualificationDesk? = nil,
        extraRoutes: (Router<ServeContext>) -> Void = { _ in }
    ) -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        // HTTP requests counted and timed (swift-metrics: a no-op until the CLI bootstraps Prometheus).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: AuthenticationMiddleware(services: services))
        APIRoutes(services: services).register(on: router)
        PageRoutes(services: services, qualification: qualification).register(on: router)
        FHIRRoutes(services: services).register(on: router)
        HealthRoutes(services: services).register(on: router)
        MetricsRoutes(services: services).register(on: router)
        extraRoutes(router)
        return router
    }

    /// The application: the router on HTTP, or HTTPS with `configuration.tls`. `onReady` receives the base URL
    /// once the socket is bound (with the real port when `port` was 0).
    public static func buildApplication(
        services: ServeServices, extraRoutes: (Router<ServeContext>) -> Void = { _ in },
        additionalServices: [any Service] = [], onReady: @escaping @Sendable (String) -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let configuration = services.configuration
        let qualification = configuration.insiURL.map { QualificationDesk(ri: services.ri, insiURL: $0) }
        let router = buildRouter(services: services, qualification: qualification, extraRoutes: extraRoutes)
        let server: HTTPServerBuilder
        if let tls = configuration.tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChain).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)
            server = try .tls(.http1(), tlsConfiguration: TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        } else {
            server = .http1()
        }
        let host = configuration.host
        let scheme = configuration.scheme
        return Application(
            router: router, server: server,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "Vigie"),
            services: additionalServices,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onReady("\(scheme)://\(shownHost):\(port)/")
            },
            logger: services.logger)
    }
}
