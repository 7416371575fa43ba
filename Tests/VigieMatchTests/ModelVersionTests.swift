import Foundation
import Testing
@testable import VigieMatch

/// model.json: versioned, migrated from version 1, refused when newer, byte-reproducible.
@Suite struct ModelVersionTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vigie-\(name)-\(UUID()).json").path
    }

    /// A version-1 file as the previous vigie wrote it: no `rules`, and only the levels it knew.
    func versionOne(dropping dropped: Set<String> = []) throws -> Data {
        let data = try JSONEncoder().encode(MatchModel.builtIn)
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["formatVersion"] = 1
        json["rules"] = nil
        var fields = try #require(json["fields"] as? [[String: Any]])
        for i in fields.indices {
            let levels = try #require(fields[i]["levels"] as? [[String: Any]])
            fields[i]["levels"] = levels.filter { !dropped.contains("\(fields[i]["field"]!)/\($0["level"]!)") }
        }
        json["fields"] = fields
        return try JSONSerialization.data(withJSONObject: json)
    }

    @Test func versionOneIsMigrated() throws {
        let path = temporaryPath("v1")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try versionOne().write(to: URL(fileURLWithPath: path))
        let m = try MatchModel.load(contentsOf: path)
        #expect(m.formatVersion == MatchModel.currentFormatVersion)
        #expect(m.rules == .standard)
        #expect(m.fields == MatchModel.builtIn.fields)
    }

    /// A version-2 file (before the birth name's one-edit level) is migrated: the level gets its built-in m/u.
    @Test func versionTwoWithoutTheNameOneEditLevelIsMigrated() throws {
        let path = temporaryPath("v2")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try JSONEncoder().encode(MatchModel.builtIn)
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["formatVersion"] = 2
        var fields = try #require(json["fields"] as? [[String: Any]])
        let levels = try #require(fields[0]["levels"] as? [[String: Any]])
        fields[0]["levels"] = levels.filter { ($0["level"] as? String) != "one-edit" }
        json["fields"] = fields
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let m = try MatchModel.load(contentsOf: path)
        #expect(m.formatVersion == 3)
        #expect(m.fields == MatchModel.builtIn.fields)
    }

    @Test func newerVersionIsRefusedWithItsNumber() throws {
        let path = temporaryPath("v9")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try JSONEncoder().encode(MatchModel.builtIn)
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["formatVersion"] = 9
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        #expect(throws: MatchModelError.unsupportedVersion(9)) { try MatchModel.load(contentsOf: path) }
        #expect(MatchModelError.unsupportedVersion(9).description.contains("versions 1 to \(MatchModel.currentFormatVersion)"))
    }

    @Test func unknownLevelIsRefusedNotGuessed() throws {
        let path = temporaryPath("v1-unknown")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = String(decoding: try versionOne(), as: UTF8.self)
        text = text.replacingOccurrences(of: "jaro-winkler-0.94", with: "jaro-winkler-0.9")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: MatchModelError.levels(field: "birth_name")) { try MatchModel.load(contentsOf: path) }
    }

    /// EM reads its pattern counts in pattern order: the same counts in another dictionary order (another process,
    /// another insertion order) give the same model, bit for bit.
    @Test func emDoesNotDependOnDictionaryOrder() throws {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.small)
        let key: @Sendable (PreparedRecord) -> UInt64? = { r in r.birthDate.map { UInt64($0.year) } }
        let (patterns, _) = MatchModel.blockedPatterns(records: records, key: key, threads: 2)
        var reordered: [Int: Int] = [:]
        reordered.reserveCapacity(patterns.count * 8)
        for (k, v) in patterns.sorted(by: { $0.key > $1.key }) { reordered[k] = v }
        #expect(Array(reordered.keys) != Array(patterns.keys) || patterns.count < 3)
        let u = MatchField.allCases.map { f in MatchModel.builtIn.fields[f.rawValue].levels.map(\.u) }
        let fields: [MatchField] = [.birthName, .firstNames, .birthPlace, .sex]
        let a = MatchModel.expectationMaximisation(patterns: patterns, fields: fields, start: .builtIn, u: u)
        let b = MatchModel.expectationMaximisation(patterns: reordered, fields: fields, start: .builtIn, u: u)
        #expect(a.m == b.m)
        #expect(a.lambda == b.lambda)
    }

    @Test func trainedModelSavesTheSameBytesTwice() throws {
        let records = GeneratedCorpus.prepared(GeneratedCorpus.small)
        let (p1, p2) = (temporaryPath("t1"), temporaryPath("t2"))
        defer {
            try? FileManager.default.removeItem(atPath: p1)
            try? FileManager.default.removeItem(atPath: p2)
        }
        try MatchModel.trained(on: records, randomPairs: 20_000).save(to: p1)
        try MatchModel.trained(on: records, randomPairs: 20_000).save(to: p2)
        #expect(FileManager.default.contents(atPath: p1) == FileManager.default.contents(atPath: p2))
    }
}
