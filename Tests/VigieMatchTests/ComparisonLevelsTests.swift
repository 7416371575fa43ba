import Testing
import VigieIdentity
@testable import VigieMatch

/// Hand-built pairs, one per comparison level (invented identities).
@Suite struct ComparisonLevelsTests {
    func nameLevel(_ a: PreparedRecord, _ b: PreparedRecord) -> NameLevel { Comparator.compare(a, b).name }

    @Test func birthNameLevels() throws {
        let base = try record("1", "MARTIN", "JEANNE")
        #expect(nameLevel(base, try record("2", "Martin", "JEANNE")) == .exact)
        #expect(nameLevel(try record("1", "LE GALL", "ANNE"), try record("2", "LE-GALL", "ANNE")) == .compact)
        #expect(nameLevel(base, try record("2", "MARTINEAU", "JEANNE")) != .exact)
        #expect(nameLevel(try record("1", "DUPONT-MARTIN", "ANNE"), try record("2", "MARTIN", "ANNE")) == .token)
        #expect(nameLevel(try record("1", "BERNARDINI", "ANNE"), try record("2", "BERNADINI", "ANNE")) == .close)
        #expect(nameLevel(base, try record("2", "LEFEBVRE", "JEANNE")) == .different)
        #expect(nameLevel(base, try record("2", "", "JEANNE")) == .missing)
    }

    @Test func birthNameAgainstUsedNameIsCrossed() throws {
        // A married woman registered once under her birth name, once under her husband's name.
        let birth = try record("1", "DURAND", "CLAIRE", used: "MOREAU")
        let married = try record("2", "MOREAU", "CLAIRE")
        #expect(nameLevel(birth, married) == .crossed)
        #expect(nameLevel(married, birth) == .crossed)
    }

    @Test func nameAndFirstNameSwappedIsInverted() throws {
        let a = try record("1", "ROBERT", "MARTIN", "M")
        let b = try record("2", "MARTIN", "ROBERT", "M")
        let v = Comparator.compare(a, b)
        #expect(v.name == .inverted)
        #expect(v.firstNames == .first)
    }

    @Test func firstNameLevels() throws {
        func level(_ x: String, _ y: String) throws -> FirstNameLevel {
            Comparator.compare(try record("1", "MARTIN", x), try record("2", "MARTIN", y)).firstNames
        }
        #expect(try level("JEAN PIERRE", "JEAN PIERRE") == .exact)
        #expect(try level("JEAN PIERRE", "JEAN") == .first)
        #expect(try level("JEAN-PIERRE", "JEAN PIERRE") == .compound)
        #expect(try level("PIERRE", "JEAN PIERRE") == .anyName)
        #expect(try level("ANNE-MARIE", "MARIE-CLAIRE") == .component)
        #expect(try level("JEAN", "JEAN-PIERRE") == .compoundPart)
        #expect(try level("JEAN GABRIEL", "JEAN-YVES") != .compoundPart)  // twins, not a shortened compound
        #expect(try level("CHRISTOPHE", "CHRISTOHPE") == .close)
        #expect(try level("PAUL", "JACQUES") == .different)
        #expect(try level("", "JACQUES") == .missing)
    }

    @Test func birthDateLevels() throws {
        func level(_ x: String, _ y: String) throws -> DateLevel {
            Comparator.compare(try record("1", "MARTIN", "ANNE", "F", x), try record("2", "MARTIN", "ANNE", "F", y)).birthDate
        }
        #expect(try level("1980-05-17", "1980-05-17") == .exact)
        #expect(try level("1980-05-07", "1980-07-05") == .swapped)
        #expect(try level("1980-05-17", "1980-05-18") == .oneDigit)
        #expect(try level("1980-05-17", "1908-05-17") == .transposed)  // adjacent digits transposed: its own level
        #expect(try level("1980-05-17", "1980-01-01") == .placeholder)
        #expect(try level("1980-05-17", "1980-11-23") == .sameYear)
        #expect(try level("1980-00-00", "1980-05-17") == .partial)
        #expect(try level("1980-05-17", "1975-11-03") == .different)
        #expect(try level("1980-05-17", "1952-11-03") == .distant)
        #expect(try level("", "1952-11-03") == .missing)
    }

    @Test func oneDigitApart() {
        #expect(Comparator.oneDigitApart(19800517, 19800518))
        #expect(Comparator.oneDigitApart(19800517, 19805017))  // adjacent "05" → "50"
        #expect(Comparator.oneDigitApart(19800517, 19700527) == false)  // two digits, not adjacent
        #expect(Comparator.oneDigitApart(19800517, 19800571))
        #expect(Comparator.oneDigitApart(19800517, 19810618) == false)
    }

    @Test func birthPlaceLevels() throws {
        func level(_ x: String, _ y: String) throws -> PlaceLevel {
            Comparator.compare(try record("1", "MARTIN", "ANNE", place: x), try record("2", "MARTIN", "ANNE", place: y)).birthPlace
        }
        #expect(try level("75056", "75056") == .exact)
        #expect(try level("35238", "35047") == .sameDepartment)
        #expect(try level("35238", "13055") == .different)
        #expect(try level("99134", "13055") == .different)
        #expect(try level("", "13055") == .missing)
        #expect(try level("99999", "13055") == .missing)  // unknown place
        // A commune and one of its municipal arrondissements (INSEE COG): the same place at another grain, either
        // way round; two arrondissements of one commune stay two places of one department.
        #expect(try level("75116", "75056") == .history)
        #expect(try level("69123", "69383") == .history)
        #expect(try level("13055", "13208") == .history)
        #expect(try level("75116", "75115") == .sameDepartment)
        #expect(try level("69383", "75056") == .different)
    }

    @Test func sexAndINSLevels() throws {
        let ins1 = matricule("2800575056123")
        let ins2 = matricule("2800575056124")
        let a = try record("1", "MARTIN", "ANNE", "F", ins: ins1)
        #expect(Comparator.compare(a, try record("2", "MARTIN", "ANNE", "F", ins: ins1)).ins == .equal)
        #expect(Comparator.compare(a, try record("2", "MARTIN", "ANNE", "F", ins: ins2)).ins == .different)
        #expect(Comparator.compare(a, try record("2", "MARTIN", "ANNE", "F")).ins == .missing)
        #expect(Comparator.compare(a, try record("2", "MARTIN", "ANNE", "M")).sex == .different)
        #expect(Comparator.compare(a, try record("2", "MARTIN", "ANNE", "")).sex == .missing)
    }

    @Test func patternRoundTrips() {
        let v = ComparisonVector(
            name: .phonetic, firstNames: .compound, birthDate: .swapped, birthPlace: .history, sex: .different, ins: .equal)
        #expect(ComparisonVector(pattern: v.pattern) == v)
    }
}
