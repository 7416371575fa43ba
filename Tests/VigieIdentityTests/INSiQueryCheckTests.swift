import Testing
@testable import VigieIdentity

/// CNDA INSi test identities (research file §2.6; CharlieLamatte/SAPA InsApiControllerTest.java,
/// padoa/tlsi-ins fixtures).
@Suite struct INSiQueryCheckTests {
    static func traits(_ name: String, _ firstNames: [String], _ sex: Sex = .male) -> StrictTraits {
        StrictTraits(birthName: name, firstNames: firstNames, sex: sex, birthDate: try! BirthDate("1987-01-01"), birthPlace: nil)
    }

    @Test func cndaTwoZeroThreeCaseThreeIsRefusedLocally() {
        // D’ÆION / CŒUR: typographic apostrophe and ligatures are invalid, INSi must not be called.
        #expect(throws: INSiQueryError.birthNameNotINSForm) { try Self.traits("D’ÆION", ["CŒUR"]).checkForINSiQuery() }
        #expect(throws: INSiQueryError.firstNameNotINSForm(index: 0)) { try Self.traits("D'AEION", ["CŒUR"]).checkForINSiQuery() }
        #expect(throws: Never.self) { try Self.traits("D'AEION", ["COEUR"]).checkForINSiQuery() }
    }

    @Test func otherCNDAQueriesPass() {
        #expect(throws: Never.self) { try Self.traits("D'ARTAGNAN DE L'HERAULT", ["PIERRE-ALAIN"]).checkForINSiQuery() }  // 2.03 cas 1
        #expect(throws: Never.self) { try Self.traits("ECETINSI", ["PIERRE-ALAIN", "MURIEL", "FLORIANT"]).checkForINSiQuery() }
        #expect(throws: INSiQueryError.firstNameNotINSForm(index: 1)) {
            try Self.traits("HOUILLES", ["PIERRE", "PAUL JACQUES"]).checkForINSiQuery()
        }
        #expect(throws: INSiQueryError.noFirstName) { try Self.traits("ADRUN", []).checkForINSiQuery() }
        #expect(throws: INSiQueryError.sexUnknown) { try Self.traits("ADRUN", ["ZOE"], .unknown).checkForINSiQuery() }
        #expect(throws: INSiQueryError.birthNameNotINSForm) { try Self.traits("adrun", ["ZOE"]).checkForINSiQuery() }
    }
}
