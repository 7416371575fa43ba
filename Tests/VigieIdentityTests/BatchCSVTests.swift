import Foundation
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

    /// Unquoted fields are read in place; quoted ones through the byte loop. The same rows written both ways
    /// (every field quoted) read the same, errors included (invalid UTF-8, a field over the limit, blank lines).
    @Test func unquotedFieldsReadAsTheirQuotedForm() throws {
        let long = String(repeating: "A", count: BatchCSV.maximumFieldBytes + 1)
        let edge = String(repeating: "B", count: BatchCSV.maximumFieldBytes)
        let rows: [[[UInt8]]] = [
            [Array("1".utf8), Array("MARTIN".utf8), Array("Éloïse".utf8), Array("F".utf8)],
            [Array("2".utf8), [], [0xC3, 0x28], Array("M".utf8)],
            [Array("3".utf8), Array(long.utf8), Array("JEAN".utf8), []],
            [Array("4".utf8), Array(edge.utf8), Array("ANNE MARIE".utf8), Array("F".utf8)],
            [Array("5".utf8)],
            [[]],
            [Array("6".utf8), Array("D'ALEMBERT".utf8), Array("LOUIS".utf8), Array("M".utf8)],
        ]
        func file(quoted: Bool, end: [UInt8]) -> [UInt8] {
            var bytes = Array("id,birth_name,first_names,sex".utf8) + end
            for row in rows {
                for (k, field) in row.enumerated() {
                    if k > 0 { bytes.append(0x2C) }
                    bytes += quoted ? [0x22] + field + [0x22] : field
                }
                bytes += end
            }
            return bytes
        }
        for end: [UInt8] in [[0x0A], [0x0D, 0x0A], [0x0D]] {
            let plain = BatchCSV.parseRows(bytes: file(quoted: false, end: end))
            let quoted = BatchCSV.parseRows(bytes: file(quoted: true, end: end))
            #expect(plain.rows == quoted.rows)
            #expect(plain.errors == quoted.errors)
            #expect(plain.rows.count == 6 && plain.errors.count == 2)  // the header is a row
        }
    }

    /// The review page's reader gives exactly the full reader's records at the lines asked, with LF, CRLF or
    /// lone CR line ends, a byte-order mark, blank lines, and (through the full read) quoted line breaks.
    @Test func recordsAtLinesEqualTheFullReadFiltered() throws {
        let body = ["id;birth_name;first_names;sex;birth_date", "1;MARTIN;ELOISE;F;1980-01-02", "", "2;DUPONT;JEAN;M;1970-05-06",
                    "3;LE GALL;ANNE;F;1990-00-00", "1;DUPLICATE;X;M;2000-01-01", "4;NOËL;MARC;M;1960-12-31"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-lines-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let variants: [[UInt8]] = [
            Array(body.joined(separator: "\n").utf8),
            Array((body.joined(separator: "\r\n") + "\r\n").utf8),
            [0xEF, 0xBB, 0xBF] + Array(body.joined(separator: "\r").utf8),
            Array((body + ["5;\"DE\nLA\";PAUL;M;1950-01-01", "6;ROUX;ZOE;F;2001-02-03"]).joined(separator: "\n").utf8),
        ]
        for (k, bytes) in variants.enumerated() {
            let path = directory.appendingPathComponent("\(k).csv").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            let all = try BatchCSV.read(contentsOf: path, columns: [:], required: [.id]).records
            // Lines of records only (the contract): a line the full read refuses (a repeated id) is not asked for.
            let lines = all.map(\.line)
            for wanted: Set<Int> in [Set(lines.prefix(2)), Set(lines.suffix(2)), Set(lines.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)), Set(lines)] {
                let some = try BatchCSV.records(contentsOf: path, columns: [:], required: [.id], lines: wanted)
                #expect(some == all.filter { wanted.contains($0.line) }, "variant \(k), lines \(wanted.sorted())")
            }
        }
    }

    /// A file without quotes is split into slices read in parallel: the same rows, lines and errors as one
    /// piece, whatever the number of slices, with LF, CRLF and lone CR ends, blank lines, bad rows and a BOM.
    @Test func parallelSlicesReadAsOnePiece() {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,birth_name,first_names\n".utf8)
        var k = 0
        while bytes.count < (1 << 20) + 50_000 {
            k += 1
            bytes += Array("\(k),NAME\(k % 97),JEAN".utf8)
            if k % 501 == 0 { bytes += [0xC3, 0x28] }  // invalid UTF-8: a bad row
            if k % 777 == 0 { bytes += Array(",EXTRA".utf8) }
            bytes += k % 3 == 0 ? [0x0D, 0x0A] : k % 5 == 0 ? [0x0D] : k % 7 == 0 ? [0x0A, 0x0A] : [0x0A]
        }
        let one = BatchCSV.splitRows(bytes: bytes, delimiter: 0x2C)
        for slices in [2, 3, 8] {
            let parallel = BatchCSV.splitRowsInParallel(bytes: bytes, delimiter: 0x2C, slices: slices)
            #expect(parallel.rows == one.rows, "\(slices) slices")
            #expect(parallel.damaged.map(\.error) == one.damaged.map(\.error))
            #expect(parallel.damaged.map(\.fields) == one.damaged.map(\.fields))
        }
        #expect(one.damaged.count > 100 && one.rows.count > 50_000)
    }
}
