import Testing
import VigieText
@testable import VigieHL7

@Suite struct HL7EscapingTests {
    @Test(arguments: [
        ("\\F\\", "|"), ("\\S\\", "^"), ("\\T\\", "&"), ("\\R\\", "~"), ("\\E\\", "\\"),
        ("A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\", "A|B^C&D~E\\"),
        ("\\X0D0A\\", "\r\n"), ("\\XC3A9\\", "é"), ("\\Xc3a9\\", "é"),
        ("\\H\\bold\\N\\", "bold"),
        ("a\\.br\\b", "a\nb"), ("a\\.sp2\\b", "a\n\nb"), ("a\\.sp\\b", "a\nb"), ("a\\.ce\\b", "a\nb"),
        ("a\\.sk3\\b", "a   b"), ("\\.fi\\a\\.nf\\\\.in+4\\\\.ti-2\\b", "ab"),
        ("O'BRIEN", "O'BRIEN"),
    ])
    func decodesHL7v25Sequences(_ escaped: String, _ decoded: String) throws {
        #expect(try HL7Escaping.unescape(escaped) == decoded)
    }

    @Test(arguments: ["\\Q\\", "\\\\", "\\C2842\\", "\\M2442\\", "\\Zxyz\\", "\\.xx\\", "\\.br2\\", "\\.spz\\"])
    func refusesUnknownSequences(_ escaped: String) {
        #expect(throws: HL7ParseError.self) { try HL7Escaping.unescape(escaped) }
    }

    @Test func encodesDelimitersAndLineBreaks() {
        #expect(HL7Escaping.escape("A|B^C&D~E\\") == "A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\")
        #expect(HL7Escaping.escape("a\rb\nc") == "a\\X0D\\b\\X0A\\c")
        #expect(HL7Escaping.escape("\u{01}") == "\\X01\\")
        #expect(HL7Escaping.escape("tab\tok é") == "tab\tok é")
    }

    @Test func usesTheMessageDelimiters() throws {
        let custom = HL7Delimiters(
            field: UInt8(ascii: "!"), component: UInt8(ascii: "@"), repetition: UInt8(ascii: "#"),
            escape: UInt8(ascii: "$"), subcomponent: UInt8(ascii: "%"))
        #expect(HL7Escaping.escape("a!b|c", delimiters: custom) == "a$F$b|c")
        #expect(try HL7Escaping.unescape("a$F$b$E$", delimiters: custom) == "a!b$")
    }

    @Test func escapeThenUnescapeIsIdentity() throws {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("AZaz09 |^~\\&\r\n\t-'éÉçœ€\u{01}\"")
        for _ in 0..<300 {
            let length = Int(generator.next() % 20)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            #expect(try HL7Escaping.unescape(HL7Escaping.escape(text)) == text)
        }
    }
}
