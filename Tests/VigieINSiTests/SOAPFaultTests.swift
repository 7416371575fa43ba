import Testing

@testable import VigieINSi

@Suite struct SOAPFaultTests {
    @Test func readsTheCapturedUnknownSoftwareFault() throws {
        // padoa/tlsi-ins:src/ins/fixtures/service-errors/siram_100-desir_500-fake-idam.fixtures.ts (MIT), verbatim.
        let captured = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><env:Body xmlns:env="http://www.w3.org/2003/05/soap-envelope"><soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>soap:siram_100</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="fr">L'accès par ce progiciel au service n'est pas autorisé. Contactez l'éditeur du progiciel ou votre responsable informatique.</soap:Text></soap:Reason><soap:Detail><siram:Erreur code="desir_550" messageID="uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f" severite="erreur" xmlns:siram="urn:siram">Numéro d'autorisation du logiciel inconnu.</siram:Erreur></soap:Detail></soap:Fault></env:Body></soap:Envelope>
            """
        let answer = try INSiAnswer(bytes: Array(captured.utf8))
        #expect(answer == .fault(.unknownSoftware(messageID: "uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f")))
        // Vigie's encoding has the same element paths as the capture.
        let mine = try XMLDocumentParser.parse(SOAPFault.unknownSoftware(messageID: "uuid:x").xml)
        #expect(elementPaths(mine) == elementPaths(try XMLDocumentParser.parse(captured)))
    }

    @Test func readsTheLiveTechnicalFaultWithItsPrefixes() throws {
        // padoa/tlsi-ins:src/fixtures/persons/aeion-coeur.fixture.ts @a9396f7 (MIT): `S:` prefixes, severite "fatal".
        let captured = """
            <?xml version="1.0" encoding="UTF-8"?>
            <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><env:Body xmlns:S="http://www.w3.org/2003/05/soap-envelope" xmlns:env="http://www.w3.org/2003/05/soap-envelope"><S:Fault xmlns:ns4="http://schemas.xmlsoap.org/soap/envelope/"><S:Code><S:Value>S:Receiver</S:Value><S:Subcode><S:Value>S:siram_40</S:Value></S:Subcode></S:Code><S:Reason><S:Text xml:lang="en">Le service est temporairement inaccessible. Veuillez renouveler votre demande ultérieurement. Si le problème persiste, contactez l'éditeur du progiciel ou votre responsable informatique.</S:Text></S:Reason><S:Detail><siram:Erreur severite="fatal" code="insi_102" xmlns:siram="urn:siram">L'appel au service de recherche avec les traits d'identité renvoie une erreur technique.</siram:Erreur></S:Detail></S:Fault></env:Body></soap:Envelope>
            """
        guard case .fault(let f) = try INSiAnswer(bytes: Array(captured.utf8)) else {
            Issue.record("not a fault")
            return
        }
        #expect(f.role == .receiver && f.subcode == "siram_40" && f.detailCode == "insi_102" && f.severity == "fatal")
        #expect(f.httpStatus == 500)
    }

    @Test(arguments: [SOAPFault.unknownSoftware(messageID: "uuid:1"), .technicalError(messageID: nil)])
    func erreurValidatesAgainstTheFaultXSD(fault: SOAPFault) throws {
        let check = try XMLLint.validate(fault.erreurXML, schema: Fixture.faultXSD)
        #expect(check.valid, "\(check.output)")
        #expect(try INSiAnswer(bytes: Array(fault.xml.utf8)) == .fault(fault))
    }

    @Test func descriptionCarriesCodesOnly() {
        #expect(SOAPFault.unknownSoftware(messageID: "uuid:1").description == "INSi fault Sender/siram_100/desir_550")
    }
}
