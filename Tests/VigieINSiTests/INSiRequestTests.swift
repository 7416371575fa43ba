import Testing

@testable import VigieINSi

@Suite struct INSiRequestTests {
    @Test func readsTheRealClientRequest() throws {
        // padoa/tlsi-ins's exact request (Fixtures/README.md).
        let r = try INSiRequest(bytes: try Fixture.bytes("requests/adrtrois-dominique.recsans.xml"))
        #expect(r.action == INSiOperation.searchByTraits.rawValue)
        #expect(r.messageID == "uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f")
        #expect(r.hasSecurity && r.hasContextLPS && r.hasContextBAM)
        #expect(r.software?.authorisationNumber == "PDP17NF21DD0")
        #expect(r.search == TraitSearch(birthName: "ADRTROIS", firstNames: ["DOMINIQUE"], sex: "F", birthDate: "1997-02-26"))
        let bare = try INSiRequest(bytes: try Fixture.bytes("requests/adrtrois-dominique.recsans.no-security.xml"))
        #expect(!bare.hasSecurity)
    }

    func sample(_ search: TraitSearch) -> INSiRequest {
        INSiRequest(
            operation: .searchByTraits, messageID: "uuid:1", contextLPSID: "l", contextBAMID: "b", time: "2026-01-01T00:00:00.000Z",
            emitter: "vigie", software: SoftwareIdentification(authorisationNumber: "VIGIE-TEST-0001", version: "1", instance: "i", name: "urn:lps:vigie:1"),
            search: search)
    }

    @Test func encodingRoundTrips() throws {
        let search = TraitSearch(birthName: "D'ARTAGNAN DE L'HERAULT", firstNames: ["PIERRE-ALAIN"], sex: "M", birthDate: "2001-06-17", birthPlace: "63220")
        let request = sample(search)
        let decoded = try INSiRequest(bytes: Array(request.xml.utf8))
        #expect(decoded.search == search)
        #expect(decoded.messageID == "uuid:1" && decoded.action == request.action && decoded.hasSecurity)
        #expect(decoded.software == request.software)
    }

    @Test func bodyAndContextsValidateAgainstTheXSDs() throws {
        let xml = sample(TraitSearch(birthName: "ADRTROIS", firstNames: ["DOMINIQUE"], sex: "F", birthDate: "1997-02-26", birthPlace: "2A020")).xml
        let body = try #require(XMLLint.element(xml, open: "<insi_recsans_ins:RECSANSVITALE", close: "</insi_recsans_ins:RECSANSVITALE>"))
        let check = try XMLLint.validate(body, schema: Fixture.recsansXSD)
        #expect(check.valid, "\(check.output)")
        // The contexts use the envelope's prefixes: re-declare them to validate the elements alone.
        let lps = try #require(XMLLint.element(xml, open: "<ctxlps:ContexteLPS", close: "</ctxlps:ContexteLPS>"))
            .replacingOccurrences(of: "<ctxlps:ContexteLPS ", with: "<ctxlps:ContexteLPS xmlns:ctxlps=\"\(INSiNamespace.contexteLPS)\" ")
        let lpsCheck = try XMLLint.validate(lps, schema: Fixture.contexteLPSXSD)
        #expect(lpsCheck.valid, "\(lpsCheck.output)")
        let bam = try #require(XMLLint.element(xml, open: "<ctxbam:ContexteBAM", close: "</ctxbam:ContexteBAM>"))
            .replacingOccurrences(of: "<ctxbam:ContexteBAM ", with: "<ctxbam:ContexteBAM xmlns:ctxbam=\"\(INSiNamespace.contexteBAM)\" ")
        let bamCheck = try XMLLint.validate(bam, schema: Fixture.contexteBAMXSD)
        #expect(bamCheck.valid, "\(bamCheck.output)")
    }

    @Test func outOfOrderBodyElementsAreRejected() {
        let xml = """
            <soap:Envelope xmlns:soap="\(INSiNamespace.soap)"><soap:Body><RECSANSVITALE xmlns="\(INSiNamespace.rechercheSansVitale)">\
            <Sexe>F</Sexe><NomNaissance>A</NomNaissance></RECSANSVITALE></soap:Body></soap:Envelope>
            """
        #expect(throws: INSiMessageError.self) { try INSiRequest(bytes: Array(xml.utf8)) }
    }

    @Test func escapesTheStraightApostropheSafely() throws {
        let xml = sample(TraitSearch(birthName: "D'ARC", firstNames: ["JEANNE"], sex: "F", birthDate: "1412-01-06")).xml
        #expect(xml.contains("<insi_recsans_ins:NomNaissance>D'ARC</insi_recsans_ins:NomNaissance>"))
    }
}
