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

    @Test func codesInForceAtADate() {
        #expect(cog.codes(for: place("2A001"), on: date("1970-06-15")) == [place("20001")])
        #expect(cog.codes(for: place("20001"), on: date("1990-01-01")) == [place("2A001")])
        #expect(cog.codes(for: place("01080"), on: date("1960-00-00")) == [place("01080"), place("01119")])
        #expect(cog.codes(for: place("01119"), on: date("2020-01-01")) == [place("01080")])
        #expect(cog.codes(for: place("44180"), on: date("2000-01-01")).contains(place("49144")))
        #expect(cog.codes(for: place("99134"), on: date("2000-01-01")) == [place("99134")])
        #expect(cog.codes(for: place("00000"), on: date("2000-01-01")).isEmpty)
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

extension COGTests {
    /// Every change of corpus/cog/mouvements-communes.csv, checked against the table: a commune listed before a
    /// change was valid the day before (unless it got its code that same day), a commune listed after it is
    /// valid on the day (unless merged away that same day), and the "before" code leads to the "after" one.
    @Test func everyChangeOfTheHistoryFile() throws {
        let url = PythonPeer.repositoryRoot.appendingPathComponent("corpus/cog/mouvements-communes.csv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Codes that arrive by a change of code, and codes that leave, per day: the same-day exceptions.
        var arrivals: Set<String> = []
        var departures: Set<String> = []
        for r in rows where r[3] != r[9] {
            arrivals.insert(r[9] + r[1])
            departures.insert(r[3] + r[1])
        }
        func dayBefore(_ iso: String) -> BirthDate {
            let d = date(iso)
            if d.day > 1 { return try! BirthDate(year: d.year, month: d.month, day: d.day - 1) }
            if d.month > 1 {
                return try! BirthDate(year: d.year, month: d.month - 1, day: BirthDate.daysIn(month: d.month - 1, year: d.year))
            }
            return try! BirthDate(year: d.year - 1, month: 12, day: 31)
        }
        var checked = 0
        for r in rows {
            let (mod, day, typeBefore, before, typeAfter, after) = (r[0], r[1], r[2], r[3], r[8], r[9])
            let active: Set<String> = ["COM", "ARM"]
            if active.contains(typeBefore) && !arrivals.contains(before + day) {
                #expect(cog.isValid(place(before), on: dayBefore(day)), "\(mod) \(day) \(before) before")
                checked += 1
            }
            if active.contains(typeAfter) && !(departures.contains(after + day) && after != before) {
                #expect(cog.isValid(place(after), on: date(day)), "\(mod) \(day) \(after) after")
                checked += 1
            }
            if active.contains(typeBefore) && active.contains(typeAfter) && before != after && !["20", "21"].contains(mod) {
                #expect(cog.samePlace(place(before), place(after)), "\(mod) \(day) \(before) -> \(after)")
                checked += 1
            }
        }
        #expect(checked > 15_000)
        #expect(dayBefore("2016-01-01").iso == "2015-12-31" && dayBefore("2016-03-01").iso == "2016-02-29")
    }
}
