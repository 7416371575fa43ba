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
}
