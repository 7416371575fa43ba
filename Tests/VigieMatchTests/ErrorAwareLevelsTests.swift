import Testing
import VigieIdentity
@testable import VigieMatch

/// Levels that know the errors of typed French identities (issue 15 §3; invented identities).
@Suite struct ErrorAwareLevelsTests {
    func v(_ a: PreparedRecord, _ b: PreparedRecord) -> ComparisonVector { Comparator.compare(a, b) }

    /// A typo across a particle's space: the same letters once spaces are ignored, particles kept.
    @Test func particleSpacesAreIgnored() throws {
        let forms = ["L EGUERN", "LE GUERN", "LEGUERN"]
        for x in forms {
            for y in forms where x != y {
                let level = v(try record("1", x, "ANNE"), try record("2", y, "ANNE")).name
                #expect(level == .glued || level == .compact, "\(x) / \(y): \(level)")
            }
        }
        #expect(v(try record("1", "LE GUERN", "ANNE"), try record("2", "LE GALL", "ANNE")).name != .glued)
    }

    /// The first first name typed in the birth-name field, the birth name moved into the first names.
    @Test func shiftedListIsItsOwnLevel() throws {
        let a = try record("1", "PAISLEY", "ISIDRO PASCAL", "M")
        let shifted = try record("2", "ISIDRO", "PASCAL PAISLEY", "M")
        let c = v(a, shifted)
        #expect(c.name == .shifted)
        #expect(c.firstNames == .first)
        #expect(!c.laterFirstNamesDiffer)
        // The full swap keeps its own level.
        #expect(v(a, try record("3", "ISIDRO", "PAISLEY", "M")).name == .inverted)
        // Two persons sharing two first names are not a shift.
        #expect(v(try record("4", "MARTIN", "PAUL LOUIS", "M"), try record("5", "DURAND", "PAUL LOUIS", "M")).name != .shifted)
    }

    /// Only the shifted-list pass pairs such records (the other passes need the first first name or the name).
    @Test func shiftedListsAreBlockedTogether() throws {
        let records = [try record("1", "PAISLEY", "ISIDRO PASCAL", "M"), try record("2", "ISIDRO", "PASCAL PAISLEY", "M")]
        let candidates = Deduplicator(model: .builtIn).blockingCandidates(records)
        #expect(candidates.reaches(.dateAnyName, 0, 1))
        for pass in BlockingPass.allCases where pass != .dateAnyName { #expect(!candidates.reaches(pass, 0, 1), "\(pass)") }
    }

    @Test func dateSlipsAreLevelsOfTheirOwn() throws {
        func level(_ x: String, _ y: String) throws -> DateLevel {
            v(try record("1", "MARTIN", "ANNE", "F", x), try record("2", "MARTIN", "ANNE", "F", y)).birthDate
        }
        #expect(try level("1980-05-08", "1980-05-18") == .dayTen)
        #expect(try level("1975-05-17", "1985-05-17") == .yearTen)
        #expect(try level("1999-05-17", "2009-05-17") == .yearTen)  // not one digit, still a tens-key slip
        #expect(try level("1980-05-17", "1908-05-17") == .transposed)
        // A transposed day (a day above 35 is no date at all, issue #18 §7.6, so 17/71 is not a case).
        #expect(try level("1980-05-12", "1980-05-21") == .transposed)
        #expect(try level("1980-05-17", "1980-05-19") == .oneDigit)
        #expect(try level("1980-05-17", "1980-01-01") == .placeholder)
        #expect(try level("1980-05-17", "1980-11-23") == .sameYear)
        // Each has its own m/u in the model.
        let m = MatchModel.builtIn
        for l in [DateLevel.dayTen, .yearTen, .transposed, .oneDigit, .placeholder] {
            #expect(m.weight(.birthDate, level: Int(l.rawValue)) > 0, "\(l.label)")
        }
    }

    /// One edit in a rare spelling is a typo; between two common spellings, or without frequencies to tell,
    /// it is two first names.
    @Test func oneEditFirstNameNeedsARareSpelling() throws {
        let a = try record("1", "MARTIN", "ELLA", "F", place: "75056")
        let b = try record("2", "MARTIN", "ELMA", "F", place: "75056")
        let c = v(a, b)
        #expect(c.firstNames == .oneEdit)
        let scorer = Scorer(model: .builtIn, population: 20_000)
        let score = 30.0
        let typo = scorer.decide(c, score: score, twoFirstNames: false, rareSpelling: true)
        #expect(!typo.1.contains(.firstNamesDiffer))
        #expect(typo.0 == .match)
        let unknown = scorer.decide(c, score: score)
        #expect(unknown.0 == .review && unknown.1.contains(.firstNamesDiffer))
        let twoNames = scorer.decide(c, score: score, twoFirstNames: true, rareSpelling: false)
        #expect(twoNames.0 != .match)
    }

    /// Birth name and first name swapped, with a slip on a side (two errors in one pair): still the swap level.
    @Test func swappedNamesWithATypoAreInverted() throws {
        let a = try record("1", "ELIOF", "PEYGNE", "M", "2007-06-11")
        let b = try record("2", "PEIGNE", "ELIOT", "M", "2007-06-11")
        #expect(v(a, b).name == .inverted)
        // Two slips on one side are not a swap.
        #expect(v(try record("3", "ELIOF", "PEYGNA", "M"), try record("4", "PEIGNE", "ELIOT", "M")).name != .inverted)
        // Short names are a letter away from too many others: no typo allowed.
        #expect(v(try record("5", "LEA", "ROUX"), try record("6", "ROUX", "LEO")).name != .inverted)
    }

    /// Birth names one edit apart below the Jaro–Winkler levels (short names, a typo near the start, a digit
    /// for a letter) are their own level; scored as agreement only when one spelling is rare next to the other.
    @Test func oneEditBirthNameNeedsARareSpelling() throws {
        let a = try record("1", "DAY", "LOU", "F", place: "75056")
        let b = try record("2", "DAU", "LOU", "F", place: "75056")
        let c = v(a, b)
        #expect(c.name == .oneEdit)
        #expect(v(try record("3", "PRETRE", "LOU"), try record("4", "PTETRE", "LOU")).name == .oneEdit)
        // Two edits are still different names.
        #expect(v(try record("5", "DAY", "LOU"), try record("6", "DUX", "LOU")).name == .different)
        let scorer = Scorer(model: .builtIn, population: 20_000)
        let typo = scorer.decide(c, score: 30, rareNameSpelling: true)
        #expect(!typo.1.contains(.birthNamesDiffer))
        #expect(typo.0 == .match)
        let unknown = scorer.decide(c, score: 30)
        #expect(unknown.0 == .review && unknown.1.contains(.birthNamesDiffer))
        #expect(MatchModel.builtIn.weight(.birthName, level: Int(NameLevel.oneEdit.rawValue)) > 0)
    }

    func letters(_ i: Int) -> String {
        var n = i
        var s = "NOM"
        repeat {
            s.append(Character(UnicodeScalar(UInt8(65 + n % 26))))
            n /= 26
        } while n > 0
        return s
    }

    /// With the file's frequencies: a spelling never seen beside a common one is read as its typo.
    @Test func frequenciesTellATypoFromAName() throws {
        var records: [PreparedRecord] = []
        for i in 0..<1_200 {
            let first = i % 10 == 0 ? "THOMAS" : (i % 10 == 1 ? "ELLA" : (i % 10 == 2 ? "ELSA" : "JEAN"))
            records.append(try record("R\(i)", letters(i), first, "M", "19\(50 + i % 40)-0\(1 + i % 9)-1\(i % 10)"))
        }
        let tf = TermFrequencies(records: records)
        let scorer = Scorer(model: .builtIn, population: records.count)
        let typo = scorer.evaluate(
            try record("a", "MARTIN", "ELLA", "F", place: "75056"), try record("b", "MARTIN", "ELMA", "F", place: "75056"),
            termFrequencies: tf)
        #expect(typo.vector.firstNames == .oneEdit && !typo.alerts.contains(.firstNamesDiffer))
        let sisters = scorer.evaluate(
            try record("c", "MARTIN", "ELLA", "F", place: "75056"), try record("d", "MARTIN", "ELSA", "F", place: "75056"),
            termFrequencies: tf)
        #expect(sisters.decision != .match)
    }
}
