import Testing

@testable import VigieINSi

/// The parser under hostile input (issue #18 §7.3): caps on size, attributes and depth, and namespace scopes
/// that stay right when shared (they were copied per element: a 127 KB body took 1.07 GB). Timings are not
/// tested here; the measurement is in docs/insi.md.
@Suite struct XMLParserLimitsTests {
    /// The shape that was quadratic: many declarations on the root, then many children that each declare one more.
    static func hostile(declarations: Int, children: Int) -> String {
        var text = "<r xmlns='urn:d'"
        for k in 0..<declarations { text += " xmlns:p\(k)='urn:\(k)'" }
        text += ">"
        for k in 0..<children { text += "<c xmlns:q='urn:c\(k)'><q:x p\(k % declarations):a='\(k)'/></c>" }
        return text + "</r>"
    }

    @Test func sharedScopesResolveAsCopiedOnesDid() throws {
        let root = try XMLDocumentParser.parse(Self.hostile(declarations: 60, children: 2_000))
        #expect(root.children.count == 2_000)
        let last = try #require(root.children.last?.children.first)
        #expect(last.namespace == "urn:c1999")
        #expect(last.attributes == [XMLAttribute(namespace: "urn:\(1999 % 60)", localName: "a", value: "1999")])
        #expect(last.namespacesInScope["q"] == "urn:c1999")
        #expect(last.namespacesInScope["p59"] == "urn:59")
        #expect(last.namespacesInScope[""] == "urn:d")
        #expect(last.namespacesInScope["xml"] == "http://www.w3.org/XML/1998/namespace")
        #expect(last.namespacesInScope.count == 60 + 3)
        #expect(root.namespacesInScope["q"] == nil)
        #expect(last.resolveQName("q:Sender") == ("urn:c1999", "Sender"))
    }

    @Test func undeclaringTheDefaultNamespaceIsKept() throws {
        let root = try XMLDocumentParser.parse("<a xmlns='urn:d'><b xmlns=''><c/></b><e/></a>")
        #expect(root.children.map(\.namespace) == [nil, "urn:d"])
        #expect(root.children[0].children[0].namespace == nil)
        #expect(root.children[0].namespacesInScope[""] == nil)
        #expect(root.children[1].namespacesInScope[""] == "urn:d")
    }

    @Test func aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
        let big = [UInt8]("<a>".utf8) + [UInt8](repeating: 0x78, count: XMLDocumentParser.sizeLimit) + [UInt8]("</a>".utf8)
        #expect(throws: XMLSyntaxError.tooLarge(size: big.count, limit: XMLDocumentParser.sizeLimit)) { try XMLDocumentParser.parse(big) }
    }

    @Test func attributesPerElementAreCapped() throws {
        let many = (0...XMLDocumentParser.attributeLimit).map { " a\($0)='1'" }.joined()
        #expect(throws: XMLSyntaxError.tooManyAttributes(offset: 3, limit: XMLDocumentParser.attributeLimit)) {
            try XMLDocumentParser.parse("<r><e" + many + "/></r>")
        }
        let enough = (0..<XMLDocumentParser.attributeLimit).map { " a\($0)='1'" }.joined()
        #expect(try XMLDocumentParser.parse("<e" + enough + "/>").attributes.count == XMLDocumentParser.attributeLimit)
    }

    @Test func duplicateAttributesAreFoundAmongMany() {
        let many = (0..<60).map { " a\($0)='1'" }.joined()
        #expect(throws: XMLSyntaxError.duplicateAttribute(offset: 2 + many.utf8.count + 1)) {
            try XMLDocumentParser.parse("<e" + many + " a7='2'/>")
        }
    }

    @Test func depthIsCappedAtTheLimit() {
        let limit = XMLDocumentParser.depthLimit
        let ok = String(repeating: "<a>", count: limit) + String(repeating: "</a>", count: limit)
        #expect((try? XMLDocumentParser.parse(ok)) != nil)
        let deep = String(repeating: "<a>", count: limit + 1) + String(repeating: "</a>", count: limit + 1)
        #expect(throws: XMLSyntaxError.tooDeep(offset: 3 * limit, limit: limit)) { try XMLDocumentParser.parse(deep) }
    }
}
