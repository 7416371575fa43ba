import Testing
import VigieSupport

/// The one identifier check (issue #18 §7.1): `777\0nobody` is never an identifier, whoever reads it.
@Suite struct IdentifierTextTests {
    @Test func controlCharactersAreRefusedWithTheirPosition() {
        #expect(IdentifierText.problem("777\u{0}nobody") == .controlCharacter(position: 4))
        #expect(IdentifierText.problem("\n") == .controlCharacter(position: 1))
        #expect(IdentifierText.problem("a\u{7F}") == .controlCharacter(position: 2))
        #expect(IdentifierText.problem("é\u{9B}") == .controlCharacter(position: 2))
        #expect(throws: IdentifierText.Problem.controlCharacter(position: 2)) { try IdentifierText.check("1\u{1B}") }
    }

    @Test func lengthAndEmptiness() {
        #expect(IdentifierText.problem("") == .empty)
        #expect(IdentifierText.problem("", allowEmpty: true) == nil)
        #expect(IdentifierText.problem(String(repeating: "9", count: 256)) == nil)
        #expect(IdentifierText.problem(String(repeating: "9", count: 257)) == .tooLong(limit: 256))
        #expect(IdentifierText.problem(String(repeating: "é", count: 129)) == .tooLong(limit: 256))  // bytes, not characters
        #expect(IdentifierText.problem("12", maximumLength: 1) == .tooLong(limit: 1))
    }

    @Test func ordinaryIdentifiersPass() {
        for id in ["000003", "1.2.250.1.71.4.2.1", "CHU-X", "V12", "GAM|CHU-X|3975", "Q-é 7"] {
            #expect(IdentifierText.problem(id) == nil, "\(id)")
        }
    }
}
