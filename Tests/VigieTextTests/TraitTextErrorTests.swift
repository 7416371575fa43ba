import Testing
@testable import VigieText

@Suite struct TraitTextErrorTests {
    /// No identity trait in error descriptions: what the input was never appears, only where and why.
    @Test func descriptionsNeverCarryTheText() {
        let inputs = ["MARTIN2", "DUPONT (NEE X)", "JE\tAN", String(repeating: "Z", count: 150), "", "Ω1"]
        for input in inputs {
            do {
                _ = try INSForm.normalise(input)
                Issue.record("\(input.count) characters should have failed")
            } catch {
                let description = error.description
                #expect(!description.contains("MARTIN") && !description.contains("DUPONT") && !description.contains("JE"))
                #expect(!description.contains("ZZ") && !description.contains("Ω"))
            }
        }
    }

    @Test func descriptionsCountCharactersFromOne() {
        #expect(TraitTextError.digit(offset: 0).description.contains("character 1"))
        #expect(TraitTextError.controlCharacter(offset: 4).description.contains("character 5"))
        #expect(TraitTextError.unsupportedCharacter(offset: 9).description.contains("character 10"))
        #expect(TraitTextError.tooLong(length: 120, limit: 100).description.contains("120"))
        #expect(TraitTextError.empty.description.contains("empty"))
    }
}
