import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Testing
import VigieIdentity

@testable import VigieINSi

/// The AsyncHTTPClient transport for real on loopback (issue #18 §5): keep-alive, mutual TLS, a CONNECT proxy.
/// The certificates are a test-only PKI (Fixtures/tls/make-certificates.sh).
@Suite struct INSiTransportTests {
    static func tls(_ name: String) -> String { Fixture.path("tls/\(name)") }

    /// The mock behind mutual TLS: it demands a client certificate issued by the test CA.
    static func mutualTLSContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(tls("server.pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: tls("server.key"), format: .pem)))
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(tls("ca.pem")))
        return try NIOSSLContext(configuration: configuration)
    }

    static func withTLSMock<T>(_ body: (INSiMockServer) async throws -> T) async throws -> T {
        let server = try await INSiMockServer.start(port: 0, tls: try mutualTLSContext())
        do {
            let value = try await body(server)
            try await server.shutdown()
            return value
        } catch {
            try await server.shutdown()
            throw error
        }
    }

    static func client(
        _ url: String, certificate: String = "client", proxy: ConnectProxy? = nil, keepAlive: Bool = true, attempts: Int = 1
    ) throws -> INSiClient {
        let tls = url.hasPrefix("https")
            ? INSiTLSConfiguration(certificatePath: Self.tls("\(certificate).pem"), privateKeyPath: Self.tls("\(certificate).key"), trustRootsPath: Self.tls("ca.pem"))
            : nil
        return try INSiClient(configuration: INSiClientConfiguration(
            endpoint: url, tls: tls, proxy: proxy.map { INSiProxy(host: "127.0.0.1", port: $0.port) }, keepAlive: keepAlive,
            timeoutMilliseconds: 10_000, maxAttempts: attempts, backoffMilliseconds: 10))
    }

    static func adrtrois() throws -> StrictTraits { try strictTraits("ADRTROIS", ["DOMINIQUE"], .female, "1997-02-26") }

    @Test func mutualTLSWithTheOrganisationCertificateIsAnswered() async throws {
        let outcome = try await Self.withTLSMock { server in
            #expect(server.url.hasPrefix("https://127.0.0.1:"))
            return try await Self.client(server.url).searchINS(for: try Self.adrtrois())
        }
        #expect(outcome.result.code == "00")
    }

    @Test func aCertificateTheServerDoesNotTrustIsRefusedBeforeAnyRequest() async throws {
        try await Self.withTLSMock { server in
            await #expect(throws: INSiClientError.self) {
                try await Self.client(server.url, certificate: "rogue").searchINS(for: try Self.adrtrois())
            }
            #expect(server.requestCount == 0)
        }
    }

    @Test func keepAliveUsesOneConnectionForManyCalls() async throws {
        let (kept, closed) = try await withMock { server in
            let keeping = try Self.client(server.url)
            for _ in 0..<5 { _ = try await keeping.searchINS(for: try Self.adrtrois()) }
            let kept = server.connectionCount
            let closing = try Self.client(server.url, keepAlive: false)
            for _ in 0..<5 { _ = try await closing.searchINS(for: try Self.adrtrois()) }
            return (kept, server.connectionCount - kept)
        }
        #expect(kept == 1)
        #expect(closed == 5)
    }

    @Test func callsGoThroughTheConnectProxy() async throws {
        let proxy = try await ConnectProxy.start()
        let (outcomes, port) = try await withMock { server in
            let client = try Self.client(server.url, proxy: proxy)
            var outcomes: [INSiSearchOutcome] = []
            for _ in 0..<3 { outcomes.append(try await client.searchINS(for: try Self.adrtrois())) }
            return (outcomes, server.port)
        }
        await proxy.shutdown()
        #expect(outcomes.map(\.result.code) == ["00", "00", "00"])
        // One tunnel, kept alive for the three calls.
        #expect(proxy.connects == ["127.0.0.1:\(port)"])
    }

    @Test func mutualTLSRunsInsideTheProxyTunnel() async throws {
        let proxy = try await ConnectProxy.start()
        let (outcome, port) = try await Self.withTLSMock { server in
            (try await Self.client(server.url, proxy: proxy).searchINS(for: try Self.adrtrois()), server.port)
        }
        await proxy.shutdown()
        #expect(outcome.result.code == "00")
        #expect(proxy.connects == ["127.0.0.1:\(port)"])
    }

    @Test func anUnreachableProxyIsATransportFailure() async throws {
        let proxy = try await ConnectProxy.start()
        let port = proxy.port
        await proxy.shutdown()
        try await withMock { server in
            let client = try INSiClient(configuration: INSiClientConfiguration(
                endpoint: server.url, proxy: INSiProxy(host: "127.0.0.1", port: port), timeoutMilliseconds: 5_000, maxAttempts: 1))
            await #expect(throws: INSiClientError.transport(attempts: 1, last: .connect)) {
                try await client.searchINS(for: try Self.adrtrois())
            }
            #expect(server.requestCount == 0)
        }
    }

    @Test func proxySettingsAreRead() {
        #expect(INSiProxy("http://proxy.chu.fr:3128") == INSiProxy(host: "proxy.chu.fr", port: 3128))
        #expect(INSiProxy("10.1.2.3:8080") == INSiProxy(host: "10.1.2.3", port: 8080))
        #expect(INSiProxy("proxy.chu.fr") == nil)
        #expect(INSiProxy("https://proxy:3128") == nil)
        #expect(INSiProxy("http://user:secret@proxy:3128") == nil)
    }
}
