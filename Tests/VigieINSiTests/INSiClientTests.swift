import NIOSSL
import Testing
import VigieIdentity

@testable import VigieINSi

/// Local strict traits for a test (the identity layer's types).
func strictTraits(_ name: String, _ firstNames: [String], _ sex: Sex, _ date: String, _ place: String? = nil) throws -> StrictTraits {
    StrictTraits(
        birthName: name, firstNames: firstNames, sex: sex, birthDate: try BirthDate(date), birthPlace: try place.map { try BirthPlace($0) })
}

/// Runs `body` against a fresh mock on an ephemeral loopback port, and always shuts it down.
func withMock<T>(
    faults: MockFaults = .none, identities: ReferenceIdentities = .cnda(), tls: NIOSSLContext? = nil,
    _ body: (INSiMockServer) async throws -> T
) async throws -> T {
    let server = try await INSiMockServer.start(port: 0, service: MockTeleservice(identities: identities), faults: faults, tls: tls)
    do {
        let value = try await body(server)
        try await server.shutdown()
        return value
    } catch {
        try await server.shutdown()
        throw error
    }
}

func client(_ server: INSiMockServer, timeout: Int = 10_000, attempts: Int = 3) throws -> INSiClient {
    try INSiClient(configuration: INSiClientConfiguration(endpoint: server.url, timeoutMilliseconds: timeout, maxAttempts: attempts, backoffMilliseconds: 10))
}

/// The CNDA cases (research brief §2.6) through the client, on real HTTP.
@Suite struct INSiClientTests {
    @Test func adrtroisDominiqueIsFound() async throws {
        let outcome = try await withMock { server in
            try await client(server).searchINS(for: try strictTraits("ADRTROIS", ["DOMINIQUE"], .female, "1997-02-26"))
        }
        #expect(outcome.result.code == "00")
        #expect(outcome.result.individual?.active.number == "297022A020778")
        #expect(outcome.result.individual?.active.key == "78")
        #expect(outcome.calls.count == 1)
    }

    @Test func deVinciLeonardoNeedsTheBirthPlace() async throws {
        let (without, with) = try await withMock { server in
            let c = try client(server)
            let without = try await c.searchINS(for: try strictTraits("DE VINCI", ["LEONARDO"], .male, "2014-02-01"))
            let with = try await c.searchINS(for: try strictTraits("DE VINCI", ["LEONARDO"], .male, "2014-02-01", "63220"))
            return (without, with)
        }
        #expect(without.result.code == "02")
        #expect(without.result.label == "Plusieurs identites trouvees")
        #expect(with.result.code == "00")
        #expect(with.result.individual?.traits.birthPlace == "63220")
        // The doctrine's sequence: first without the place (02), then with it.
        #expect(with.calls.map(\.withBirthPlace) == [false, true])
        #expect(with.calls.map(\.code) == ["02", "00"])
    }

    @Test func tchitchiOlaThenCatarina() async throws {
        let (ola, list) = try await withMock { server in
            let c = try client(server)
            let ola = try await c.searchINS(for: try strictTraits("TCHITCHI", ["OLA"], .female, "1936-06-21"))
            // CNDA 2.07 cas 1: the list OLA CATARINA BELLA finds the INS at the second first name.
            let list = try await c.searchINS(for: try strictTraits("TCHITCHI", ["OLA", "CATARINA", "BELLA"], .female, "1936-06-21"))
            return (ola, list)
        }
        #expect(ola.result.code == "01")
        #expect(ola.result.label == "Aucune identite trouvee")
        #expect(list.result.code == "00")
        #expect(list.result.individual?.active.number == "2360663220836")
        #expect(list.calls.map(\.firstNames) == [.single(0), .single(1)])
        #expect(list.calls.map(\.code) == ["01", "00"])
    }

    @Test func houillesGetsNoIdentityForEveryCall() async throws {
        let outcome = try await withMock { server in
            try await client(server).searchINS(for: try strictTraits("HOUILLES", ["PIERRE", "PAUL", "JACQUES"], .male, "1993-01-27"))
        }
        // CNDA 2.07 cas 2: each first name, then the whole list — four calls, all 01.
        #expect(outcome.calls.map(\.firstNames) == [.single(0), .single(1), .single(2), .list])
        #expect(outcome.calls.allSatisfy { $0.code == "01" })
        #expect(outcome.result.code == "01")
    }

    @Test func provisoireMatriculeIsANIA() async throws {
        let outcome = try await withMock { server in
            try await client(server).searchINS(for: try strictTraits("PROVISOIRE", ["MATRICULE"], .male, "2009-07-01"))
        }
        let individual = try #require(outcome.result.individual)
        let returned = try ReturnedIdentity(individual)
        #expect(returned.ins.authority == .nia)
        #expect(returned.ins.matricule.value == "109076322088835")
    }

    @Test(arguments: [
        ("D’ÆION", ["CŒUR"], "birth_name"),
        ("D'AEION", ["CŒUR"], "first_names"),
        ("DUPONT", ["Jean"], "first_names"),
        ("DUPONT", [String](), "first_names"),
        ("DUPONT", ["JEAN PIERRE"], "first_names"),
        ("Dupont", ["JEAN"], "birth_name"),
        ("DUPONTÉ", ["JEAN"], "birth_name"),
    ])
    func refusesNonINSFormTraitsWithoutCalling(name: String, firstNames: [String], field: String) async throws {
        let count = try await withMock { server in
            await #expect(throws: INSiClientError.invalidTrait(field: field)) {
                try await client(server).searchINS(for: try strictTraits(name, firstNames, .male, "1987-01-01", "2B020"))
            }
            return server.requestCount
        }
        // No request reached the mock.
        #expect(count == 0)
    }

    @Test func unknownSexIsRefusedLocally() async throws {
        let count = try await withMock { server in
            await #expect(throws: INSiClientError.invalidTrait(field: "sex")) {
                try await client(server).searchINS(for: try strictTraits("ADRTROIS", ["DOMINIQUE"], .unknown, "1997-02-26"))
            }
            return server.requestCount
        }
        #expect(count == 0)
    }

    @Test func retriesTransportFailuresThenSucceeds() async throws {
        // Request 1: 503, 2: malformed XML, 3: no answer; 4: answered.
        let faults = try MockFaults(spec: "http=503:first:1,malformed=first:2,timeout=first:3")
        let (outcome, count) = try await withMock(faults: faults) { server in
            let outcome = try await client(server, timeout: 1_000, attempts: 4).searchINS(for: try strictTraits("ADRTROIS", ["DOMINIQUE"], .female, "1997-02-26"))
            return (outcome, server.requestCount)
        }
        #expect(outcome.result.code == "00")
        #expect(outcome.calls.first?.attempts == 4)
        #expect(count == 4)
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let count = try await withMock(faults: try MockFaults(spec: "http=502:all")) { server in
            await #expect(throws: INSiClientError.transport(attempts: 3, last: .httpStatus(502))) {
                try await client(server).searchINS(for: try strictTraits("ADRTROIS", ["DOMINIQUE"], .female, "1997-02-26"))
            }
            return server.requestCount
        }
        #expect(count == 3)
    }

    @Test func neverRetriesAnswersOrFaults() async throws {
        let count = try await withMock(faults: try MockFaults(spec: "technical=all")) { server in
            let error = await #expect(throws: INSiClientError.self) {
                _ = try await client(server).call(TraitSearch(birthName: "X", firstNames: ["Y"], sex: "M", birthDate: "2000-01-01"))
            }
            guard case .fault(let f) = error else {
                Issue.record("not a fault")
                return server.requestCount
            }
            #expect(f.subcode == "siram_40" && f.detailCode == "insi_102" && f.messageID?.hasPrefix("uuid:") == true)
            return server.requestCount
        }
        #expect(count == 1)
        // 01 is an answer: one request, no retry.
        let calls = try await withMock { server in
            _ = try await client(server).call(TraitSearch(birthName: "TCHITCHI", firstNames: ["OLA"], sex: "F", birthDate: "1936-06-21"))
            return server.requestCount
        }
        #expect(calls == 1)
    }

    @Test func unknownSoftwareIsAFault() async throws {
        try await withMock { server in
            var configuration = INSiClientConfiguration(endpoint: server.url)
            configuration.software.authorisationNumber = "INCONNU"
            let c = try INSiClient(configuration: configuration)
            await #expect(throws: INSiClientError.self) {
                _ = try await c.call(TraitSearch(birthName: "ADRTROIS", firstNames: ["DOMINIQUE"], sex: "F", birthDate: "1997-02-26"))
            }
            do {
                _ = try await c.call(TraitSearch(birthName: "ADRTROIS", firstNames: ["DOMINIQUE"], sex: "F", birthDate: "1997-02-26"))
            } catch let error as INSiClientError {
                guard case .fault(let f) = error else {
                    Issue.record("not a fault: \(error)")
                    return
                }
                #expect(f.subcode == "siram_100" && f.detailCode == "desir_550")
            } catch {
                Issue.record("unexpected error")
            }
        }
    }

    @Test func connectionRefusedIsATransportFailure() async throws {
        // Bind then release a port, so that nothing listens on it.
        let server = try await INSiMockServer.start(port: 0)
        let url = server.url
        try await server.shutdown()
        let c = try INSiClient(configuration: INSiClientConfiguration(endpoint: url, timeoutMilliseconds: 5_000, maxAttempts: 2, backoffMilliseconds: 1))
        await #expect(throws: INSiClientError.transport(attempts: 2, last: .connect)) {
            _ = try await c.call(TraitSearch(birthName: "A", firstNames: ["B"], sex: "M", birthDate: "2000-01-01"))
        }
    }

    @Test func badEndpointsAndTLSFilesFailBeforeAnyCall() {
        #expect(throws: INSiClientError.invalidEndpoint) { try INSiClient(configuration: INSiClientConfiguration(endpoint: "ftp://x/lps")) }
        let tls = INSiTLSConfiguration(certificatePath: "/nonexistent/cert.pem", privateKeyPath: "/nonexistent/key.pem")
        #expect(throws: INSiClientError.tlsConfiguration) {
            try INSiClient(configuration: INSiClientConfiguration(endpoint: "https://qualiflps-services-ps-tlsm.ameli.fr:443/lps", tls: tls))
        }
        #expect(throws: INSiClientError.tlsConfiguration) {
            try INSiClient(configuration: INSiClientConfiguration(endpoint: "http://127.0.0.1:1/lps", tls: tls))
        }
    }

    @Test func verificationBestKnowledgeThroughHTTP() async throws {
        let code = try await withMock { server in
            try await client(server).verify(
                INSVerification(
                    ins: INSRecord(number: "297022A020778", key: "78", oid: "1.2.250.1.213.1.4.8"),
                    traits: ReturnedTraits(birthName: "ADRTROIS", firstNames: "DOMINIQUE", sex: "F", birthDate: "1997-02-26", birthPlace: "2A020"))
            ).code
        }
        #expect(code == "00")
    }
}
