import Foundation
import Testing
import VigieIdentity
@testable import VigieMatch

/// Switching off a level, a rule or a blocking pass (the per-rule ablation of docs/match.md).
@Suite struct SwitchedOffTests {
    @Test func namesComeFromTheDefinitionsAndRoundTrip() throws {
        let names = SwitchedOff.allNames
        #expect(names.contains("birth_name.same-letters-spaces-ignored"))
        #expect(names.contains("birth_date.day-10-apart"))
        #expect(names.contains("possible-twins") && names.contains("two-contradictions"))
        #expect(names.contains("blocking.date-any-name"))
        #expect(Set(names).count == names.count)
        // Exact levels and disagreement levels cannot be switched off (nothing to fall through to).
        #expect(!names.contains("birth_name.exact") && !names.contains("birth_date.distant"))
        let some = ["birth_date.day-10-apart", "possible-twins", "blocking.ins", "two-contradictions"]
        let off = try SwitchedOff(names: some)
        #expect(Set(off.names) == Set(some))
        #expect(throws: SwitchedOffError.unknown("birth_date.exact")) { try SwitchedOff(names: ["birth_date.exact"]) }
    }

    /// A level switched off falls through to the next one the comparison tests.
    @Test func aLevelSwitchedOffFallsThrough() throws {
        let a = try record("1", "LE GUERN", "ANNE", "F", "1980-05-08")
        let b = try record("2", "L EGUERN", "ANNE", "F", "1980-05-18")
        #expect(Comparator.compare(a, b).name == .glued)
        #expect(Comparator.compare(a, b).birthDate == .dayTen)
        let off = try SwitchedOff(names: ["birth_name.same-letters-spaces-ignored", "birth_date.day-10-apart"])
        let v = Comparator.compare(a, b, off: off)
        #expect(v.name != .glued && v.name != .exact)
        #expect(v.birthDate == .oneDigit)
    }

    /// A rule switched off no longer keeps its pairs from automatic matching; the model saves what is off, and
    /// a model with nothing off writes the same JSON as before (no `switchedOff` key).
    @Test func rulesSwitchedOffAndTheModelFile() throws {
        var model = MatchModel.builtIn
        let scorer = Scorer(model: model, population: 10_000)
        let v = ComparisonVector(name: .exact, firstNames: .exact, birthDate: .missing, birthPlace: .exact, sex: .equal, ins: .missing)
        #expect(scorer.decide(v, score: 30).1.contains(.birthDateMissing))
        model.switchedOff = try SwitchedOff(names: ["birth-date-missing"])
        let decided = Scorer(model: model, population: 10_000).decide(v, score: 30)
        #expect(decided.0 == .match && decided.1.isEmpty)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(!String(decoding: try encoder.encode(MatchModel.builtIn), as: UTF8.self).contains("switchedOff"))
        let saved = try encoder.encode(model)
        #expect(String(decoding: saved, as: UTF8.self).contains("\"switchedOff\":[\"birth-date-missing\"]"))
        #expect(try JSONDecoder().decode(MatchModel.self, from: saved) == model)
    }

    @Test func aPassSwitchedOffMakesNoPair() throws {
        let records = [try record("1", "PAISLEY", "ISIDRO PASCAL", "M"), try record("2", "ISIDRO", "PASCAL PAISLEY", "M")]
        var model = MatchModel.builtIn
        #expect(Deduplicator(model: model).blockingCandidates(records).reaches(.dateAnyName, 0, 1))
        model.switchedOff = try SwitchedOff(names: ["blocking.date-any-name"])
        #expect(Deduplicator(model: model).run(records).blocking.candidatePairs == 0)
    }
}
