import Testing

@testable import VigieINSi

@Suite struct INSiResultTests {
    // Captured CNDA answers (padoa/tlsi-ins, Fixtures/README.md).
    @Test func readsTheCapturedAnswerWithHistory() throws {
        guard case .result(let r) = try INSiAnswer(bytes: try Fixture.bytes("responses/TEST_2.04_cas2.xml")) else {
            Issue.record("not a result")
            return
        }
        #expect(r.reportCode == .found && r.label == "OK")
        let individual = try #require(r.individual)
        #expect(individual.active == INSRecord(number: "1090763220834", key: "89", oid: "1.2.250.1.213.1.4.8"))
        #expect(individual.history.map(\.number) == ["2090763220834", "2090663220123"])
        #expect(individual.history[0].start == "2019-03-01" && individual.history[0].end == "2019-02-28")
        #expect(individual.traits.firstNames == "PIERRE-ALAIN MURIEL FLORIANT")
        #expect(individual.traits.firstName == nil)
        #expect(individual.traits.birthPlace == "63220")
    }

    @Test func readsTheCapturedNoIdentityAnswer() throws {
        guard case .result(let r) = try INSiAnswer(bytes: try Fixture.bytes("responses/REP_CR01.xml")) else {
            Issue.record("not a result")
            return
        }
        #expect(r == INSiResult(.notFound))
        #expect(r.label == "Aucune identite trouvee")
    }

    @Test func readsTheNIAAnswer() throws {
        guard case .result(let r) = try INSiAnswer(bytes: try Fixture.bytes("responses/TEST_2.05.xml")) else {
            Issue.record("not a result")
            return
        }
        #expect(r.individual?.active.oid == "1.2.250.1.213.1.4.9")
        #expect(r.individual?.traits.firstName == "MATRICULE")
    }

    @Test(arguments: ["TEST_2.04_cas2", "TEST_2.05", "TEST_2.08_cas1", "TEST_2.08_cas2", "REP_CR01"])
    func encodingRoundTripsEveryCapturedAnswer(name: String) throws {
        guard case .result(let captured) = try INSiAnswer(bytes: try Fixture.bytes("responses/\(name).xml")) else {
            Issue.record("not a result")
            return
        }
        #expect(try INSiAnswer(bytes: Array(captured.xml.utf8)) == .result(captured))
    }

    @Test func labelsAreTheServiceLabels() {
        #expect(INSiReportCode.allCases.map(\.label) == ["OK", "Aucune identite trouvee", "Plusieurs identites trouvees"])
    }

    @Test func missingCRIsAnError() {
        let xml = "<soap:Envelope xmlns:soap='\(INSiNamespace.soap)'><soap:Body><RESULTAT xmlns='\(INSiNamespace.resultat)'/></soap:Body></soap:Envelope>"
        #expect(throws: INSiMessageError.missingElement(path: "RESULTAT/CR")) { try INSiAnswer(bytes: Array(xml.utf8)) }
    }
}
