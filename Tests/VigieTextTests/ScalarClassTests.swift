import Testing
@testable import VigieText

@Suite struct ScalarClassTests {
    @Test func separators() {
        for value: UInt32 in [0x20, 0xA0, 0x2003, 0x202F, 0x3000] { #expect(ScalarClass(value) == .separator(0x20)) }
        for value: UInt32 in [0x2D, 0x2010, 0x2011, 0x2013, 0x2014, 0x2212] { #expect(ScalarClass(value) == .separator(0x2D)) }
        for value: UInt32 in [0x27, 0x2019, 0x2018, 0x02BC, 0x60, 0xB4] { #expect(ScalarClass(value) == .separator(0x27)) }
    }

    @Test func controlsDigitsAndInvisibles() {
        #expect(ScalarClass(0x09) == .control)
        #expect(ScalarClass(0x85) == .control)
        #expect(ScalarClass(0x35) == .digit)
        #expect(ScalarClass(0x0663) == .digit)  // Arabic-Indic three
        #expect(ScalarClass(0xFF11) == .digit)  // full-width one
        #expect(ScalarClass(0xAD) == .ignorable)
        #expect(ScalarClass(0x200D) == .ignorable)
        #expect(ScalarClass(0xFEFF) == .ignorable)
    }

    @Test func lettersAndSymbolsAreOther() {
        for value: UInt32 in [0x41, 0x7A, 0xE9, 0x153, 0x416, 0x2E, 0xBC, 0xD800] { #expect(ScalarClass(value) == .other) }
    }
}
