import Foundation
import Testing
@testable import VigieText

@Suite struct ICUTransliterationTests {
    static func utf16(_ text: String) -> [UInt16] { Array(text.utf16) }

    @Test func insTransform() {
        let output = ICUTransliteration.insTransform(Self.utf16("Лætitia Straße"))
        #expect(output.map { String(decoding: $0, as: UTF16.self) } == "LAETITIA STRASSE")
    }

    /// Output longer than the first buffer (romanised Han grows several times): the shim asks for more room.
    @Test func growsItsBuffer() {
        let han = String(repeating: "張偉", count: 40)
        let output = ICUTransliteration.insTransform(Self.utf16(han)).map { String(decoding: $0, as: UTF16.self) }
        #expect(output?.hasPrefix("ZHANG WEI ZHANG") == true)
    }

    @Test func latinOnlyTransformKeepsOtherScripts() {
        let output = ICUTransliteration.latinASCIIUpper(Self.utf16("Éva Мария"))
        #expect(output.map { String(decoding: $0, as: UTF16.self) } == "EVA МАРИЯ")
    }

    @Test func reportsTheICUVersion() {
        #expect(ICUTransliteration.version.split(separator: ".").count >= 2)
    }

    /// Each thread uses its own clone of the transliterator: several threads at once give the same results
    /// as one (the dedupe runs on 2 threads, the worker on more).
    @Test func concurrentUseGivesTheSameResults() async {
        let inputs = ["Мария Иванова", "Ελένη Παπαδοπούλου", "Đorđević", "김민준", "Nguyễn Văn An", "محمد"]
        let expected = inputs.map { try? INSForm.referenceNormalise($0) }
        let results = await withTaskGroup(of: [String?].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var last: [String?] = []
                    for _ in 0..<50 { last = inputs.map { try? INSForm.referenceNormalise($0) } }
                    return last
                }
            }
            var all: [[String?]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
        #expect(expected.allSatisfy { $0 != nil })
    }
}
