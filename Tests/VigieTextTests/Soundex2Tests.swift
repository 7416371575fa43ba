import Testing
@testable import VigieText

@Suite struct Soundex2Tests {
    /// Yomguithereal/talisman `test/phonetics/french/soundex2.js` (all 26 vectors), on the raw inputs.
    @Test(arguments: [
        ("Asamian", "AZMN"), ("Knight", "NG"), ("MacKenzie", "MKNZ"), ("Pfeifer", "FR"), ("Philippe", "FLP"),
        ("Schindler", "SNDL"), ("Chateau", "CHT"), ("Habitat", "HBT"), ("Téhéran", "TRN"), ("Essayer", "ESYR"),
        ("Crayon", "CRYN"), ("Plyne", "PLN"), ("Barad", "BR"), ("Martin", "MRTN"), ("Bernard", "BRNR"),
        ("Faure", "FR"), ("Perez", "PRZ"), ("Gros", "GR"), ("Chapuis", "CHP"), ("Boyer", "BYR"),
        ("Gauthier", "KTR"), ("Rey", "RY"), ("Barthélémy", "BRTL"), ("Henry", "HNR"), ("Moulin", "MLN"),
        ("Rousseau", "RS"),
    ])
    func talismanVectors(_ input: String, _ expected: String) {
        #expect(FrenchPhonetic.soundex2(input) == expected)
    }

    /// talisman's README equality: Faure = Phaure.
    @Test func phIsF() {
        #expect(FrenchPhonetic.soundex2("Faure") == FrenchPhonetic.soundex2("Phaure"))
    }

    /// talisman removes only the first non-letter (`DE LA FONTAINE` → `DL F`, research §3.2, verified); we
    /// remove them all, as equipe22/phonicsFR does.
    @Test func everySeparatorIsRemoved() {
        #expect(FrenchPhonetic.soundex2("DE LA FONTAINE") == "DLFN")
        #expect(FrenchPhonetic.soundex2("JEAN-PIERRE") == "JNPR")  // same as talisman: truncation hides it
    }

    /// Research §8 (Soundex2 column), on INS forms.
    @Test(arguments: [
        ("DUBOIS", "DB"), ("DUPONT", "DPN"), ("LEFEBVRE", "LFBV"), ("LEFEVRE", "LFVR"), ("GAUTIER", "KTR"),
        ("ROUSSOT", "RS"), ("FORT", "FR"), ("MULLER", "MLR"), ("CATHERINE", "KTRN"), ("NATHALIE", "NTL"),
        ("STEPHANE", "STPN"), ("NOEMIE", "NM"), ("DESCHAMPS", "DSCH"), ("SAINT-MARTIN", "SNTM"), ("ST MARTIN", "STMR"),
    ])
    func researchTable(_ input: String, _ expected: String) {
        #expect(FrenchPhonetic.soundex2(input) == expected)
    }

    @Test func emptyInput() {
        #expect(FrenchPhonetic.soundex2("") == "")
    }
}
