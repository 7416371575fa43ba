import Foundation
import Testing

/// Issue #18, "real exports": a French hospital export, as a user has it (`;`, CRLF, French headers, `JJ/MM/AAAA`
/// dates, INS printed in groups), in UTF-8 and in Windows-1252, through `vigie dedupe` and `vigie qualify`.
@Suite struct FrenchExportTests {
    let work: CLIWorkspace
    var vigie: VigieBinary { work.vigie }
    var directory: URL { work.directory }
    init() throws { work = try CLIWorkspace() }

    /// Three public CNDA test identities (Sources/VigieINSi/Resources/cnda-identities.csv, known to the mock), one of
    /// them registered twice (typed in lower case the second time), and a person the mock does not know.
    static let export = [
        "IPP;Nom de naissance;Prénoms;Sexe;Date de naissance;Lieu de naissance;Nom d'usage;Matricule INS",
        "000101;ADRTROIS;DOMINIQUE;F;26/02/1997;2A020;;2 97 02 2A 020 778 78",
        "000102;NESSI;NATHALIE;F;14/07/1977;63220;;",
        "000103;ADRUN;ZOÉ;F;31/12/1975;63220;;",
        "000104;Nessi;Nathalie;F;14/07/1977;63220;;",
        "000105;DÉSIRÉ;HÉLÈNE;F;02/05/1950;75056;MARTIN;",
    ].joined(separator: "\r\n") + "\r\n"

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The export as Windows-1252 bytes (French Excel's "CSV (séparateur: point-virgule)").
    static var windows1252: [UInt8] {
        export.unicodeScalars.map { s -> UInt8 in
            precondition(s.value < 0x100, "Latin-1 only in this fixture")
            return UInt8(s.value)
        }
    }

    func clusters(_ out: String) throws -> [String: String] {
        let text = try String(contentsOfFile: out + "/clusters.csv", encoding: .utf8)
        var map: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            map[f[0]] = f[1]
        }
        return map
    }

    @Test(arguments: ["utf8", "windows-1252"])
    func dedupeReadsEveryRecordOfAFrenchExport(encoding: String) throws {
        let bytes = encoding == "utf8" ? Array(Self.export.utf8) : Self.windows1252
        let records = try write("export-\(encoding).csv", bytes)
        let out = directory.appendingPathComponent("out-\(encoding)").path
        let run = try vigie.run(["dedupe", records, "--out", out])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.contains("columns id=IPP,birth_name=Nom de naissance,first_names=Prénoms,sex=Sexe,"
            + "birth_date=Date de naissance,birth_place=Lieu de naissance,used_name=Nom d'usage,ins=Matricule INS"), "\(run)")
        #expect(!run.stderr.contains("skipped"), "\(run)")
        #expect(run.stderr.contains("5 records"), "\(run)")
        let map = try clusters(out)
        #expect(map.count == 5)
        // The second registration of NESSI NATHALIE joins the first; the others are alone.
        #expect(map["000104"] == map["000102"], "\(map)")
        #expect(Set(map.values).count == 4, "\(map)")
        // No identity trait on stderr.
        for trait in ["ADRTROIS", "NESSI", "NATHALIE", "26/02/1997", "2A020"] { #expect(!run.stderr.contains(trait)) }
    }

    @Test func explicitColumnsMapAnyHeader() throws {
        let text = "NUM_PAT;NOMNAIS;PRENOMS_NAIS;DT_NAIS\n1;MARTIN;ALICE;01/01/1980\n2;MARTIN;ALICE;01/01/1980\n"
        let records = try write("odd.csv", Array(text.utf8))
        let out = directory.appendingPathComponent("odd").path
        let refused = try vigie.run(["dedupe", records, "--out", out, "--quiet"])
        #expect(refused.status == 65, "\(refused)")
        let run = try vigie.run([
            "dedupe", records, "--out", out, "--quiet",
            "--columns", "id=NUM_PAT,birth_name=NOMNAIS,first_names=PRENOMS_NAIS,birth_date=DT_NAIS",
        ])
        #expect(run.status == 0, "\(run)")
        let map = try clusters(out)
        #expect(map["1"] != nil && map["1"] == map["2"])
    }

    @Test func aMisspelledColumnIsNotIgnoredSilently() throws {
        let text = "id,birth_name,frist_names,birth_date\n1,MARTIN,ALICE,1980-01-01\n"
        let records = try write("typo.csv", Array(text.utf8))
        let run = try vigie.run(["dedupe", records, "--out", directory.appendingPathComponent("typo").path, "--quiet"])
        #expect(run.status == 65, "\(run)")  // first_names is required: nothing was read under it
        #expect(run.stderr.contains("first_names"), "\(run)")
        // With a contract column present, a look-alike of an optional one is warned about.
        let optional = "id,birth_name,first_names,birth_date,birth_plcae\n1,MARTIN,ALICE,1980-01-01,75056\n"
        let path = try write("typo2.csv", Array(optional.utf8))
        let warned = try vigie.run(["dedupe", path, "--out", directory.appendingPathComponent("typo2").path, "--quiet"])
        #expect(warned.status == 0, "\(warned)")
        #expect(warned.stderr.contains("warning: column 'birth_plcae' is not read; it looks like birth_place"), "\(warned)")
    }

    @Test func qualifyReadsAFrenchExportAgainstTheMock() throws {
        let mock = try VigieBinary.Server(vigie, ["insi-mock", "--port", "0"])
        defer { mock.stop() }
        let port = try #require(Int(mock.firstLine), "the mock prints its port first")
        let records = try write("export-q.csv", Self.windows1252)
        let out = directory.appendingPathComponent("q").path
        let run = try vigie.run([
            "qualify", records, "--insi", "http://127.0.0.1:\(port)/lps", "--out", out, "--normalise",
        ])
        #expect(run.status == 0, "\(run)")
        let results = try String(contentsOfFile: out + "/results.csv", encoding: .utf8)
        var decision: [String: String] = [:]
        for line in results.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            decision[f[0]] = f[2]
        }
        // Dates written JJ/MM/AAAA are read; the three CNDA identities are found and their INS accepted.
        #expect(decision["000101"] == "accepted", "\(results)")
        #expect(decision["000102"] == "accepted", "\(results)")
        #expect(decision["000103"] == "accepted", "\(results)")
        #expect(decision["000104"] == "accepted", "\(results)")
        #expect(decision["000105"] == "not-found", "\(results)")
    }

    /// Issue #13: `--document-type` applied one document to every row (mass qualification, no check of each
    /// patient's document, RNIV EXI SI 07). It is refused as a usage error that names the columns replacing it.
    @Test func qualifyRefusesTheRemovedBatchWideDocument() throws {
        let records = try write("export-d.csv", Self.windows1252)
        let run = try vigie.run([
            "qualify", records, "--insi", "http://127.0.0.1:9/lps", "--out", directory.appendingPathComponent("d").path,
            "--document-type", "CN",
        ])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("document_type, document_checked_by, document_checked_at"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("d").path))
    }
}
