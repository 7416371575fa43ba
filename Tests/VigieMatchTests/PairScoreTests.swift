import Testing
import VigieIdentity
@testable import VigieMatch

/// The identity-vigilance rules on hand-built pairs (invented identities), with the built-in model.
@Suite struct PairScoreTests {
    let model = MatchModel.builtIn

    func decide(_ a: PreparedRecord, _ b: PreparedRecord) -> PairScore { score(a, b, model: model, population: 20_000) }

    @Test func identicalRecordsMatch() throws {
        let a = try record("1", "LEROUX", "SOLENE MARIE", "F", "1987-03-14", place: "35238")
        let b = try record("2", "LEROUX", "SOLENE MARIE", "F", "1987-03-14", place: "35238")
        let s = decide(a, b)
        #expect(s.decision == .match)
        #expect(s.explanation.alerts.isEmpty)
    }

    @Test func typoAndSwappedDayMonthStillMatchOrReview() throws {
        let a = try record("1", "LEROUX", "SOLENE", "F", "1987-03-04", place: "35238")
        let b = try record("2", "LEROUX", "SOLENE", "F", "1987-04-03", place: "35238")
        #expect(decide(a, b).decision >= .review)
    }

    @Test func twinsWithDifferentFirstNamesNeverMatch() throws {
        let a = try record("1", "LEROUX", "LUCAS", "M", "2001-06-02", place: "35238")
        let b = try record("2", "LEROUX", "THEO", "M", "2001-06-02", place: "35238")
        let s = decide(a, b)
        #expect(s.decision != .match)
        #expect(s.explanation.contributions.first { $0.field == "first_names" }!.weight < -3)
    }

    @Test func parentAndChildSharingNamesNeverMatch() throws {
        let father = try record("1", "LEROUX", "PIERRE", "M", "1961-02-11", place: "35238")
        let son = try record("2", "LEROUX", "PIERRE", "M", "1989-09-30", place: "35238")
        let s = decide(father, son)
        #expect(s.decision != .match)
        #expect(s.explanation.contributions.first { $0.field == "birth_date" }!.weight < -3)
    }

    @Test func namesakesBornTheSameYearDoNotMatch() throws {
        let a = try record("1", "MARTIN", "MARIE", "F", "1950-04-12", place: "75056")
        let b = try record("2", "MARTIN", "MARIE", "F", "1950-10-28", place: "13055")
        #expect(decide(a, b).decision != .match)
    }

    @Test func onlyTheYearInCommonIsAContradictionEvenWhereAllElseAgrees() throws {
        // Day and month both wrong is no typo: namesakes born the same year in the same town (docs/heldout.md).
        let a = try record("1", "KERGOAT", "YANN", "M", "1950-04-12", place: "29019")
        let b = try record("2", "KERGOAT", "YANN", "M", "1950-10-28", place: "29019")
        let s = decide(a, b)
        #expect(s.explanation.contributions.first { $0.field == "birth_date" }!.level == "same-year")
        #expect(s.decision != .match)
        if s.decision == .review { #expect(s.explanation.alerts.contains("birth-dates-differ")) }
    }

    @Test func twoIndependentContradictionsAreANonMatchUnlessTheINSIsEqual() throws {
        // Namesakes born the same year elsewhere: the date and the place both contradict beyond a typo.
        let a = try record("1", "KERGOAT", "YANN", "M", "1950-04-12", place: "29019")
        let b = try record("2", "KERGOAT", "YANN", "M", "1950-10-28", place: "35238")
        #expect(decide(a, b).decision == .nonMatch)
        // One contradiction alone stays a review: a mistyped place is a desk error as often as not.
        let c = try record("3", "KERGOAT", "YANN", "M", "1950-04-12", place: "35238")
        #expect(decide(a, c).decision == .review)
        // Twins with their own INS: different first names and two INS.
        let d = try record("4", "KERGOAT", "YANN", "M", "1950-04-12", place: "29019", ins: matricule("1500429019001"))
        let e = try record("5", "KERGOAT", "ERWAN", "M", "1950-04-12", place: "29019", ins: matricule("1500429019002"))
        #expect(decide(d, e).decision == .nonMatch)
        // The same two contradictions with one INS: a possible collision, for a human.
        let ins = matricule("1500429019001")
        let f = try record("6", "KERGOAT", "YANN", "M", "1950-04-12", place: "29019", ins: ins)
        let g = try record("7", "KERGOAT", "YANN", "M", "1950-10-28", place: "35238", ins: ins)
        #expect(decide(f, g).decision == .review)
        #expect(decide(f, g).explanation.alerts.contains("ins-collision"))
    }

    @Test func aMissingBirthDateIsNeverAnAutomaticMatchWithoutTheINS() throws {
        // A father and his son of the same names and birthplace: without the son's date, nothing tells them apart.
        let father = try record("1", "ROBERT", "ALEXY", "M", "1985-12-03", place: "84132")
        let son = try record("2", "ROBERT", "ALEXY", "M", "", place: "84132")
        let s = decide(father, son)
        #expect(s.decision == .review)
        #expect(s.explanation.alerts.contains("birth-date-missing"))
        // With the same INS on both, the national identifier decides.
        let ins = matricule("1851284132031")
        let a = try record("3", "ROBERT", "ALEXY", "M", "1985-12-03", place: "84132", ins: ins)
        let b = try record("4", "ROBERT", "ALEXY", "M", "", place: "84132", ins: ins)
        #expect(decide(a, b).decision == .match)
    }

    @Test func sameINSCoherentTraitsMatch() throws {
        let ins = matricule("2870335238012")
        let a = try record("1", "LEROUX", "SOLENE", "F", "1987-03-14", ins: ins)
        let b = try record("2", "LE ROUX", "SOLENNE", "F", "1987-03-14", ins: ins)
        #expect(decide(a, b).decision == .match)
    }

    @Test func sameINSIncoherentTraitsIsACollisionForReview() throws {
        let ins = matricule("2870335238012")
        let a = try record("1", "LEROUX", "SOLENE", "F", "1987-03-14", ins: ins)
        let b = try record("2", "BERTHIER", "MARC", "M", "1954-11-02", ins: ins)
        let s = decide(a, b)
        #expect(s.decision == .review)
        #expect(s.explanation.alerts.contains("ins-collision"))
    }

    @Test func differentINSNeverMatchAutomatically() throws {
        let a = try record("1", "LEROUX", "SOLENE", "F", "1987-03-14", place: "35238", ins: matricule("2870335238012"))
        let b = try record("2", "LEROUX", "SOLENE", "F", "1987-03-14", place: "35238", ins: matricule("2870335238013"))
        let s = decide(a, b)
        #expect(s.decision != .match)
        #expect(s.explanation.alerts.contains("conflicting-ins"))
    }

    @Test func explanationHoldsNoTrait() throws {
        let a = try record("1", "LEROUX", "SOLENE", "F", "1987-03-14", place: "35238")
        let b = try record("2", "LEROUX", "SOLENNE", "F", "1987-03-14", place: "35238")
        let text = decide(a, b).explanation.description
        for trait in ["LEROUX", "SOLENE", "1987", "35238"] { #expect(!text.contains(trait)) }
        #expect(text.contains("birth_name=exact"))
    }

    @Test func rareNameAgreementWeighsMoreThanFrequentName() throws {
        // Term frequencies from a population where MARTIN is frequent and QUELLEC rare.
        var population: [PreparedRecord] = []
        for i in 0..<1500 {
            population.append(try record("p\(i)", i % 10 == 0 ? "MARTIN" : "NOM\(String(repeating: "A", count: i % 7 + 1))X\(i % 300)".filter { $0.isLetter }, "ANNE"))
        }
        population.append(try record("q", "QUELLEC", "ANNE"))
        let tf = TermFrequencies(records: population)
        let common = score(try record("1", "MARTIN", "ANNE"), try record("2", "MARTIN", "ANNE"), model: model, termFrequencies: tf)
        let rare = score(try record("1", "QUELLEC", "ANNE"), try record("2", "QUELLEC", "ANNE"), model: model, termFrequencies: tf)
        #expect(rare.score > common.score)
    }
}
