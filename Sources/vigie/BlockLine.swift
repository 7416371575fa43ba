import Vigie

/// The lines `vigie keys` writes and `vigie score-blocks` reads (docs/spark.md).
///
/// A record travels as `ORDINAL,id,birth_name,…,ins`: its position in the batch file (blocks are paired in file
/// order, as `vigie dedupe` pairs them) then the contract's eight fields, one RFC 4180 row, with backslash,
/// tab, CR and LF written `\\`, `\t`, `\r`, `\n` so that a record is one tab-free field. `keys` writes
/// `KEY<TAB>RECORD` per blocking key (16 hex digits); a block is `KEY<TAB>RECORD<TAB>RECORD…`.
enum BlockLine {
    static func appendRecord(ordinal: Int, _ raw: RawRecord, to out: inout [UInt8]) {
        var row: [UInt8] = Array(String(ordinal).utf8)
        for f in raw.fields {
            row.append(0x2C)
            CSVOutput.appendField(f, to: &row)
        }
        for b in row {
            switch b {
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            default: out.append(b)
            }
        }
    }

    static func appendKey(_ key: UInt64, to out: inout [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int((key >> UInt64(shift)) & 0xF)]) }
    }

    /// Why a block line cannot be read (position only: a record's fields are identity traits).
    struct Malformed: Error, CustomStringConvertible {
        var field: Int
        var description: String { "field \(field) of the block line is not an escaped record row" }
    }

    /// One record field of a block line back to its ordinal and record.
    static func record<S: Collection>(_ escaped: S, field: Int) throws(Malformed) -> (ordinal: Int, raw: RawRecord)
    where S.Element == UInt8 {
        var row: [UInt8] = []
        row.reserveCapacity(escaped.count)
        var pending = false
        for b in escaped {
            if pending {
                switch b {
                case UInt8(ascii: "t"): row.append(0x09)
                case UInt8(ascii: "r"): row.append(0x0D)
                case UInt8(ascii: "n"): row.append(0x0A)
                case 0x5C: row.append(0x5C)
                default: throw Malformed(field: field)
                }
                pending = false
            } else if b == 0x5C {
                pending = true
            } else {
                row.append(b)
            }
        }
        let parsed = BatchCSV.parseRows(bytes: row)
        guard pending == false, parsed.errors.isEmpty, parsed.rows.count == 1, parsed.rows[0].fields.count == 9,
            let ordinal = Int(parsed.rows[0].fields[0])
        else { throw Malformed(field: field) }
        let f = parsed.rows[0].fields
        return (
            ordinal,
            RawRecord(
                id: f[1], birthName: f[2], firstNames: f[3], sex: f[4], birthDate: f[5], birthPlace: f[6],
                usedName: f[7], ins: f[8])
        )
    }
}
