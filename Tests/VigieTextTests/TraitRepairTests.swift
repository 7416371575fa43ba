import Testing
@testable import VigieText

/// The lenient reading of names for matching: the strict reader stays the judge of every repaired text.
@Suite struct TraitRepairTests {
    private func name(_ text: String) -> TraitRepair.Repaired<NameForm>? {
        TraitRepair.repair(text) { (t) throws(TraitTextError) in try NameForm(t) }
    }

    @Test func aDigitIsReadAsItsLookAlikeLetterAndFlagged() throws {
        // The strict reader refuses it (the INS rules): this is what made `vigie dedupe` skip the record.
        #expect(throws: TraitTextError.digit(offset: 3)) { try NameForm("DUP0NT") }
        let r = try #require(name("DUP0NT"))
        #expect(r.value.insForm == "DUPONT")
        #expect(r.digitsRead)
        #expect(!r.charactersRemoved)
        #expect(try #require(name("8URATTI")).value.insForm == "BURATTI")
        #expect(try #require(name("MART1N")).value.insForm == "MARTIN")
    }

    @Test func symbolsAndControlsBecomeSeparators() throws {
        let r = try #require(name("MARTIN\u{1}*"))
        #expect(r.value.insForm == "MARTIN")
        #expect(r.charactersRemoved)
        #expect(!r.digitsRead)
        let tab = try #require(TraitRepair.repair("JEAN\tPIERRE") { (t) throws(TraitTextError) in try FirstNames(t) })
        #expect(tab.value.names == ["JEAN", "PIERRE"])
    }

    @Test func aTextMadeOfDigitsOrNothingIsNotAName() {
        #expect(name("123") == nil)
        #expect(name("  ") == nil)
        #expect(name("*") == nil)
    }

    @Test func aValidNameIsReturnedUntouched() throws {
        let r = try #require(name("De la Fontaine"))
        #expect(r.value == (try NameForm("De la Fontaine")))
        #expect(!r.digitsRead && !r.charactersRemoved)
    }
}
