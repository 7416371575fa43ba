import NIOCore
import Testing

@testable import VigieINSi

/// The mock on real HTTP over loopback (ephemeral port); every test shuts its server down.
@Suite struct INSiMockServerTests {
    func withServer(faults: MockFaults = .none, _ body: (INSiMockServer) async throws -> Void) async throws {
        let server = try await INSiMockServer.start(port: 0, faults: faults)
        do {
            try await body(server)
        } catch {
            try await server.shutdown()
            throw error
        }
        try await server.shutdown()
    }

    func post(_ server: INSiMockServer, _ bytes: [UInt8], timeout: Int64 = 10_000) async throws -> HTTPTransport.Response {
        let transport = try HTTPTransport(url: server.url, tls: nil)
        return try await transport.post(
            String(decoding: bytes, as: UTF8.self), action: INSiOperation.searchByTraits.rawValue, timeout: .milliseconds(timeout))
    }

    @Test func theRealRequestPostedAsItIsGetsCR00() async throws {
        try await withServer { server in
            #expect(server.port > 0)
            let response = try await post(server, try Fixture.bytes("requests/adrtrois-dominique.recsans.xml"))
            #expect(response.status == 200)
            #expect(response.headers.first(name: "Content-Type")?.hasPrefix("application/soap+xml") == true)
            guard case .result(let r) = try INSiAnswer(bytes: response.body) else {
                Issue.record("fault")
                return
            }
            #expect(r.code == "00" && r.label == "OK")
            #expect(r.individual?.active.number == "297022A020778" && r.individual?.active.key == "78")
            // The answer validates against the RESULTAT XSD.
            let body = String(decoding: response.body, as: UTF8.self)
            let check = try XMLLint.validate(try #require(XMLLint.element(body, open: "<RESULTAT", close: "</RESULTAT>")), schema: Fixture.resultatXSD)
            #expect(check.valid, "\(check.output)")
            #expect(server.requestCount == 1)
        }
    }

    @Test func theNoSecurityVariantGetsAFault() async throws {
        try await withServer { server in
            let response = try await post(server, try Fixture.bytes("requests/adrtrois-dominique.recsans.no-security.xml"))
            #expect(response.status == 500)
            guard case .fault(let f) = try INSiAnswer(bytes: response.body) else {
                Issue.record("not a fault")
                return
            }
            #expect(f.subcode == "siram_40" && f.detailCode == "insi_102")
            let body = String(decoding: response.body, as: UTF8.self)
            let check = try XMLLint.validate(try #require(XMLLint.element(body, open: "<siram:Erreur", close: "</siram:Erreur>")), schema: Fixture.faultXSD)
            #expect(check.valid, "\(check.output)")
        }
    }

    @Test func everyCNDAAnswerValidatesAgainstTheResultXSD() async throws {
        try await withServer { server in
            for identity in ReferenceIdentities.cnda().identities {
                let request = INSiRequest(
                    operation: .searchByTraits, messageID: "uuid:x", contextLPSID: "l", contextBAMID: "b", time: "2026-01-01T00:00:00.000Z",
                    emitter: "vigie", software: SoftwareIdentification(authorisationNumber: "VIGIE-TEST-0001", version: "1", instance: "i", name: "n"),
                    search: TraitSearch(
                        birthName: identity.birthName, firstNames: [identity.firstNames[0]], sex: identity.sex, birthDate: identity.birthDate,
                        birthPlace: identity.birthPlace))
                let response = try await post(server, Array(request.xml.utf8))
                #expect(response.status == 200)
                let body = String(decoding: response.body, as: UTF8.self)
                let check = try XMLLint.validate(try #require(XMLLint.element(body, open: "<RESULTAT", close: "</RESULTAT>")), schema: Fixture.resultatXSD)
                #expect(check.valid, "\(check.output)")
                #expect(body.contains("<CodeCR>00</CodeCR>"))
            }
        }
    }

    @Test func emptyBodyGetsAFaultAndTheServerKeepsServing() async throws {
        try await withServer { server in
            // An empty POST body is a malformed SOAP request: technical fault, server keeps serving.
            let response = try await post(server, [])
            #expect(response.status == 500)
            let again = try await post(server, try Fixture.bytes("requests/adrtrois-dominique.recsans.xml"))
            #expect(again.status == 200)
        }
    }

    @Test func injectedFaultsFollowTheSpec() async throws {
        let faults = try MockFaults(spec: "http=503:first:1,malformed=every:3,timeout=every:4,technical=every:5")
        try await withServer(faults: faults) { server in
            let request = try Fixture.bytes("requests/adrtrois-dominique.recsans.xml")
            // 1: 503 with a non-SOAP body.
            let r1 = try await post(server, request)
            #expect(r1.status == 503)
            #expect(throws: INSiMessageError.self) { try INSiAnswer(bytes: r1.body) }
            // 2: normal.
            #expect(try await post(server, request).status == 200)
            // 3: malformed XML (cut short).
            let r3 = try await post(server, request)
            #expect(r3.status == 200)
            #expect(throws: INSiMessageError.self) { try INSiAnswer(bytes: r3.body) }
            // 4: no answer at all.
            await #expect(throws: TransportFailure.timeout) { try await post(server, request, timeout: 1_000) }
            // 5: the service's technical fault.
            let r5 = try await post(server, request)
            #expect(try INSiAnswer(bytes: r5.body) == .fault(.technicalError(messageID: "uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f")))
            #expect(server.requestCount == 5)
        }
    }

    @Test func latencyDelaysButStillAnswers() async throws {
        try await withServer(faults: try MockFaults(spec: "latency=30")) { server in
            let response = try await post(server, try Fixture.bytes("requests/adrtrois-dominique.recsans.xml"))
            #expect(response.status == 200)
            #expect(try INSiAnswer(bytes: response.body) != .fault(.technicalError(messageID: nil)))
        }
    }

    @Test func rateLimitAnswers429() async throws {
        // Two requests per 10-minute window: however slow the machine, the third and fourth fall in the first window.
        try await withServer(faults: try MockFaults(spec: "ratelimit=2/600")) { server in
            let request = try Fixture.bytes("requests/adrtrois-dominique.recsans.xml")
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await post(server, request).status) }
            #expect(statuses == [200, 200, 429, 429])
        }
    }

    @Test func shutdownReleasesThePort() async throws {
        let server = try await INSiMockServer.start(port: 0, faults: try MockFaults(spec: "timeout=all"))
        let port = server.port
        // A held connection (injected timeout) must not keep the server alive.
        let transport = try HTTPTransport(url: server.url, tls: nil)
        let pending = Task { () -> TransportFailure? in
            do {
                _ = try await transport.post("<x/>", action: "a", timeout: .seconds(30))
                return nil
            } catch let failure as TransportFailure {
                return failure
            } catch {
                return nil
            }
        }
        // Wait until the server holds the request (polling: the machine may be loaded).
        var waited = 0
        while server.requestCount == 0 && waited < 30_000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 10
        }
        #expect(server.requestCount == 1)
        try await server.shutdown()
        let failure = await pending.value
        #expect(failure == .closed)
        // The port can be bound again.
        let again = try await INSiMockServer.start(port: port)
        try await again.shutdown()
    }
}
