import Foundation
import Testing
@testable import VigieMatch

@Suite struct MatchModelTests {
    @Test func builtInIsValidAndOrdered() throws {
        let m = MatchModel.builtIn
        try m.validate()
        for f in MatchField.allCases {
            let levels = f.levels.count
            #expect(m.weight(f, level: 0) == 0)
            #expect(m.weight(f, level: 1) > 0, "exact agreement on \(f) must be evidence for")
            #expect(m.weight(f, level: levels - 1) < 0, "disagreement on \(f) must be evidence against")
        }
    }

    @Test func saveAndLoadRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-model-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var m = MatchModel.builtIn
        m.matchThreshold = 12.5
        try m.save(to: path)
        #expect(try MatchModel.load(contentsOf: path) == m)
    }

    @Test func malformedModelIsATypedError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-bad-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"formatVersion\": 1}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: MatchModelError.malformed(path: path)) { try MatchModel.load(contentsOf: path) }
        var m = MatchModel.builtIn
        m.fields[2].levels[1].m = 0
        #expect(throws: MatchModelError.probability(field: "birth_date", level: "exact")) { try m.validate() }
    }

    @Test func priorFallsWithPopulation() {
        let m = MatchModel.builtIn
        #expect(m.priorLog2Odds(population: 1_000_000) < m.priorLog2Odds(population: 10_000))
    }
}
