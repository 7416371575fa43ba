import Foundation
import Testing
import VigieIdentity
import VigieText
@testable import VigieCorpus

struct CorpusGeneratorTests {
    @Test func sameSeedGivesSameBytesWhateverTheThreads() {
        let a = CorpusFiles.encode(Fixture.generator.generate(persons: 400, seed: 77, threads: 1))
        let b = CorpusFiles.encode(Fixture.generator.generate(persons: 400, seed: 77, threads: 4))
        let c = CorpusFiles.encode(Fixture.generator.generate(persons: 400, seed: 78, threads: 2))
        #expect(a.map(\.name) == b.map(\.name))
        #expect(zip(a, b).allSatisfy { $0.bytes == $1.bytes })
        #expect(a[0].bytes != c[0].bytes)
    }

    @Test func exactlyTheRequestedPersonsEachWithRecords() {
        let corpus = Fixture.generator.generate(persons: 501, seed: 5, threads: 2)
        #expect(corpus.persons.count == 501)
        #expect(Set(corpus.persons.map(\.id)).count == 501)
        #expect(Set(corpus.records.map(\.personID)) == Set(corpus.persons.map(\.id)))
        #expect(Set(corpus.records.map(\.record.id)).count == corpus.records.count)
    }

    @Test func shareBornAbroadMatchesTheProfile() {
        let persons = Fixture.population.persons
        let abroad = Double(persons.filter(\.isBornAbroad).count) / Double(persons.count)
        // Profile 11 %; with 20 000 persons the standard deviation is 0.22 %.
        #expect(abs(abroad - Fixture.profile.bornAbroadShare) < 0.01)
    }

    @Test func topSurnameHoldsAboutThreePerMille() {
        let persons = Fixture.population.persons
        var counts: [String: Int] = [:]
        for p in persons { counts[p.birthName, default: 0] += 1 }
        let top = counts.values.max() ?? 0
        let share = Double(top) / Double(persons.count)
        // Calibrated at 0.3 % (about 60 of 20 000, sd ≈ 8; look-alike pairs add a little).
        #expect(share > 0.0015 && share < 0.006)
        #expect(counts["MARTIN", default: 0] >= 30)
    }

    @Test func recordsPerPersonAverageAboutOnePointSeven() {
        let c = Fixture.population
        let mean = Double(c.records.count) / Double(c.persons.count)
        #expect(mean > 1.6 && mean < 1.85)
    }

    @Test func namesCarryFrenchAccentsAndCompoundFirstNames() {
        let persons = Fixture.population.persons
        #expect(persons.contains { $0.firstNames.contains { $0.contains("É") } })
        #expect(persons.contains { $0.firstNames[0].contains("-") })
        #expect(persons.contains { NameText.hasAccent($0.birthName) })
        let counts = Dictionary(grouping: persons, by: \.firstNames.count).mapValues(\.count)
        #expect(Set(counts.keys).isSubset(of: [1, 2, 3]) && counts.count == 3)
    }

    @Test func marriedWomenHaveAUsedNameAndMenNone() {
        let persons = Fixture.population.persons
        #expect(!persons.contains { !$0.isFemale && $0.usedName != nil })
        let women = persons.filter { $0.isFemale && $0.usedName != nil }
        #expect(women.count > persons.count / 10)
    }

    @Test func matriculeIsCoherentWithTheTraitsAndItsKeyValid() throws {
        for p in Fixture.population.persons {
            let m = try Matricule(p.matricule)  // throws on a wrong key
            let traits = StrictTraits(
                birthName: p.birthName, firstNames: p.firstNames, sex: p.isFemale ? .female : .male,
                birthDate: try BirthDate(p.birthDate), birthPlace: try BirthPlace(p.birthPlace))
            #expect(MatriculeCoherence.check(m, against: traits, cog: .shared).isEmpty, "person \(p.id)")
            #expect(m.parts.place.cogCode == p.birthPlace)
        }
    }

    @Test func everyBirthPlaceIsValidOnTheBirthDatePerCOG() throws {
        var invalid: [String] = []
        for p in Fixture.population.persons where !COG.shared.isValid(try BirthPlace(p.birthPlace), on: try BirthDate(p.birthDate)) {
            invalid.append(p.id)
        }
        #expect(invalid.isEmpty, "persons \(invalid.prefix(10))")
        // Today's code of a historical place is in force today and designates the same place.
        for p in Fixture.population.persons {
            guard let current = p.currentBirthPlace else { continue }
            #expect(COG.shared.isCurrent(try BirthPlace(current)))
            #expect(COG.shared.samePlace(try BirthPlace(current), try BirthPlace(p.birthPlace)), "\(p.birthPlace) \(current) \(p.birthDate)")
        }
    }

    @Test func historicalBirthPlacesAreUsed() {
        let persons = Fixture.population.persons
        let historical = persons.filter { $0.currentBirthPlace != nil }
        #expect(!historical.isEmpty)
        // Boulogne-Billancourt was 75012 (Seine) until 1968: never written 92012 for an earlier birth.
        for p in persons where p.birthPlace == "92012" { #expect(p.birthDate >= "1968-01-01") }
    }

    @Test func lookAlikesHoldTheirRelation() throws {
        let c = Fixture.population
        let byID = Fixture.persons(of: c)
        var kinds = Set<HardNegativeKind>()
        for pair in c.hardNegatives {
            let a = try #require(byID[pair.personID])
            let b = try #require(byID[pair.otherPersonID])
            kinds.insert(pair.kind)
            #expect(a.birthName == b.birthName)
            #expect(a.matricule != b.matricule)
            switch pair.kind {
            case .twin:
                #expect(a.birthDate == b.birthDate && a.birthPlace == b.birthPlace)
                #expect(a.firstNames[0] != b.firstNames[0])
            case .parentChild:
                #expect(a.firstNames[0] == b.firstNames[0] && !a.isFemale && !b.isFemale)
                let years = Int(b.birthDate.prefix(4))! - Int(a.birthDate.prefix(4))!
                #expect(years >= 19 && years <= 46)
            case .namesake:
                #expect(a.birthDate == b.birthDate && a.firstNames == b.firstNames && a.isFemale == b.isFemale)
                #expect(a.birthPlace != b.birthPlace)
            }
        }
        #expect(kinds == Set(HardNegativeKind.allCases))
        // Twins: 3 % of persons → about 300 pairs of 20 000 persons.
        let twins = c.hardNegatives.filter { $0.kind == .twin }.count
        #expect(twins > 200 && twins < 400)
    }

    @Test func qualifiedCopiesCarryTheINSAndINSForm() {
        let byID = Fixture.persons(of: Fixture.population)
        let qualified = Fixture.population.records.filter(\.isQualified)
        let share = Double(qualified.count) / Double(Fixture.population.records.count)
        #expect(abs(share - Fixture.profile.qualifiedRecordShare) < 0.02)
        for g in qualified {
            let p = byID[g.personID]!
            #expect(g.record.ins == p.matricule)
            #expect(g.errors.isEmpty)
            #expect(g.record.birthDate == p.birthDate && g.record.birthPlace == p.birthPlace)
            #expect(INSForm.isValid(g.record.birthName))
            #expect(g.record.firstNames.split(separator: " ").allSatisfy { INSForm.isValid($0) })
            #expect(g.record.usedName.isEmpty || INSForm.isValid(g.record.usedName))
        }
        #expect(!Fixture.population.records.contains { !$0.isQualified && !$0.record.ins.isEmpty })
    }
}

struct FirstNameFrequencyTests {
    /// Women born 1951–1960: the list's first line gives the rank limit of common names (corpus/names,
    /// `firstnames.f.1951.txt`); with the damped tail, few women carry a name beyond it.
    @Test func rareFirstNamesStayRare() throws {
        let path = Fixture.directory + "/names/firstnames.f.1951.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        let commonLimit = Int(lines[0].split(separator: " ")[0])!
        let ranks = Dictionary(
            lines[1].split(separator: ",").enumerated().map { (String($0.element).uppercased(), $0.offset) },
            uniquingKeysWith: { a, _ in a })
        let women = Fixture.population.persons.filter { $0.isFemale && $0.birthDate >= "1951" && $0.birthDate < "1961" }
        #expect(women.count > 500)
        let rare = women.filter { (ranks[$0.firstNames[0]] ?? 0) >= commonLimit }.count
        #expect(Double(rare) / Double(women.count) < 0.1)
        #expect(rare > 0)
    }
}
