import Testing
import VigieIdentity
@testable import VigieMatch

@Suite struct PreparedRecordTests {
    @Test func emptyFieldsAreMissingNotErrors() throws {
        let r = try PreparedRecord(RawRecord(id: "A1", birthName: "MARTIN"))
        #expect(r.birthDate == nil)
        #expect(r.firstNames == nil)
        #expect(r.birthPlace == nil)
        #expect(!r.hasINS)
    }

    @Test func malformedFieldNamesTheFieldAndLineNeverTheValue() throws {
        let cases: [(RawRecord, RecordError.Field, String)] = [
            (RawRecord(id: "A1", birthName: "MART1N", line: 7), .birthName, "MART1N"),
            (RawRecord(id: "A2", birthName: "MARTIN", birthDate: "17/05/1980", line: 8), .birthDate, "17/05/1980"),
            (RawRecord(id: "A3", birthName: "MARTIN", ins: "2800575056123", line: 9), .ins, "2800575056123"),
            (RawRecord(id: "A4", birthName: "MARTIN", birthPlace: "7", line: 10), .birthPlace, "7"),
        ]
        for (raw, field, value) in cases {
            #expect {
                try PreparedRecord(raw)
            } throws: { error in
                guard let e = error as? RecordError else { return false }
                return e.field == field && e.line == raw.line && e.description.contains("line \(raw.line)")
                    && e.description.contains(field.rawValue) && !e.description.contains(value)
            }
        }
    }

    @Test func compoundNamesAndParticlesAreKeyed() throws {
        let a = try record("1", "DE LA FONTAINE", "JEAN-PIERRE PAUL")
        #expect(a.birthName!.compactBytes == Array("FONTAINE".utf8))
        #expect(a.firstNames!.names.count == 2)
        #expect(a.firstNames!.firstBytes == Array("JEANPIERRE".utf8))
    }

    @Test func aNameWithParticlesMeetsItsGluedSpellingAsAnotherWrittenForm() throws {
        let apart = try record("1", "DE LA FONTAINE", "JEAN")
        let glued = try record("2", "DELAFONTAINE", "JEAN")
        let dropped = try record("3", "FONTAINE", "JEAN")
        // Not the same compact form (a deliberate choice of the comparison levels), but the glued level: the same
        // letters once the particles' spaces are ignored (issue #15, a typo across a particle's space).
        #expect(apart.birthName!.compact != glued.birthName!.compact)
        #expect(Comparator.compare(apart, glued).name == .glued)
        #expect(Comparator.compare(glued, apart).name == .glued)
        #expect(Comparator.compare(apart, dropped).name == .compact)
        #expect(Comparator.compare(try record("4", "D'ARC", "JEANNE"), try record("5", "DARC", "JEANNE")).name == .glued)
        // No particle: nothing added (the compact form already is the whole name).
        #expect(try record("6", "MARTIN-DUPONT", "JEAN").birthName!.alternates.isEmpty)
        #expect(glued.birthName!.alternates.isEmpty)
        #expect(Comparator.compare(try record("7", "DE LA FONTAINE", "JEAN"), try record("8", "DELACROIX", "JEAN")).name != .crossed)
    }
}
