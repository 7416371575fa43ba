import Testing
import VigieSupport

/// Log injection (issue #18 §7.8): outside text written into a log line can neither break nor hide it.
@Suite struct LogSafeTests {
    @Test func controlCharactersAreWrittenAsEscapes() {
        #expect(LogSafe.field("1\n2026 notice forged") == "1\\n2026 notice forged")
        #expect(LogSafe.field("a\r\tb") == "a\\r\\tb")
        #expect(LogSafe.field("x\u{0}y\u{1B}[31m") == "x\\u{0}y\\u{1B}[31m")
        #expect(LogSafe.field("c1\u{85}sep\u{2028}") == "c1\\u{85}sep\\u{2028}")
    }

    @Test func aFieldEscapesItsBackslashesSoThatEscapesReadBackUnambiguously() {
        #expect(LogSafe.field("a\\nb") == "a\\\\nb")
        #expect(LogSafe.field("a\\nb") != LogSafe.field("a\nb"))
    }

    @Test func aFieldIsCut() {
        let long = String(repeating: "é", count: 500)
        let escaped = LogSafe.field(long)
        #expect(escaped.unicodeScalars.count == LogSafe.maximumFieldScalars + 1)
        #expect(escaped.hasSuffix("…"))
        #expect(LogSafe.field("abcdef", maximumScalars: 3) == "abc…")
    }

    @Test func aLineKeepsPlainTextAsItIs() {
        let plain = #"line 3: field 'birth_name' C:\path é ✓"#
        #expect(LogSafe.line(plain) == plain)
        #expect(LogSafe.line("record R1\nvigie dedupe: forged") == "record R1\\nvigie dedupe: forged")
        #expect(!LogSafe.line("a\u{0}b\u{7F}c").unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }
}
