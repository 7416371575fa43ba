import Benchmark
import Foundation
import NIOSSL
import Vigie

// INSi calls against the mock on loopback, through the AsyncHTTPClient transport (issue #18 §5): one iteration
// is one search call (ADRTROIS DOMINIQUE, CR 00), request built, posted, answer parsed.
// - "keep-alive": the client's pool keeps the connection open between calls;
// - reference "connection-close": `Connection: close`, a new TCP connection (and TLS handshake) per call, as the
//   hand-written NIO client did;
// each over plain HTTP and over mutual TLS (the test PKI of Tests/VigieINSiTests/Fixtures/tls). All in one run;
// report the ratio keep-alive / connection-close per transport.

let tlsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/VigieINSiTests/Fixtures/tls").path

func mutualTLSContext() throws -> NIOSSLContext {
    var configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: try NIOSSLCertificate.fromPEMFile(tlsDirectory + "/server.pem").map { .certificate($0) },
        privateKey: .privateKey(try NIOSSLPrivateKey(file: tlsDirectory + "/server.key", format: .pem)))
    configuration.certificateVerification = .noHostnameVerification
    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(tlsDirectory + "/ca.pem"))
    return try NIOSSLContext(configuration: configuration)
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds, warmupIterations: 20,
        maxDuration: .seconds(10), maxIterations: 5_000)
    let traits = try! StrictTraits(
        birthName: "ADRTROIS", firstNames: ["DOMINIQUE"], sex: .female, birthDate: BirthDate("1997-02-26"), birthPlace: nil)

    for secure in [false, true] {
        for keepAlive in [true, false] {
            let name = (keepAlive ? "INSi call, keep-alive" : "Reference: INSi call, connection-close") + (secure ? " (mutual TLS)" : " (HTTP)")
            Benchmark(name, configuration: configuration) { benchmark async in
                let server = try! await INSiMockServer.start(port: 0, tls: secure ? try! mutualTLSContext() : nil)
                let tls = secure
                    ? INSiTLSConfiguration(
                        certificatePath: tlsDirectory + "/client.pem", privateKeyPath: tlsDirectory + "/client.key",
                        trustRootsPath: tlsDirectory + "/ca.pem")
                    : nil
                let client = try! INSiClient(configuration: INSiClientConfiguration(
                    endpoint: server.url, tls: tls, keepAlive: keepAlive, maxAttempts: 1))
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    blackHole(try! await client.searchINS(for: traits))
                }
                benchmark.stopMeasurement()
                try! await server.shutdown()
            }
        }
    }
}
