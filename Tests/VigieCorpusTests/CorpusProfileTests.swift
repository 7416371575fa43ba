import Foundation
import Testing
@testable import VigieCorpus

struct CorpusProfileTests {
    @Test func theRepositoryProfileLoadsAndListsEveryKind() throws {
        let p = try CorpusProfile.load(contentsOf: Fixture.directory + "/profile.json")
        #expect(Set(p.errors.map(\.kind)) == Set(ErrorKind.allCases))
        #expect(p.bornAbroadShare == 0.11)
    }

    @Test func aMissingKindOrAnOutOfRangeRateIsNamed() throws {
        var p = Fixture.profile
        p.errors.removeAll { $0.kind == .typo }
        #expect(throws: CorpusProfileError.missingErrorKind("typo")) { try p.validate() }
        var q = Fixture.profile
        q.bornAbroadShare = 1.5
        #expect(throws: CorpusProfileError.outOfRange(field: "bornAbroadShare")) { try q.validate() }
        var r = Fixture.profile
        r.errors.append(.init(kind: .phonetic, rate: 0.1))
        #expect(throws: CorpusProfileError.duplicateErrorKind("phonetic")) { try r.validate() }
    }

    @Test func malformedJSONNamesTheField() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-profile-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(#"{"referenceDate": "2026-01-01"}"#.utf8))
        #expect(throws: CorpusProfileError.self) { try CorpusProfile.load(contentsOf: path) }
        do {
            _ = try CorpusProfile.load(contentsOf: path)
        } catch {
            #expect(error.description.contains("missing field"))
        }
        #expect(throws: CorpusProfileError.unreadable(path: path + ".absent")) {
            try CorpusProfile.load(contentsOf: path + ".absent")
        }
    }

    @Test func unknownCountryIsRejectedAtLoad() {
        var p = Fixture.profile
        p.countries.append(.init(code: "99998", weight: 1))
        #expect(throws: CorpusDataError.unknownCountry("99998")) {
            try CorpusData.load(directory: Fixture.directory, profile: p)
        }
    }
}
