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

    /// Twins share birth name, date and place; their first names may still share one name (one twin's
    /// second first name is the other's first: a pair seen among the generator's twins, seed 3). One name in
    /// common is then not enough for an automatic merge; the INS still decides.
    @Test func twinSignatureWithOneSharedFirstNameIsReviewed() throws {
        let a = try record("1", "QUELLEC", "ANNICK BRIGITTE", "F", "1967-04-02", place: "66212")
        let b = try record("2", "QUELLEC", "BRIGITTE SOPHIE", "F", "1967-04-02", place: "66212")
        let s = decide(a, b)
        #expect(Comparator.compare(a, b).firstNames == .anyName)
        #expect(s.decision == .review)
        #expect(s.explanation.alerts.contains("possible-twins"))
        // A list that holds every name of the other (cut to the usual first name, or reordered) is the desk's
        // commonest list error, not twins' lists: on the held-out set (docs/heldout.md) it was 288 true pairs
        // against 5 false ones. It is not the twin signature.
        for other in ["BRIGITTE", "BRIGITTE ANNICK"] {
            let nested = try record("4", "QUELLEC", other, "F", "1967-04-02", place: "66212")
            #expect(Comparator.compare(a, nested).firstNameListsNested)
            #expect(!decide(a, nested).explanation.alerts.contains("possible-twins"))
        }
        // The same first names on records born on other days are no twin signature.
        let c = try record("3", "QUELLEC", "BRIGITTE", "F", "1967-04-12", place: "66212")
        #expect(!decide(a, c).explanation.alerts.contains("possible-twins"))
        // The INS tells twins apart: same INS, same person.
        let ins = matricule("2670466212012")
        let a2 = try record("1", "QUELLEC", "ANNICK BRIGITTE", "F", "1967-04-02", place: "66212", ins: ins)
        let b2 = try record("2", "QUELLEC", "BRIGITTE", "F", "1967-04-02", place: "66212", ins: ins)
        #expect(decide(a2, b2).decision == .match)
    }

    /// Two used names with nothing in common (two spouses): another person, or a remarriage; review.
    /// A used name that is a part of the other ("MULLER LATASTE" / "LATASTE") or a typo away is not a conflict.
    @Test func differentUsedNamesAreReviewed() throws {
        let a = try record("1", "MULLER", "MARIE", "F", "1948-08-07", place: "07260", used: "RODRIGUEZ")
        let b = try record("2", "MULLER", "MARIE", "F", "1948-08-07", place: "07260", used: "MULLER LATASTE")
        let s = decide(a, b)
        #expect(s.decision == .review)
        #expect(s.explanation.alerts.contains("used-names-differ"))
        // Not a conflict: a part of a compound, a typo, a sound-alike spelling, or one side without used name.
        // (A typo inside one part of a compound, "MULLER LATASTE" / "LATTASTE", is flagged: review, not lost.)
        for (x, y) in [("MULLER LATASTE", "LATASTE"), ("LATASTE", "LATTASTE"), ("RODRIGUEZ", "RODRIGUES"), ("RODRIGUEZ", "")] {
            let c = try record("3", "MULLER", "MARIE", "F", "1948-08-07", place: "07260", used: x)
            let d = try record("4", "MULLER", "MARIE", "F", "1948-08-07", place: "07260", used: y)
            let t = decide(c, d)
            #expect(t.decision == .match, "\(x) / \(y)")
            #expect(!t.explanation.alerts.contains("used-names-differ"))
        }
    }

    /// Twin signature and first names a letter apart: two first names when both spellings are common in the
    /// population (LENA / LEA: twins of the generator, seed 4, merged before this rule), a typo when one is
    /// rare next to the other (MARIR / MARIE).
    @Test func similarFirstNamesOfTwinsAreReviewedWhenBothAreCommon() throws {
        var population: [PreparedRecord] = []
        for i in 0..<1200 {
            let first = i % 10 == 0 ? "LEA" : (i % 25 == 1 ? "LENA" : (i % 6 == 2 ? "MARIE" : "ANNE"))
            population.append(try record("p\(i)", "NOM", first))
        }
        population.append(try record("typo", "NOM", "MARIR"))
        let tf = TermFrequencies(records: population)
        func pair(_ x: String, _ y: String) throws -> PairScore {
            score(
                try record("1", "QUELLEC", x, "F", "2001-06-02", place: "35238"),
                try record("2", "QUELLEC", y, "F", "2001-06-02", place: "35238"), model: model, population: 20_000,
                termFrequencies: tf)
        }
        let twins = try pair("LENA", "LEA")
        #expect(twins.decision == .review)
        #expect(twins.explanation.alerts.contains("possible-twins"))
        let typo = try pair("MARIR", "MARIE")
        #expect(typo.decision == .match)
        #expect(!typo.explanation.alerts.contains("possible-twins"))
        // Without the twin signature (another birth date) the similar names are no alert of their own.
        let other = score(
            try record("1", "QUELLEC", "LENA", "F", "2001-06-02", place: "35238"),
            try record("2", "QUELLEC", "LEA", "F", "2001-06-12", place: "35238"), model: model, population: 20_000,
            termFrequencies: tf)
        #expect(!other.explanation.alerts.contains("possible-twins"))
    }
}

/// The live index looks up the query's own frequencies once (`Scorer.frequencies(of:in:)`) and passes them to
/// every evaluation: the result must be the one computed without them, on generated pairs that agree and differ.
@Suite struct KnownFrequenciesTests {
    @Test func evaluationIsTheSameWithTheQuerysFrequenciesGivenOrLookedUp() {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.training)
        let tf = TermFrequencies(records: records)
        let scorer = Scorer(model: .builtIn, population: records.count)
        var compared = 0
        var adjusted = 0
        var differences: [String] = []
        // Records with the same birth name (the frequencies apply when names agree), and each with its neighbours.
        let byName = Dictionary(grouping: records.indices, by: { records[$0].birthName?.compact ?? 0 })
        var pairs: [(Int, Int)] = []
        for group in byName.values where group.count > 1 {
            for x in group.prefix(6) { for y in group.prefix(6) where x != y { pairs.append((x, y)) } }
        }
        for i in 0..<(records.count - 1) { pairs.append((i, i + 1)) }
        for (i, j) in pairs {
            let known = scorer.frequencies(of: records[i], in: tf)
            let plain = scorer.evaluate(records[i], records[j], termFrequencies: tf)
            let memo = scorer.evaluate(records[i], records[j], termFrequencies: tf, known: known)
            compared += 1
            if plain.nameAdjustment != 0 || plain.firstAdjustment != 0 { adjusted += 1 }
            if plain.score != memo.score || plain.decision != memo.decision || plain.alerts != memo.alerts
                || plain.nameAdjustment != memo.nameAdjustment || plain.firstAdjustment != memo.firstAdjustment
            {
                differences.append("\(records[i].id)/\(records[j].id)")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
        #expect(compared > 10_000)
        #expect(adjusted > 100)  // the frequencies were used, not only the comparison
    }
}
