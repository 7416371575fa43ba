import Testing
@testable import VigieText

@Suite struct FrenchPhoneticTests {
    /// The blocking key keeps together the spelling variants of one French name (research §8 pairs).
    @Test(arguments: [
        ("DUPONT", "DUPOND"), ("LEFEBVRE", "LEFEVRE"), ("GAUTHIER", "GAUTIER"), ("ROUSSEAU", "ROUSSOT"),
        ("CATHERINE", "KATHERINE"), ("NATHALIE", "NATALIE"), ("PHILIPPE", "FILIPE"), ("HENRY", "HENRI"),
        ("DE LA FONTAINE", "FONTAINE"), ("D'ALEMBERT", "ALEMBERT"), ("ST MARTIN", "SAINT-MARTIN"),
        ("VAN DER BERG", "BERG"),
    ])
    func blockingKeyKeepsVariantsTogether(_ a: String, _ b: String) {
        #expect(FrenchPhonetic.blockingKey(a) == FrenchPhonetic.blockingKey(b))
    }

    @Test(arguments: [("MARTIN", "MARTINEZ"), ("DUPONT", "DUMONT"), ("BERNARD", "BERTRAND"), ("PETIT", "PETITJEAN")])
    func blockingKeySeparatesDifferentNames(_ a: String, _ b: String) {
        #expect(FrenchPhonetic.blockingKey(a) != FrenchPhonetic.blockingKey(b))
    }

    @Test func blockingKeyIsPhonexOfTheCore() {
        #expect(FrenchPhonetic.blockingKey("DE LA FONTAINE") == FrenchPhonetic.phonex("FONTAINE"))
        #expect(FrenchPhonetic.blockingKey("ST-MARTIN") == FrenchPhonetic.phonex("SAINTMARTIN"))
        #expect(FrenchPhonetic.blockingKey("") == "")
    }

    /// The byte key of one word is the string key, for every word it accepts; it refuses separators and
    /// non-ASCII bytes.
    @Test func blockingKeyOfAWordEqualsTheStringKey() throws {
        var accepted = 0
        for text in TestSupport.edgeTexts(count: 20_000, seed: 18) + ["", "ST", "STE", "st", "S", "SAINT", "ABCDEFGH"] {
            let bytes = Array(text.utf8)
            guard let key = FrenchPhonetic.blockingKey(word: bytes) else {
                #expect(bytes.contains { $0 >= 0x80 || $0 == 0x20 || $0 == 0x2D || $0 == 0x27 }, "\(text)")
                continue
            }
            accepted += 1
            #expect(String(decoding: key, as: UTF8.self) == FrenchPhonetic.blockingKey(text), "\(text)")
        }
        #expect(accepted > 10_000)
        #expect(try #require(FrenchPhonetic.blockingKey(word: Array("ST".utf8))) == Array(FrenchPhonetic.phonex("SAINT").utf8))
    }
}
