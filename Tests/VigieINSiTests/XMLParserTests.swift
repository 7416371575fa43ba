import Testing

@testable import VigieINSi

@Suite struct XMLParserTests {
    @Test func parsesTheCapturedRequestWithNamespaces() throws {
        // Real client request (padoa/tlsi-ins, see Fixtures/README.md).
        let root = try XMLDocumentParser.parse(try Fixture.bytes("requests/adrtrois-dominique.recsans.xml"))
        #expect(root.namespace == INSiNamespace.soap && root.localName == "Envelope")
        let header = try #require(root.child(INSiNamespace.soap, "Header"))
        #expect(header.child(INSiNamespace.wsa, "MessageID")?.text == "uuid:b3549edd-4ae9-472a-b26f-fd2fb4ef397f")
        let idam = header.child(INSiNamespace.contexteLPS, "ContexteLPS")?.child(INSiNamespace.contexteLPS, "LPS")?
            .child(INSiNamespace.contexteLPS, "IDAM")
        #expect(idam?.text == "PDP17NF21DD0")
        #expect(idam?.attribute("R") == "4")
        // The SAML assertion declares its own default namespace.
        let assertion = header.child(INSiNamespace.wsse, "Security")?.child(INSiNamespace.saml, "Assertion")
        #expect(assertion?.attribute("ID") == "_c6a7f665-9b82-4b4f-9f1c-6f918d1c70b8")
    }

    @Test func decodesEntitiesCharacterReferencesAndCDATA() throws {
        let root = try XMLDocumentParser.parse("<a x='1 &amp; &#x32;&#10;'>D&apos;A&lt;&#233;<![CDATA[<&>]]><!-- c --><?pi x?></a>")
        #expect(root.text == "D'A<é<&>")
        #expect(root.attribute("x") == "1 & 2\n")
    }

    @Test func normalisesWhitespaceInAttributeValues() throws {
        let root = try XMLDocumentParser.parse("<a x=\"1\n2\t3\"/>")
        #expect(root.attribute("x") == "1 2 3")
    }

    @Test func resolvesDefaultAndPrefixedNamespacesPerScope() throws {
        let root = try XMLDocumentParser.parse("<p:a xmlns:p='urn:p' xmlns='urn:d'><b/><p:c xmlns:p='urn:q'/><d xmlns=''/></p:a>")
        #expect(root.namespace == "urn:p")
        #expect(root.children.map(\.namespace) == ["urn:d", "urn:q", nil])
    }

    @Test(arguments: [
        ("<a><b></a>", XMLSyntaxError.mismatchedEndTag(offset: 6)),
        ("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>", .doctypeNotAllowed(offset: 0)),
        ("<p:a/>", .undeclaredPrefix(offset: 0)),
        ("<a>&bogus;</a>", .invalidReference(offset: 3)),
        ("<a>&#0;</a>", .invalidReference(offset: 3)),
        ("<a/><b/>", .notOneRootElement(offset: 4)),
        ("<a x='1' x='2'/>", .duplicateAttribute(offset: 9)),
        ("<a>", .unexpectedEnd(offset: 3)),
        ("", .notOneRootElement(offset: 0)),
    ])
    func reportsErrorsWithTheirOffset(input: String, expected: XMLSyntaxError) {
        #expect(throws: expected) { try XMLDocumentParser.parse(input) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: XMLSyntaxError.invalidUTF8(offset: 3)) { try XMLDocumentParser.parse([0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E]) }
    }

    @Test func refusesNestingBeyondTheLimit() {
        let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        #expect(throws: XMLSyntaxError.self) { try XMLDocumentParser.parse(deep) }
    }

    @Test func escapingRoundTripsThroughTheParser() throws {
        let nasty = "D'ARC & <FILS> \"Q\" ]]> é\t"
        let xml = "<a v=\"\(XMLEscaping.attribute(nasty))\">\(XMLEscaping.text(nasty))</a>"
        let root = try XMLDocumentParser.parse(xml)
        #expect(root.text == nasty)
        #expect(root.attribute("v") == nasty)
        // Characters XML cannot carry are replaced, so the output stays well-formed.
        #expect(XMLEscaping.text("A\u{1}B") == "A\u{FFFD}B")
    }
}
