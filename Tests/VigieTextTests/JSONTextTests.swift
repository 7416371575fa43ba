import Foundation
import Testing

@testable import VigieText

@Suite struct JSONTextTests {
    @Test func escapesWhatRFC8259Requires() {
        #expect(JSONText.quoted("D'ARC \"LA\" \\ /") == #""D'ARC \"LA\" \\ /""#)
        #expect(JSONText.quoted("a\nb\rc\td\u{01}e\u{1F}") == #""a\nb\rc\td\u0001e\u001f""#)
        #expect(JSONText.quoted("ÉLODIE") == "\"ÉLODIE\"")
        #expect(JSONText.quoted("") == "\"\"")
    }

    /// Foundation's parser (the reference) reads back every string exactly, control characters included.
    @Test func foundationReadsBackTheSameString() throws {
        var generator = SplitMix64(seed: 8259)
        for _ in 0..<500 {
            let scalars = (0..<Int(generator.next() % 12)).compactMap { _ -> Unicode.Scalar? in
                let pick = generator.next() % 4
                let value = pick == 0 ? UInt32(generator.next() % 0x20) : pick == 1 ? UInt32(0x22 + generator.next() % 0x3B) : UInt32(0xA0 + generator.next() % 0x2000)
                return Unicode.Scalar(value)
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let data = Data(("[" + JSONText.quoted(text) + "]").utf8)
            let decoded = try JSONSerialization.jsonObject(with: data) as? [String]
            #expect(decoded == [text])
        }
    }
}
