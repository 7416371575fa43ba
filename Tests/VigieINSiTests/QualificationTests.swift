import Foundation
import Testing
import VigieIdentity

@testable import VigieINSi

/// The RNIV qualification workflow against the mock, on real HTTP.
@Suite struct QualificationTests {
    let passport = DocumentCheck(type: .passport)
    let time = Date(timeIntervalSince1970: 1_764_000_000)

    func workflow(_ server: INSiMockServer, attempts: Int = 3, timeout: Int = 10_000) throws -> Qualification {
        Qualification(client: try client(server, timeout: timeout, attempts: attempts), actor: "test")
    }

    @Test func provisionalWithAHighTrustDocumentBecomesQualified() async throws {
        let identity = Identity(traits: try strictTraits("ADRTROIS", ["DOMINIQUE"], .female, "1997-02-26"))
        let outcome = try await withMock { server in try await workflow(server).qualify(identity, document: passport, at: time) }
        #expect(outcome.decision == .insAccepted)
        #expect(outcome.identity.status == .qualified)
        #expect(outcome.identity.ins?.matricule.value == "297022A02077878")
        #expect(outcome.identity.ins?.authority == .nir)
        // The traits are INSi's, birth place included.
        #expect(outcome.identity.traits.birthPlace?.code == "2A020")
        #expect(outcome.audit.map(\.event) == ["documentChecked", "insiIdentityAccepted"])
        #expect(outcome.audit.map(\.statusAfter) == [.validated, .qualified])
        #expect(outcome.audit.allSatisfy { $0.actor == "test" && $0.time == time })
    }

    @Test func validatedBecomesQualifiedAndProvisionalWithoutDocumentIsRecovered() async throws {
        var validated = Identity(traits: try strictTraits("NESSI", ["NATHALIE"], .female, "1977-07-14", "63220"))
        (validated, _) = try IdentityLifecycle.apply(.documentChecked(passport), to: validated, actor: "test", at: time, reason: "setup")
        #expect(validated.status == .validated)
        let provisional = Identity(traits: try strictTraits("NESSI", ["MICHELANGELO"], .male, "2010-08-07"))
        let (q, r) = try await withMock { server in
            let w = try workflow(server)
            return (try await w.qualify(validated, document: nil, at: time), try await w.qualify(provisional, document: nil, at: time))
        }
        #expect(q.identity.status == .qualified)
        #expect(r.identity.status == .recovered)
        #expect(r.identity.traits.firstNames == ["MICHELANGELO", "ANTHONY"])
        // A low-trust document (driving licence) validates nothing: still RECUP.
        let withLicence = try await withMock { server in
            try await workflow(server).qualify(provisional, document: DocumentCheck(type: .drivingLicence), at: time)
        }
        #expect(withLicence.identity.status == .recovered)
        #expect(withLicence.audit.map(\.event) == ["insiIdentityAccepted"])
    }

    @Test func niaByOIDAndHistoryAreStored() async throws {
        let (nia, withHistory) = try await withMock { server in
            let w = try workflow(server)
            return (
                try await w.qualify(Identity(traits: try strictTraits("PROVISOIRE", ["MATRICULE"], .male, "2009-07-01")), document: passport, at: time),
                try await w.qualify(Identity(traits: try strictTraits("ECETINSI", ["PIERRE-ALAIN"], .male, "2009-07-14")), document: passport, at: time)
            )
        }
        #expect(nia.identity.ins?.authority == .nia)
        #expect(nia.identity.ins?.matricule.value == "109076322088835")
        #expect(withHistory.identity.ins?.matricule.value == "109076322083489")
        #expect(withHistory.identity.insHistory.map(\.matricule.value) == ["209076322083439", "209066322012355"])
        #expect(withHistory.identity.traits.firstNames == ["PIERRE-ALAIN", "MURIEL", "FLORIANT"])
    }

    @Test func notFoundRecordsOnlyTheDocument() async throws {
        let identity = Identity(traits: try strictTraits("TCHITCHI", ["OLA"], .female, "1936-06-21"))
        let outcome = try await withMock { server in try await workflow(server).qualify(identity, document: passport, at: time) }
        #expect(outcome.decision == .notFound)
        #expect(outcome.identity.status == .validated)
        #expect(outcome.identity.ins == nil)
        #expect(outcome.identity.traits == identity.traits)
    }

    @Test func severalEvenWithThePlaceStoresNoINS() async throws {
        // Two reference identities with the same traits and place: 02 stays 02.
        var base = ReferenceIdentities.cnda()
        base.append(
            ReferenceIdentity(
                birthName: "DE VINCI", firstNames: ["LEONARDO"], sex: "M", birthDate: "2014-02-01", birthPlace: "63220",
                active: INSRecord(number: "1140263220904", key: "\(try Matricule.expectedKey(forNumber: "1140263220904"))", oid: INSAuthority.nir.rawValue)))
        let identity = Identity(traits: try strictTraits("DE VINCI", ["LEONARDO"], .male, "2014-02-01", "63220"))
        let outcome = try await withMock(identities: base) { server in try await workflow(server).qualify(identity, document: nil, at: time) }
        #expect(outcome.decision == .several)
        #expect(outcome.search.calls.map(\.code) == ["02", "02"])
        #expect(outcome.identity == identity)
    }

    @Test func incoherentTraitsStoreNoINS() async throws {
        // INSi finds ECETINSI by the first first name, but the local list has another second name.
        let identity = Identity(traits: try strictTraits("ECETINSI", ["PIERRE-ALAIN", "JEAN"], .male, "2009-07-14"))
        let outcome = try await withMock { server in try await workflow(server).qualify(identity, document: nil, at: time) }
        #expect(outcome.decision == .incoherent(fields: ["first_names"]))
        #expect(outcome.identity == identity)
    }

    @Test func keysThatFailMod97AreRefusedAndNothingChanges() async throws {
        // CNDA TEST_2.08 cas 2 (HERMANN GATIEN): keys that fail the mod-97 check.
        let identity = Identity(traits: try strictTraits("HERMANN", ["GATIEN"], .male, "1981-03-24"))
        let error = await #expect(throws: QualificationError.self) {
            try await withMock { server in try await workflow(server).qualify(identity, document: passport, at: time) }
        }
        guard case .invalidAnswer(let field) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(field == "INSACTIF/IdIndividu")
    }

    @Test func doubtfulIdentitiesNeverCallINSi() async throws {
        var identity = Identity(traits: try strictTraits("ADRTROIS", ["DOMINIQUE"], .female, "1997-02-26"))
        (identity, _) = try IdentityLifecycle.apply(.attributeSet(.doubtful), to: identity, actor: "test", at: time, reason: "setup")
        let count = try await withMock { server in
            await #expect(throws: QualificationError.self) { try await workflow(server).qualify(identity, document: passport, at: time) }
            return server.requestCount
        }
        #expect(count == 0)
    }

    @Test func refusedTraitsNeverReachTheService() async throws {
        // CNDA 2.03 cas 3.
        let identity = Identity(traits: try strictTraits("D’ÆION", ["CŒUR"], .male, "1987-01-01", "2B020"))
        let count = try await withMock { server in
            await #expect(throws: QualificationError.self) { try await workflow(server).qualify(identity, document: passport, at: time) }
            return server.requestCount
        }
        #expect(count == 0)
    }

    @Test(arguments: ["technical=all", "http=503:all", "timeout=all", "malformed=all"])
    func faultsNeverHalfUpdateAnIdentity(spec: String) async throws {
        let identity = Identity(traits: try strictTraits("TCHITCHI", ["OLA", "CATARINA", "BELLA"], .female, "1936-06-21"))
        let (count, threw) = try await withMock(faults: try MockFaults(spec: spec)) { server in
            do {
                _ = try await workflow(server, attempts: 2, timeout: 1_000).qualify(identity, document: passport, at: time)
                return (server.requestCount, false)
            } catch {
                return (server.requestCount, true)
            }
        }
        #expect(threw)
        // A SOAP fault is not retried; transport failures are (2 attempts), and the search stops at the first error.
        #expect(count == (spec.hasPrefix("technical") ? 1 : 2))
    }

    @Test func faultsMidSequenceLeaveTheIdentityAsItWas() async throws {
        // The first call (OLA → 01) is answered; the second (CATARINA) hits a fault: no change at all,
        // although a document was given.
        let identity = Identity(traits: try strictTraits("TCHITCHI", ["OLA", "CATARINA", "BELLA"], .female, "1936-06-21"))
        await #expect(throws: QualificationError.self) {
            try await withMock(faults: try MockFaults(spec: "technical=every:2")) { server in
                try await workflow(server).qualify(identity, document: passport, at: time)
            }
        }
        // With retries, transport faults in the middle are absorbed and the result is the same as without faults.
        let outcome = try await withMock(faults: try MockFaults(spec: "http=503:every:2")) { server in
            try await workflow(server, attempts: 3).qualify(identity, document: passport, at: time)
        }
        #expect(outcome.identity.status == .qualified)
        #expect(outcome.search.calls.map(\.attempts) == [1, 2])
    }
}

@Suite struct TraitComparisonTests {
    @Test func firstNameListsMayLeaveNamesOut() throws {
        let local = try strictTraits("TCHITCHI", ["OLA", "CATARINA", "BELLA"], .female, "1936-06-21")
        let returned = try strictTraits("TCHITCHI", ["CATARINA", "BELLA"], .female, "1936-06-21", "63220")
        #expect(TraitComparison.differences(local: local, returned: returned).isEmpty)
        let swapped = try strictTraits("TCHITCHI", ["BELLA", "CATARINA"], .female, "1936-06-21")
        #expect(TraitComparison.differences(local: local, returned: swapped) == ["first_names"])
    }

    @Test func partialLocalDatesAcceptINSiDates() throws {
        let returned = try strictTraits("A", ["B"], .male, "1990-05-12")
        #expect(TraitComparison.differences(local: try strictTraits("A", ["B"], .male, "1990-00-00"), returned: returned).isEmpty)
        #expect(TraitComparison.differences(local: try strictTraits("A", ["B"], .male, "1990-06-00"), returned: returned) == ["birth_date"])
    }

    @Test func everyDifferingFieldIsNamed() throws {
        let local = try strictTraits("A", ["B"], .male, "1990-05-12", "63220")
        let returned = try strictTraits("C", ["D"], .female, "1991-05-12", "75056")
        #expect(TraitComparison.differences(local: local, returned: returned) == ["birth_name", "first_names", "sex", "birth_date", "birth_place"])
    }

    @Test func orderedSubsequence() {
        #expect(TraitComparison.isOrderedSubsequence(["A", "C"], of: ["A", "B", "C"]))
        #expect(!TraitComparison.isOrderedSubsequence(["C", "A"], of: ["A", "B", "C"]))
        #expect(!TraitComparison.isOrderedSubsequence(["A", "A"], of: ["A", "B"]))
        #expect(!TraitComparison.isOrderedSubsequence([], of: ["A"]))
    }
}
