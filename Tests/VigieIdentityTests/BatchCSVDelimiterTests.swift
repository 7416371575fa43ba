import Testing
@testable import VigieIdentity

/// Files as spreadsheets save them: French Excel's `;`, a byte-order mark, CRLF, header names in another case.
@Suite struct BatchCSVDelimiterTests {
    private let rows = [
        RawRecord(id: "r1", birthName: "DUPONT", firstNames: "JEAN, PIERRE", sex: "M", birthDate: "1970-05-12", birthPlace: "75056"),
        RawRecord(id: "r2", birthName: "D'ARC", firstNames: "JEANNE", sex: "F", birthDate: "1912-01-06", usedName: "X;Y"),
    ]

    private func excel(_ separator: String, bom: Bool = true) -> [UInt8] {
        var text = BatchCSV.header.joined(separator: separator) + "\r\n"
        for r in rows {
            text += r.fields.map { $0.contains(separator) || $0.contains(",") ? "\"\($0)\"" : $0 }
                .joined(separator: separator) + "\r\n"
        }
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    @Test func aSemicolonFileIsReadLikeItsCommaTwin() throws {
        #expect(BatchCSV.delimiter(of: excel(";")) == UInt8(ascii: ";"))
        let read = try BatchCSV.read(bytes: excel(";"))
        #expect(read.errors.isEmpty)
        #expect(read.records.map(\.fields) == rows.map(\.fields))
        #expect(read.records.map(\.line) == [2, 3])
        let comma = try BatchCSV.read(bytes: Array(BatchCSV.encode(rows).utf8))
        #expect(comma.records.map(\.fields) == read.records.map(\.fields))
    }

    @Test func aTabFileIsRead() throws {
        let read = try BatchCSV.read(bytes: excel("\t", bom: false))
        #expect(read.records.map(\.fields) == rows.map(\.fields))
    }

    @Test func aCommaFileWithSemicolonsInItsFieldsStaysAComma() throws {
        // The header has commas: semicolons later in the file (in a field) do not change the separator.
        let bytes = Array(BatchCSV.encode(rows).utf8)
        #expect(BatchCSV.delimiter(of: bytes) == UInt8(ascii: ","))
        #expect(try BatchCSV.read(bytes: bytes).records[1].usedName == "X;Y")
    }

    @Test func headerNamesAreMatchedWithoutCaseOrSpaces() throws {
        let text = " ID ; Birth_Name ;FIRST_NAMES\n1;MARTIN;PAUL\n"
        let r = try #require(try BatchCSV.read(bytes: Array(text.utf8)).records.first)
        #expect(r.id == "1" && r.birthName == "MARTIN" && r.firstNames == "PAUL")
    }

    @Test func aFileWithNoSeparatorInItsHeaderStillNeedsAnIDColumn() {
        #expect(throws: BatchCSVError.columns(.missing([.id], required: [.id], found: ["name"]))) {
            try BatchCSV.read(bytes: Array("name\nX\n".utf8))
        }
    }
}

/// Windows-1252 files (French Excel's default CSV): transcoded only when they can mean nothing else.
@Suite struct Windows1252Tests {
    /// "id;birth_name;first_names\r\n1;HÉLÈNE;NOËL\r\n2;D’ARC;CŒUR\r\n" as Windows-1252 bytes.
    private let excel: [UInt8] = Array("id;birth_name;first_names\r\n1;H".utf8) + [0xC9] + Array("L".utf8) + [0xC8]
        + Array("NE;NO".utf8) + [0xCB] + Array("L\r\n2;D".utf8) + [0x92] + Array("ARC;C".utf8) + [0x8C] + Array("UR\r\n".utf8)

    @Test func aWindows1252FileKeepsItsAccentedRows() throws {
        #expect(Windows1252.isWindows1252(excel))
        let read = try BatchCSV.read(bytes: excel)
        #expect(read.errors.isEmpty)
        #expect(read.records.map(\.birthName) == ["HÉLÈNE", "D’ARC"])
        #expect(read.records.map(\.firstNames) == ["NOËL", "CŒUR"])
    }

    @Test func utf8AndMixedOrDamagedFilesAreLeftAlone() {
        let utf8 = Array("id,birth_name\n1,HÉLÈNE\n".utf8)
        #expect(Windows1252.utf8IfWindows1252(utf8) == utf8)
        // One row in UTF-8, one in Windows-1252: ambiguous, the bad row is refused as before.
        let mixed = utf8 + Array("2,H".utf8) + [0xC9] + Array("L\n".utf8)
        #expect(!Windows1252.isWindows1252(mixed))
        // A stray byte between punctuation is damage (BatchCSVTests.invalidUTF8IsARowErrorNotACrash).
        #expect(!Windows1252.isWindows1252(Array("id,n\nr1,".utf8) + [0xC3, 0x28] + Array("\n".utf8)))
        // A byte Windows-1252 does not define.
        #expect(!Windows1252.isWindows1252(Array("id,n\n1,A".utf8) + [0x81] + Array("B\n".utf8)))
    }
}
