import Testing
@testable import VigieText

@Suite struct UTF8FastPathTests {
    static func run(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { buffer in
                switch UTF8FastPath.normalise(utf8, into: buffer.baseAddress!) {
                case .done(let count): return "done " + String(decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: count), as: UTF8.self)
                case .needsICU: return "icu"
                case .invalidUTF8: return "invalid"
                case .failure(let error): return "error \(error == .digit(offset: 6) ? "digit 6" : error.description)"
                }
            }
        }
    }

    @Test func decodesOneTwoThreeAndFourByteSequences() {
        #expect(Self.run("Cœur d’Ébène") == "done COEUR D'EBENE")      // 1, 2 and 3 bytes
        #expect(Self.run("JEAN\u{2014}PIERRE") == "done JEAN-PIERRE")   // 3-byte dash
        #expect(Self.run("MARTIN\u{1D7CE}") == "error digit 6") // 4-byte mathematical digit zero
        #expect(Self.run("ANNA 😀") == "icu")                            // 4-byte symbol: ICU decides
        #expect(Self.run("Ǆ") == "icu")                                  // U+01C4: beyond the table
    }

    /// Malformed sequences are handed back, never decoded past the end of the buffer (Unicode §3.9, Table 3-7).
    @Test func malformedUTF8IsHandedBack() {
        let cases: [[UInt8]] = [[0x41, 0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0x80], [0xC1, 0xBF],
                                [0xE0, 0x9F, 0xBF], [0xED, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                [0xF8, 0x80, 0x80, 0x80], [0xC3, 0x41]]
        for bytes in cases {
            let outcome = bytes.withUnsafeBufferPointer { utf8 in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { buffer -> Bool in
                    if case .invalidUTF8 = UTF8FastPath.normalise(utf8, into: buffer.baseAddress!) { return true }
                    return false
                }
            }
            #expect(outcome, "\(bytes)")
        }
    }

    /// The codes are the table and the scalar classes, nothing else.
    @Test func codesFollowScalarClassAndLatinTable() {
        for value in UInt32(0)..<LatinTable.limit {
            let code = UTF8FastPath.codes[Int(value)]
            switch ScalarClass(value) {
            case .other: #expect(code == LatinTable.entries[Int(value)])
            case .control: #expect(code == 1)
            case .digit: #expect(code == 2)
            case .ignorable: #expect(code == 3)
            case .separator(let byte): #expect(code == (byte == 0x20 ? 4 : byte == 0x2D ? 5 : 6))
            }
        }
    }

    @Test func outputNeverOutgrowsTheInput() {
        for text in ["ŉŉŉ", "ß", "Æ", "' ' '", "ÞÞ"] {
            let result = Self.run(text)
            #expect(result.hasPrefix("done"))
            #expect(result.utf8.count - 5 <= text.utf8.count)
        }
    }
}
