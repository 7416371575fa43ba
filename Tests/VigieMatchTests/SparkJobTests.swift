import Foundation
import Testing
import VigieIdentity

/// `deploy/spark/vigie-spark` (PySpark, local[2]) against `vigie dedupe --model` on the same file and model:
/// the same clusters and the same pairs, byte for byte. Needs pyspark and Java (`.ci/run` installs pyspark):
/// the test fails without them.
@Suite(.serialized) struct SparkJobTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `.build/debug/vigie`, built with the tests (`swift build --build-tests` builds every product).
    static var binary: URL? {
        [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("vigie"),
            root.appendingPathComponent(".build/debug/vigie"),
        ].first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func sparkJobClustersExactlyAsDedupe() throws {
        let binary = try #require(Self.binary, "build the vigie executable first (swift build --build-tests)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-spark-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let records = directory.appendingPathComponent("records.csv").path
        try BatchCSV.encode(GeneratedCorpus.small.records.map(\.record)).write(toFile: records, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("model.json").path
        let dedupe = directory.appendingPathComponent("dedupe").path
        let spark = directory.appendingPathComponent("spark").path

        #expect(try Self.run(binary.path, ["train", records, "--out", model, "--quiet"]) == 0)
        #expect(try Self.run(binary.path, ["dedupe", records, "--model", model, "--out", dedupe, "--quiet"]) == 0)
        let job = Self.root.appendingPathComponent("deploy/spark/vigie-spark").path
        let status = try Self.run(
            "/usr/bin/env", ["python3", job, records, "--model", model, "--out", spark, "--vigie", binary.path, "--quiet"])
        #expect(status == 0, "the Spark job failed (is pyspark installed? .ci/run installs it)")

        let clusters = try String(contentsOfFile: dedupe + "/clusters.csv", encoding: .utf8)
        let pairs = try String(contentsOfFile: dedupe + "/pairs.csv", encoding: .utf8)
        #expect(clusters.split(separator: "\n").count == GeneratedCorpus.small.records.count + 1)
        #expect(pairs.split(separator: "\n").count > 100, "the corpus has duplicates to find")
        #expect(try String(contentsOfFile: spark + "/clusters.csv", encoding: .utf8) == clusters)
        #expect(try String(contentsOfFile: spark + "/pairs.csv", encoding: .utf8) == pairs)
    }
}
