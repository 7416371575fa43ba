import Testing
import VigieIdentity
@testable import VigieMatch

/// The rule on first-name lists that agree on the first name and then part ways (invented identities; the
/// pattern is the namesake collision the held-out set of `Benchmarks/heldout/` showed, docs/heldout.md).
extension PairScoreTests {
    @Test func differentLaterNamesCapAnOtherwiseStrongPairAtReview() throws {
        let a = try record("1", "DESMARAIS", "SABRINA CAMILLE", "F", "1991-02-10", place: "90010")
        let b = try record("2", "DESMARAIS", "SABRINA CHLOE", "F", "1991-02-10", place: "90010")
        let s = decide(a, b)
        #expect(s.decision == .review)
        #expect(s.explanation.alerts.contains("later-first-names-differ"))
        // The same pair with the second list cut short is a desk habit, not a contradiction.
        let c = try record("3", "DESMARAIS", "SABRINA", "F", "1991-02-10", place: "90010")
        #expect(decide(a, c).decision == .match)
        #expect(!decide(a, c).explanation.alerts.contains("later-first-names-differ"))
    }

    @Test(arguments: [
        ("AYOUB ALEX", "AYOUB ZLEX"),  // first letter mistyped: one edit
        ("JEAN EUGENE", "JEAN UGENE"),  // a letter dropped
        ("LYDIE GEORGETTE", "LYDIE GRORGETTE"),  // keyboard neighbour
        ("PIERRE ANNE-MARIE", "PIERRE MARIE"),  // a component of a compound
        ("JEAN PAUL LOUIS", "JEAN LOUIS"),  // a middle name left out
        ("EMILY J", "EMILY JENNIFER"),  // a middle initial (pseudopeople's census records write them)
    ])
    func aTypoOrASharedLaterNameIsNoContradiction(_ x: String, _ y: String) throws {
        let a = try record("1", "VASSEUR", x, "M", "1975-07-21", place: "59350")
        let b = try record("2", "VASSEUR", y, "M", "1975-07-21", place: "59350")
        #expect(!Comparator.compare(a, b).laterFirstNamesDiffer)
        #expect(decide(a, b).decision == .match)
    }

    @Test func theINSStillDecidesWhenOnlyTheLaterNamesDiffer() throws {
        let ins = matricule("2910290010123")
        let a = try record("1", "DESMARAIS", "SABRINA CAMILLE", "F", "1991-02-10", place: "90010", ins: ins)
        let b = try record("2", "DESMARAIS", "SABRINA CHLOE", "F", "1991-02-10", place: "90010", ins: ins)
        #expect(decide(a, b).decision == .match)
    }
}
