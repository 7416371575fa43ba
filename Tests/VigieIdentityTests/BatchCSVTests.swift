import Testing
@testable import VigieIdentity

/// The batch contract's CSV reader and writer (DESIGN.md, "Batch input"). Cases are RFC 4180's own
/// (quoted commas, doubled quotes, line breaks inside quotes, CRLF) plus the contract's rules.
@Suite struct BatchCSVTests {
    private func read(_ text: String) throws -> (records: [RawRecord], errors: [BatchCSVRowError]) {
        try BatchCSV.read(bytes: Array(text.utf8))
    }

    @Test func readsTheContractColumnsInAnyOrderAndIgnoresOthers() throws {
        let text = "ins,extra,id,birth_name,first_names,sex,birth_date,birth_place,used_name\n"
            + "297022A02077878,x,r1,ADRTROIS,DOMINIQUE,F,1997-02-26,2A020,\n"
        let (records, errors) = try read(text)
        #expect(errors.isEmpty)
        #expect(records.count == 1)
        let r = try #require(records.first)
        #expect(r.id == "r1")
        #expect(r.birthName == "ADRTROIS")
        #expect(r.firstNames == "DOMINIQUE")
        #expect(r.sex == "F")
        #expect(r.birthDate == "1997-02-26")
        #expect(r.birthPlace == "2A020")
        #expect(r.usedName == "")
        #expect(r.ins == "297022A02077878")
        #expect(r.line == 2)
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let text = "id,birth_name,first_names\r\n\"a,1\",\"D\"\"ARC\",\"JEANNE\nMARIE\"\r\nb,MARTIN,PAUL\r\n"
        let (records, errors) = try read(text)
        #expect(errors.isEmpty)
        #expect(records.map(\.id) == ["a,1", "b"])
        #expect(records[0].birthName == "D\"ARC")
        #expect(records[0].firstNames == "JEANNE\nMARIE")
        // The second record starts on line 4: the quoted line break counts.
        #expect(records[1].line == 4)
    }

    @Test func badRowsAreReportedWithTheirLineAndSkipped() throws {
        let text = "id,birth_name\n"
            + "a,MARTIN\n"  // line 2: fine
            + "b,DUPONT,EXTRA\n"  // line 3: too many fields
            + ",DURAND\n"  // line 4: empty id
            + "a,BERNARD\n"  // line 5: duplicate id
            + "c,PE\"TIT\n"  // line 6: stray quote
            + "d,\"OPEN\n"  // line 7: unterminated quote to the end
        let (records, errors) = try read(text)
        #expect(records.map(\.id) == ["a"])
        #expect(errors.map(\.line) == [3, 4, 5, 6, 7])
        #expect(errors[0].kind == .fieldCount(found: 3, expected: 2))
        #expect(errors[1].kind == .emptyID)
        #expect(errors[2].kind == .duplicateID(firstLine: 2))
        #expect(errors[3].kind == .strayQuote(column: 2))
        #expect(errors[4].kind == .unterminatedQuote)
    }

    @Test func errorDescriptionsNameTheLineButNeverTheValue() throws {
        let (_, errors) = try read("id,birth_name\nz,\"SECRETNAME\"x\n")
        let error = try #require(errors.first)
        #expect(error.description.contains("line 2"))
        #expect(!error.description.contains("SECRETNAME"))
    }

    @Test func invalidUTF8IsARowErrorNotACrash() throws {
        var bytes = Array("id,birth_name\nr1,".utf8)
        bytes += [0xC3, 0x28]  // an invalid two-byte sequence
        bytes += Array("\nr2,OK\n".utf8)
        let (records, errors) = try BatchCSV.read(bytes: bytes)
        #expect(records.map(\.id) == ["r2"])
        #expect(errors.count == 1)
        #expect(errors.first?.line == 2)
    }

    @Test func aFileWithoutAnIDColumnIsRefusedWhole() {
        #expect(throws: BatchCSVError.columns(.missing([.id], required: [.id], found: ["name", "sex"]))) {
            try read("name,sex\nA,M\n")
        }
        #expect(throws: BatchCSVError.missingHeader) { try read("") }
    }

    @Test func byteOrderMarkAndBlankLinesAreTolerated() throws {
        let (records, errors) = try BatchCSV.read(bytes: [0xEF, 0xBB, 0xBF] + Array("id\nr1\n\nr2\n".utf8))
        #expect(errors.isEmpty)
        #expect(records.map(\.id) == ["r1", "r2"])
    }

    @Test func encodeThenReadGivesBackTheSameRecords() throws {
        let records = [
            RawRecord(id: "1", birthName: "D'ARC, DITE \"LA PUCELLE\"", firstNames: "JEANNE", sex: "F",
                      birthDate: "1412-00-00", birthPlace: "88160", line: 2),
            RawRecord(id: "2", birthName: "MARTIN", firstNames: "JEAN-PIERRE PAUL", sex: "M",
                      birthDate: "1960-05-01", birthPlace: "", usedName: "", ins: "160052A00100145", line: 3),
        ]
        let text = BatchCSV.encode(records)
        #expect(text.hasPrefix(BatchCSV.header.joined(separator: ",") + "\n"))
        let (decoded, errors) = try read(text)
        #expect(errors.isEmpty)
        #expect(decoded == records)
    }
}
