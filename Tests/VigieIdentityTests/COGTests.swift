import Foundation
import Testing
@testable import VigieIdentity

/// COG history cases, each read in corpus/cog/mouvements-communes.csv (INSEE COG 2026, see corpus/README.md).
@Suite struct COGTests {
    let cog = COG.shared
    func place(_ code: String) -> BirthPlace { try! BirthPlace(code) }
    func date(_ iso: String) -> BirthDate { try! BirthDate(iso) }

    @Test func communeMergedInto2016CommuneNouvelle() {
        // "32,2016-01-01,COM,01119,0,CORCELLES,…,COM,01080,0,CHAMPDOR CORCELLES"
        let corcelles = place("01119")
        #expect(cog.isValid(corcelles, on: date("1960-05-01")))   // born 1960: keeps the old code
        #expect(cog.isValid(corcelles, on: date("2015-12-31")))
        #expect(!cog.isValid(corcelles, on: date("2016-01-01")))
        #expect(!cog.isCurrent(corcelles))
        #expect(cog.current(corcelles) == [place("01080")])
        #expect(cog.samePlace(corcelles, place("01080")))
        #expect(cog.samePlace(place("01080"), corcelles))
        #expect(cog.name(of: corcelles) == "Corcelles")
        #expect(cog.name(of: place("01080")) == "Champdor-Corcelles")
        // Two old communes merged into the same new one are not the same place.
        #expect(!cog.samePlace(corcelles, place("01015")))
    }

    @Test func associatedThenMerged() {
        // Rignat: associated with Bohas-Meyriat in 1974 (COMA), merged in 2026 ("34,2026-01-01,COMA,01324 → COM,01245").
        #expect(cog.isValid(place("01324"), on: date("1960-00-00")))
        #expect(!cog.isValid(place("01324"), on: date("1980-01-01")))
        #expect(cog.current(place("01324")) == [place("01245")])
    }

    @Test func departmentChanges() {
        // Corsica split on 1976-01-01 ("41,1976-01-01,COM,20001,…,COM,2A001"): never rewrite 2A as 20.
        #expect(cog.isValid(place("20001"), on: date("1975-12-31")))
        #expect(!cog.isValid(place("20001"), on: date("1976-01-01")))
        #expect(cog.isValid(place("2A001"), on: date("1976-01-01")))
        #expect(!cog.isValid(place("2A001"), on: date("1970-06-15")))
        #expect(cog.samePlace(place("20001"), place("2A001")))
        #expect(cog.current(place("20001")) == [place("2A001")])
        // ADRTROIS DOMINIQUE's birth place 2A020 (CNDA test identity) is not a real code: 020 is Aregno, in 2B.
        #expect(!cog.contains(place("2A020")))
        #expect(cog.isValid(place("2B020"), on: date("1980-03-02")))  // CORSE ANTHONY's (CNDA TEST_2.08 cas 1)
        #expect(cog.samePlace(place("20020"), place("2B020")))
        // A partial date spanning the change: valid if valid on any day it may stand for.
        #expect(!cog.isValid(place("20001"), on: date("1976-00-00")))
        #expect(cog.isValid(place("20001"), on: date("1975-00-00")))
        // Île-de-France 1968 ("41,1968-01-01,COM,75001,…ALFORTVILLE,…,COM,94002").
        #expect(cog.current(place("75001")) == [place("94002")])
        #expect(cog.name(of: place("75001")) == "Alfortville")
        #expect(!cog.isValid(place("94002"), on: date("1967-06-01")))
        // Freigné: Maine-et-Loire → Loire-Atlantique and merged the same day (2018): 49144 → 44225 → 44180.
        #expect(cog.current(place("49144")) == [place("44180")])
        #expect(cog.samePlace(place("49144"), place("44180")))
        #expect(!cog.isValid(place("44225"), on: date("2018-01-01")))
    }

    @Test func reEstablishedCommune() {
        // Celles: merged into 15141 (2016-12-01), re-established 2025-01-01.
        let celles = place("15031")
        #expect(cog.isValid(celles, on: date("1990-01-01")))
        #expect(!cog.isValid(celles, on: date("2020-01-01")))
        #expect(cog.isValid(celles, on: date("2025-06-01")))
        #expect(cog.current(celles) == [celles])
    }

    @Test func arrondissementsAndCountries() {
        // Marseille's arrondissements were created on 1946-10-18.
        #expect(cog.isValid(place("13201"), on: date("1950-01-01")))
        #expect(!cog.isValid(place("13201"), on: date("1940-01-01")))
        #expect(cog.isValid(place("13055"), on: date("1940-01-01")))
        // Countries (pays.csv): 99134 Espagne; 99999 is the unknown place, never valid.
        #expect(cog.isValid(place("99134"), on: date("1950-01-01")))
        #expect(cog.name(of: place("99134")) == "Espagne")
        #expect(cog.current(place("99134")) == [place("99134")])
        #expect(!cog.isValid(BirthPlace.unknown, on: date("1950-01-01")))
        #expect(!cog.contains(place("99998")))
        #expect(!cog.isValid(place("00000"), on: date("1950-01-01")))
        #expect(cog.current(place("00000")).isEmpty)
    }

    /// Spot-check of the resource against the CSVs: every code in force and every country is current.
    @Test func everyCurrentCodeAndCountryFromTheCSVs() throws {
        let root = PythonPeer.repositoryRoot.appendingPathComponent("corpus/cog")
        let communes = try String(contentsOf: root.appendingPathComponent("communes.csv"), encoding: .utf8)
        var checked = 0
        for line in communes.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields[0] == "COM" || fields[0] == "ARM" else { continue }
            let code = try BirthPlace(fields[1])
            #expect(cog.isCurrent(code), "\(code)")
            checked += 1
        }
        #expect(checked > 34_000)
        let countries = try String(contentsOf: root.appendingPathComponent("pays.csv"), encoding: .utf8)
        for line in countries.split(whereSeparator: \.isNewline).dropFirst() {
            let code = try BirthPlace(line.prefix(5))
            #expect(cog.isValid(code, on: date("2000-01-01")), "\(code)")
        }
    }

    /// The committed resource is exactly what scripts/build-cog.py makes from corpus/cog.
    @Test func resourceMatchesTheGenerator() throws {
        let output = PythonPeer.temporaryPath("cog.txt")
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard let run = PythonPeer.run(script: "scripts/build-cog.py", arguments: [PythonPeer.repositoryRoot.path, output]) else {
            Issue.record("cannot start python3 — \(PythonPeer.installHint)")
            return
        }
        try #require(run.status == 0, "build-cog.py failed: \(run.stderr)")
        let generated = FileManager.default.contents(atPath: output)
        let committed = FileManager.default.contents(
            atPath: PythonPeer.repositoryRoot.appendingPathComponent("Sources/VigieIdentity/Resources/cog.txt").path)
        #expect(generated != nil && generated == committed, "run scripts/build-cog.py and commit the resource")
    }

    @Test func malformedTablesAreRefused() {
        #expect(throws: COGError.malformed(line: 2)) { try COG(table: Array("# c\n01001;X;0-\n".utf8)) }
        #expect(throws: COGError.malformed(line: 1)) { try COG(table: Array("0100;X;0-0;\n".utf8)) }
        #expect(throws: COGError.empty) { try COG(table: Array("# nothing\n".utf8)) }
        let small = try? COG(table: Array("01001;A;0-19600101;01002\n01002;B;0-0;\n".utf8))
        #expect(small?.current(try! BirthPlace("01001")) == [try! BirthPlace("01002")])
    }
}
