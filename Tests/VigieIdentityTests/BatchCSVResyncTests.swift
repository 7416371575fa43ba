import Foundation
import Testing
import VigieSupport
@testable import VigieIdentity

/// The row splitter after damage (issue #18 §7.5, §7.7): one stray quote costs one row, every row is counted,
/// and no field costs more memory than `BatchCSV.maximumFieldBytes`.
@Suite struct BatchCSVResyncTests {
    static func row(_ n: Int) -> String { "R\(n),MARTIN,ALICE,F,1980-01-01,75056,,\n" }

    /// 41 data rows with an unterminated quote in row 20: before, everything after it was one skipped line
    /// (20 clusters for 41 rows). Now 40 records and one error for row 20, which keeps its id.
    @Test func anUnterminatedQuoteCostsOneRow() throws {
        var text = BatchCSV.header.joined(separator: ",") + "\n"
        for n in 1...41 { text += n == 20 ? "R20,\"MARTIN,ALICE,F,1980-01-01,75056,,\n" : Self.row(n) }
        let (records, errors) = try BatchCSV.read(bytes: Array(text.utf8))
        #expect(records.count == 40)
        #expect(records.map(\.id) == (1...41).filter { $0 != 20 }.map { "R\($0)" })
        #expect(errors == [BatchCSVRowError(line: 21, kind: .unterminatedQuote, id: "R20")])
        // Lines stay right after the damaged row.
        #expect(records.first { $0.id == "R21" }?.line == 22)
        #expect(records.count + errors.count == 41)
    }

    /// A quoted field spanning lines is still read whole when it closes.
    @Test func aClosedMultiLineFieldIsStillOneField() throws {
        let text = "id,birth_name\nA,\"X\nY\"\nB,Z\n"
        let (records, errors) = try BatchCSV.read(bytes: Array(text.utf8))
        #expect(errors.isEmpty)
        #expect(records.map(\.birthName) == ["X\nY", "Z"])
        #expect(records.map(\.line) == [2, 4])
    }

    /// Several unterminated quotes: each costs its own row only.
    @Test func everyRowIsCountedWhateverTheDamage() throws {
        var text = "id,birth_name,first_names\n"
        for n in 1...30 { text += n % 7 == 0 ? "Q\(n),\"broken,ALICE\n" : "Q\(n),MARTIN,ALICE\n" }
        let (records, errors) = try BatchCSV.read(bytes: Array(text.utf8))
        #expect(records.count + errors.count == 30)
        #expect(errors.map(\.id) == [7, 14, 21, 28].map { "Q\($0)" })
    }

    /// A 200 MB field cost 3.1 GB before "trait too long": a field past the bound is an error for its row,
    /// its bytes past the bound are never kept, and the next rows are read.
    @Test func aFieldPastTheBoundIsRefusedWithoutKeepingIt() throws {
        let huge = String(repeating: "A", count: BatchCSV.maximumFieldBytes + 1)
        let text = "id,birth_name\nR1,\(huge)\nR2,\"\(huge)\"\nR3,MARTIN\n"
        let (records, errors) = try BatchCSV.read(bytes: Array(text.utf8))
        #expect(records.map(\.id) == ["R3"])
        #expect(errors == [
            BatchCSVRowError(line: 2, kind: .fieldTooLong(column: 2, limit: BatchCSV.maximumFieldBytes), id: "R1"),
            BatchCSVRowError(line: 3, kind: .fieldTooLong(column: 2, limit: BatchCSV.maximumFieldBytes), id: "R2"),
        ])
    }

    /// Ids are identifiers: a control character is refused (`IdentifierText`), as at every other entry point.
    @Test func anIDWithAControlCharacterIsRefused() throws {
        let text = "id,birth_name\nR\u{1B}[31m1,MARTIN\nR2,DURAND\n"
        let (records, errors) = try BatchCSV.read(bytes: Array(text.utf8))
        #expect(records.map(\.id) == ["R2"])
        #expect(errors == [BatchCSVRowError(line: 2, kind: .invalidID(.controlCharacter(position: 2)))])
    }

    /// A row whose id repeats a readable row's id is not given that id (it would join that record's cluster).
    @Test func aDamagedRowDoesNotTakeAReadableRowsID() throws {
        let text = "id,birth_name\nR1,\"broken\nR1,MARTIN\n"
        let (records, errors) = try BatchCSV.read(bytes: Array(text.utf8))
        #expect(records.map(\.id) == ["R1"])
        #expect(errors.count == 1 && errors[0].id == nil)
    }
}
