import Foundation
import Testing
import VigieIdentity
@testable import VigieCorpus

/// Each error kind is applied and recorded: on records whose only errors are the kind (plus lost accents or
/// a case change, which folding undoes), the field shows exactly what the kind says.
struct RecordTypingTests {
    static func fold(_ s: String) -> String { NameText.strippingAccents(s).uppercased() }
    static func plain(_ s: String) -> String { fold(s).filter { $0 != " " && $0 != "-" && $0 != "'" } }
    static let cosmetic = ErrorSet([.accentsLost, .caseVariant])

    /// Records carrying `kind` and otherwise only cosmetic errors, with their person.
    static func cases(_ kind: ErrorKind) -> [(RawRecord, SyntheticPerson)] {
        let byID = Fixture.persons(of: Fixture.errorHeavy)
        return Fixture.errorHeavy.records.filter {
            $0.errors.contains(kind) && $0.errors.bits & ~(cosmetic.bits | ErrorSet([kind]).bits) == 0
        }.map { ($0.record, byID[$0.personID]!) }
    }

    @Test(arguments: ErrorKind.allCases)
    func kindIsAppliedAndRecorded(_ kind: ErrorKind) {
        #expect(Fixture.errorHeavy.records.contains { $0.errors.contains(kind) }, "no record carries \(kind.rawValue)")
        let cases = Self.cases(kind)
        // Rare kinds (SAINT names) may have no isolated case; NameVariantsTests covers them directly.
        if kind != .saintVariant { #expect(!cases.isEmpty, "no record carries \(kind.rawValue) alone") }
        for (r, p) in cases {
            let names = p.firstNames.map(Self.fold)
            let date = Array(p.birthDate)
            switch kind {
            case .typo:
                let b = Self.fold(r.birthName) != Self.fold(p.birthName)
                let f = Self.fold(r.firstNames) != names.joined(separator: " ")
                #expect(b != f)
                let (x, y) = b ? (Self.fold(r.birthName), Self.fold(p.birthName)) : (Self.fold(r.firstNames), names.joined(separator: " "))
                #expect(abs(x.count - y.count) <= 1)
            case .phonetic:
                #expect(Self.fold(r.birthName) != Self.fold(p.birthName) || Self.fold(r.firstNames) != names.joined(separator: " "))
            case .accentsLost:
                #expect(!NameText.hasAccent(r.birthName + r.firstNames + r.usedName))
                #expect(NameText.hasAccent(p.birthName + p.firstNames.joined() + (p.usedName ?? "")))
            case .caseVariant:
                #expect((r.birthName + r.firstNames).contains { $0.isLowercase })
            case .compoundSeparator:
                let f: String = Self.fold(r.firstNames)
                let truth: String = names.joined(separator: " ")
                #expect(f != truth)
                let spaced: String = f.replacingOccurrences(of: "-", with: " ")
                #expect(spaced == truth.replacingOccurrences(of: "-", with: " "))
            case .compoundFirstPart:
                #expect(names[0].contains("-"))
                #expect(Self.fold(r.firstNames).split(separator: " ").first.map(String.init) == String(names[0].split(separator: "-")[0]))
            case .otherFirstNamesMissing:
                #expect(names.count > 1 && Self.fold(r.firstNames) == names[0])
            case .usedNameAsBirthName:
                #expect(Self.fold(r.birthName) == Self.fold(p.usedName ?? "?"))
            case .nameInverted:
                #expect(Self.fold(r.birthName) == names[0] && Self.fold(r.firstNames) == Self.fold(p.birthName))
            case .dayMonthSwap:
                #expect(r.birthDate == String(date[0 ..< 5]) + String(date[8 ..< 10]) + "-" + String(date[5 ..< 7]))
            case .dateDigit:
                let diff = zip(r.birthDate, p.birthDate).filter { $0 != $1 }.count
                #expect(diff == 1 && r.birthDate.count == 10)
            case .unknownDateAsJanuaryFirst:
                #expect(r.birthDate.hasSuffix("-01-01") && r.birthDate != p.birthDate)
            case .birthPlaceWrong:
                #expect(!r.birthPlace.isEmpty && r.birthPlace != p.birthPlace)
                #expect(r.birthPlace.prefix(2) == p.birthPlace.prefix(2))
            case .birthPlaceMissing:
                #expect(r.birthPlace.isEmpty)
            case .birthPlaceCurrentCode:
                #expect(r.birthPlace == p.currentBirthPlace && r.birthPlace != p.birthPlace)
            case .particleVariant:
                #expect(Self.fold(r.birthName) != Self.fold(p.birthName))
                #expect(Self.plain(p.birthName).hasSuffix(Self.plain(r.birthName)))
            case .saintVariant:
                var f = Self.fold(r.birthName)
                f = f.replacingOccurrences(of: "STE", with: "SAINTE")
                if !f.contains("SAINT") { f = f.replacingOccurrences(of: "ST", with: "SAINT") }
                #expect(Self.plain(f) == Self.plain(p.birthName) && Self.fold(r.birthName) != Self.fold(p.birthName))
            case .sexWrong:
                #expect(r.sex != p.sexCode && (r.sex == "M" || r.sex == "F"))
            case .maritalMarker:
                let f = Self.fold(r.birthName)
                #expect([" EP ", " EPOUSE ", " NEE ", " VVE "].contains { f.contains($0) })
                #expect(f.contains(Self.fold(p.birthName)) && f.contains(Self.fold(p.usedName ?? "?")))
            case .doubleNamePart:
                let parts = p.doubleNameParts ?? []
                #expect(parts.count == 2)
                let f = Self.fold(r.birthName)
                #expect(f == Self.fold(parts[0]) || f.contains("-"))
            }
        }
    }

    @Test func errorFreeDeskRecordsMatchTheTruth() {
        let byID = Fixture.persons(of: Fixture.population)
        let clean = Fixture.population.records.filter { !$0.isQualified && $0.errors.isEmpty }
        #expect(!clean.isEmpty)
        for g in clean {
            let p = byID[g.personID]!
            #expect(g.record.birthName == p.birthName)
            #expect(g.record.firstNames == p.firstNames.joined(separator: " "))
            #expect(g.record.birthDate == p.birthDate && g.record.birthPlace == p.birthPlace && g.record.sex == p.sexCode)
        }
    }

    @Test func errorsFieldListsKindsInDeclarationOrder() {
        let set = ErrorSet([.sexWrong, .typo, .accentsLost])
        #expect(set.field == "typo;accents-lost;sex-wrong")
        #expect(ErrorSet().field.isEmpty)
    }
}
