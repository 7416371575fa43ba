import Foundation
import Testing
import VigieIdentity
@testable import VigieMatch

/// Lenient preparation (`vigie dedupe`): a malformed field degrades, the record is still matched, a warning
/// names line, record and field but never the value; the strict path (worker, INSi) still refuses.
@Suite struct LenientPreparationTests {
    private func lenient(_ raw: RawRecord) throws -> (PreparedRecord, [PreparationWarning]) {
        var warnings: [PreparationWarning] = []
        let r = try PreparedRecord(raw, leniency: .lenient, warnings: &warnings)
        return (r, warnings)
    }

    private let clean = RawRecord(
        id: "C", birthName: "DUPONT", firstNames: "JEAN PIERRE", sex: "M", birthDate: "1970-05-12",
        birthPlace: "75056", line: 2)

    private func with(_ change: (inout RawRecord) -> Void) -> RawRecord {
        var r = clean
        r.id = "D"
        r.line = 9
        change(&r)
        return r
    }

    /// The probe file of the brief (tests fixture `lenient-probe.csv`): every record the strict reader
    /// skipped is kept, with one warning naming its field.
    @Test func theProbeFileLosesNoRecord() throws {
        let url = try #require(Bundle.module.url(forResource: "lenient-probe", withExtension: "csv", subdirectory: "Fixtures"))
        let raws = try BatchCSV.read(contentsOf: url.path).records
        #expect(raws.count == 24)
        let strict = PreparedRecord.prepare(raws, threads: 2)
        #expect(Set(strict.errors.map(\.id)) == ["P4", "P5", "P6", "P7", "P11", "P21", "P24"])
        let batch = PreparedRecord.prepare(raws, threads: 2, leniency: .lenient)
        #expect(batch.errors.isEmpty)
        #expect(batch.records.map(\.id) == raws.map(\.id))  // input order kept across threads
        var fields: [String: Set<String>] = [:]
        for w in batch.warnings { fields[w.id, default: []].insert("\(w.field.rawValue) \(w.kind.rawValue)") }
        #expect(fields["P4"] == ["birth_place place-repaired"])
        #expect(fields["P5"] == ["ins dropped"])
        #expect(fields["P6"] == ["ins dropped"])  // same mistyped matricule, in groups: its key still fails
        #expect(fields["P7"] == ["birth_name digits-read-as-letters"])
        #expect(fields["P11"] == ["birth_date date-reformatted"])
        #expect(fields["P21"] == ["birth_date date-reformatted"])
        #expect(fields["P24"] == ["ins dropped"])
        #expect(fields["P3"] == ["sex sex-mapped"])
        #expect(fields["P12"] == ["sex sex-mapped"])
        #expect(fields["P20"] == ["sex sex-mapped"])
        #expect(batch.degradedRecords == fields.count)
        // No value in any warning: the raw fields of the warned records never appear in the text.
        let byID = Dictionary(uniqueKeysWithValues: raws.map { ($0.id, $0) })
        for w in batch.warnings {
            let raw = try #require(byID[w.id])
            for value in [raw.birthName, raw.birthDate, raw.birthPlace, raw.ins] where value.count >= 4 {
                #expect(!w.description.contains(value), "\(w.field)")
            }
            #expect(w.description.contains("line \(raw.line)") && w.description.contains(w.field.rawValue))
        }
    }

    @Test func aMistypedINSIsMissingNeverEqualNorConflicting() throws {
        let good = matricule("1700575056123")
        let other = matricule("1700575056124")
        var typo = Array(good)
        typo[10] = typo[10] == "9" ? "0" : "9"
        let a = try record("A", "DUPONT", "JEAN", "M", "1970-05-12", ins: other)
        let (b, w) = try lenient(with { $0.ins = String(typo) })
        #expect(!b.hasINS)
        #expect(w.map(\.kind) == [.dropped])
        #expect(!w[0].description.contains(String(typo.suffix(2))))  // the key is part of the value
        #expect(Comparator.compare(a, b).ins == .missing)  // a conflicting INS would have forbidden the merge
        // Strict callers (the worker answers AE) still refuse it.
        #expect(throws: RecordError.self) { try PreparedRecord(with { $0.ins = String(typo) }) }
    }

    @Test func anINSInGroupsIsTheSameINS() throws {
        let good = matricule("1700575056123")
        let spaced = [good.prefix(1), good.dropFirst(1).prefix(2), good.dropFirst(3).prefix(2), good.dropFirst(5).prefix(5),
                      good.dropFirst(10).prefix(3), good.suffix(2)].joined(separator: " ")
        let a = try record("A", "DUPONT", "JEAN", "M", "1970-05-12", ins: good)
        let (b, w) = try lenient(with { $0.ins = spaced })
        #expect(w.map(\.kind) == [.insSeparatorsRemoved])
        #expect(Comparator.compare(a, b).ins == .equal)
        #expect(throws: RecordError.self) { try PreparedRecord(with { $0.ins = spaced }) }
    }

    /// Issue #18: an INS in groups whose key fails was reported as "21 characters, expected 15".
    @Test func anINSInGroupsWithAWrongKeyIsReportedAsAWrongKey() throws {
        let good = matricule("1700575056123")
        let badKey = good.suffix(2) == "00" ? "01" : "00"
        let spaced = "1 70 05 75 056 123 " + badKey
        let (b, w) = try lenient(with { $0.ins = spaced })
        #expect(!b.hasINS)
        #expect(w.map(\.kind) == [.dropped])
        #expect(w[0].reason == "matricule: the key does not match the number")
        #expect(!w[0].description.contains("21"))
    }

    @Test func aNameWithGuessedLettersIsComparedBySoundNeverExactly() throws {
        let a = try PreparedRecord(clean)
        let (b, w) = try lenient(with { $0.birthName = "DUP0NT"; $0.firstNames = "JEAN P1ERRE" })
        #expect(Set(w.map(\.kind)) == [.digitsReadAsLetters])
        let v = Comparator.compare(a, b)
        #expect(v.name == .phonetic)
        #expect(v.firstNames != .exact && v.firstNames != .first && v.firstNames != .different)
        // Same blocking keys as the typed name: the pair is still found.
        #expect(a.birthName!.phonetic == b.birthName!.phonetic)
        #expect(a.birthName!.initial == b.birthName!.initial)
        // Two records with the same guess agree with each other.
        let (c, _) = try lenient(with { $0.id = "E"; $0.birthName = "DUP0NT" })
        #expect(Comparator.compare(b, c).name == .exact)
    }

    @Test func aSwappedImpossibleDateKeepsItsDigitsForTheSwappedLevel() throws {
        let a = try PreparedRecord(clean)
        // A lunar date is a valid trait (INSi returns some): no warning, and the swap is recognised.
        let (b, w) = try lenient(with { $0.birthDate = "1970-12-05" })
        #expect(w.isEmpty)
        #expect(Comparator.compare(a, b).birthDate == .swapped)
        let (c, w2) = try lenient(with { $0.birthDate = "1970-13-05"; $0.id = "E" })
        #expect(w2.isEmpty)
        let d = try PreparedRecord(with { $0.birthDate = "1970-05-13" })
        #expect(Comparator.compare(c, d).birthDate == .swapped)
        let (e, w3) = try lenient(with { $0.birthDate = "13/05/1970"; $0.id = "F" })
        #expect(w3.map(\.kind) == [.dateReformatted])
        #expect(Comparator.compare(e, d).birthDate == .exact)
    }

    @Test func anUnreadableDateOrPlaceIsMissing() throws {
        let a = try PreparedRecord(clean)
        let (b, w) = try lenient(with { $0.birthDate = "12/05/70"; $0.birthPlace = "PARIS" })
        #expect(Set(w.map(\.field)) == [.birthDate, .birthPlace])
        #expect(w.allSatisfy { $0.kind == .dropped })
        let v = Comparator.compare(a, b)
        #expect(v.birthDate == .missing && v.birthPlace == .missing)
        #expect(v.name == .exact)
    }

    @Test func aRecordWithNoNameLeftIsRefusedEvenLeniently() throws {
        #expect(throws: RecordError.self) { try lenient(with { $0.birthName = "123"; $0.firstNames = "" }) }
        // A first name alone is something to match on.
        let (r, w) = try lenient(with { $0.birthName = "***" })
        #expect(r.birthName == nil && r.firstNames != nil)
        #expect(w.map(\.kind) == [.dropped])
    }

    @Test func lenientAndStrictAgreeOnCleanRecords() throws {
        let strict = try PreparedRecord(clean)
        let (relaxed, w) = try lenient(clean)
        #expect(w.isEmpty)
        let v = Comparator.compare(strict, relaxed)
        #expect(v.name == .exact && v.firstNames == .exact && v.birthDate == .exact && v.birthPlace == .exact)
    }

    @Test func aRelativesMatriculeIsMissingButADateSlipKeepsTheINS() throws {
        // A child born in 2008 registered with a parent's matricule (born 1970, key valid). (Born in 2010, 10 against
        // 70 would be one digit apart, read as a slip: such a child keeps the INS, and the pair goes to review.)
        let parents = matricule("1700575056123")
        let child = with { $0.birthDate = "2008-03-04"; $0.ins = parents }
        let (c, w) = try lenient(child)
        #expect(!c.hasINS)
        #expect(w.map(\.kind) == [.insIncoherent])
        #expect(!w[0].description.contains("70"))
        let parent = try PreparedRecord(with { $0.id = "P"; $0.ins = parents })
        #expect(Comparator.compare(parent, c).ins == .missing)  // no "same INS" for two people
        // The strict reader does not judge coherence (MatriculeCoherence's business): the worker keeps it.
        #expect(try PreparedRecord(child).hasINS)
        // One digit off (1970 typed 1971, or 1907): the INS stays, the date is the likelier typo.
        for typed in ["1971-05-12", "1907-05-12"] {
            let (r, w2) = try lenient(with { $0.birthDate = typed; $0.ins = parents })
            #expect(r.hasINS && w2.isEmpty, "\(typed)")
        }
    }
}
