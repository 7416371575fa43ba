import Foundation
import Testing

/// Issue #18, "a portable binary": `vigie` copied alone into an empty directory, run from there with no source
/// tree and no build folder beside it. A binary that reached `Bundle.module` would crash ("could not load resource
/// bundle") once `.build` is out of reach; one that read `corpus/` through `#filePath` would fail to generate.
@Suite struct PortableBinaryTests {
    let work: CLIWorkspace
    let copy: VigieBinary
    var original: VigieBinary { work.vigie }
    var directory: URL { work.directory }

    init() throws {
        work = try CLIWorkspace()
        let target = work.directory.appendingPathComponent("vigie")
        try FileManager.default.copyItem(at: work.vigie.url, to: target)
        copy = VigieBinary(url: target)
    }

    /// SwiftPM's resource accessor holds the absolute path of the bundle it falls back to: none may be linked in.
    @Test func theBinaryHoldsNoResourceBundleAccessor() throws {
        let bytes = try Data(contentsOf: copy.url)
        for target in ["VigieIdentity", "VigieINSi", "VigieCorpus"] {
            #expect(bytes.range(of: Data("Vigie_\(target).resources".utf8)) == nil, "\(target) still has a resource bundle")
        }
        // Nothing else to carry: the directory holds the binary alone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["vigie"])
    }

    @Test func normaliseUsesNoResource() throws {
        let run = try copy.run(["normalise"], input: Data("Lætitia\nD’Alembert-Cœur\n".utf8), in: directory)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "LAETITIA\nD'ALEMBERT-COEUR\n")
    }

    /// `ins check` names the birth commune from the COG table (compiled in).
    @Test func insCheckReadsTheCOG() throws {
        let run = try copy.run(["ins", "check", "275126322074974"], in: directory)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("place       63220 (department 63, commune 220: "), "\(run)")
        #expect(!run.stdout.contains("not in the COG"), "\(run)")
    }

    @Test func corpusGenerateAndDedupeNeedNoSourceTree() throws {
        let out = directory.appendingPathComponent("c").path
        let generate = try copy.run(["corpus", "generate", "--persons", "30", "--seed", "7", "--out", out], in: directory)
        #expect(generate.status == 0, "\(generate)")
        // The same bytes as the build-tree binary given the repository's corpus/ explicitly.
        let reference = directory.appendingPathComponent("ref").path
        let fromTree = try original.run([
            "corpus", "generate", "--persons", "30", "--seed", "7", "--out", reference,
            "--data", VigieBinary.root.appendingPathComponent("corpus").path,
        ])
        #expect(fromTree.status == 0, "\(fromTree)")
        for file in ["records.csv", "truth.csv", "errors.csv", "hard-negatives.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file))
            let b = try Data(contentsOf: URL(fileURLWithPath: reference + "/" + file))
            #expect(a == b && !a.isEmpty, "\(file)")
        }
        let dedupe = try copy.run(["dedupe", out + "/records.csv", "--out", directory.appendingPathComponent("d").path], in: directory)
        #expect(dedupe.status == 0, "\(dedupe)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("d/clusters.csv").path))
    }

    @Test func workerAnswersAndTheMockKnowsTheCNDAIdentities() throws {
        let a28 = [
            "MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|1|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8",
            "EVN||20260101120000",
            "PID|1||100^^^CHU-X&000897406&N^PI||MARTIN^ALICE^ALICE^^^^L||19800101|F|||^^^^^^BDL^^75056",
        ].joined(separator: "\r")
        let run = try copy.run(["worker", "--store", "ri.sqlite"], input: Data((a28 + "\n{\"id\":\"s\",\"op\":\"stats\"}\n").utf8), in: directory)
        #expect(run.status == 0, "\(run)")
        let answers = run.stdout.split(separator: "\n")
        #expect(answers.count == 2)
        #expect(answers.first?.contains("MSA|AA|1") == true, "\(run)")
        #expect(answers.last?.contains("\"activeIdentities\":1") == true, "\(run)")
        // The mock loads the CNDA identities (compiled into VigieINSi).
        let mock = try VigieBinary.Server(copy, ["insi-mock", "--port", "0"])
        defer { mock.stop() }
        #expect(Int(mock.firstLine) != nil, "the mock printed \(mock.firstLine)")
    }
}
