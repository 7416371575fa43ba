import Testing
import VigieSupport
@testable import VigieHL7

/// Bounds checked while decoding (issue #18 §7.2, §7.7) and identifiers checked where they are read (§7.1).
@Suite struct HL7LimitsTests {
    static let msh = "MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|1|P|2.5"

    /// `\.sp1000\` turned an 18 KB line into 2 MB: refused as soon as the field passes its bound.
    @Test func aFieldDecodesToAtMostItsBound() throws {
        let expanding = String(repeating: "\\.sp1000\\", count: 2_000)
        #expect(throws: HL7ParseError.valueTooLong(HL7ErrorLocation(segmentID: "PID", field: 5), limit: HL7Limits.maximumFieldBytes)) {
            try HL7Message(parsing: Self.msh + "\rPID|1||1^^^X^PI||" + expanding)
        }
        // Just under the bound is decoded as before.
        let fits = String(repeating: "\\.sk1000\\", count: 60)
        let message = try HL7Message(parsing: Self.msh + "\rNTE|1||" + fits)
        #expect(message.first("NTE")?[3].value.utf8.count == 60_000)
    }

    /// Many fields each under the field bound still cannot add up past the message bound.
    @Test func aMessageDecodesToAtMostItsBound() {
        let field = String(repeating: "\\.sk1000\\", count: 60)
        let segment = "NTE|1||" + field
        let text = Self.msh + "\r" + Array(repeating: segment, count: 20).joined(separator: "\r")
        #expect(throws: HL7ParseError.messageTooLong(limit: HL7Limits.maximumMessageBytes)) { try HL7Message(parsing: text) }
    }

    /// MSH holds ST, ID and HD fields: formatting commands there are refused (MSH-10 `\.sp1000\`).
    @Test func formattingCommandsAreRefusedInTheHeader() {
        let text = "MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|C\\.sp1000\\|P|2.5"
        #expect(throws: HL7ParseError.formattingNotAllowed(HL7ErrorLocation(segmentID: "MSH", field: 10, repetition: 1, component: 1, subcomponent: 1))) {
            try HL7Message(parsing: text)
        }
        // Elsewhere they keep their HL7 meaning.
        #expect((try? HL7Message(parsing: Self.msh + "\rNTE|1||a\\.br\\b"))?.first("NTE")?[3].value == "a\nb")
    }

    /// MSH-10 keys idempotency and is logged: a control character there (`\X0A\`) is refused.
    @Test func aControlIDWithAControlCharacterIsRefused() {
        let text = "MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|1\\X0A\\forged|P|2.5"
        #expect(throws: HL7ParseError.invalidIdentifier(HL7ErrorLocation(segmentID: "MSH", field: 10), .controlCharacter(position: 2))) {
            try HL7Message(parsing: text)
        }
    }

    /// PID-3 with thousands of repetitions is refused before any identifier is read.
    @Test func repetitionsAreBounded() throws {
        let many = (1...101).map { "\($0)^^^X^PI" }.joined(separator: "~")
        #expect(throws: HL7ParseError.tooManyRepetitions(HL7ErrorLocation(segmentID: "PID", field: 3), limit: 100)) {
            try HL7Message(parsing: Self.msh + "\rPID|1||" + many)
        }
        let hundred = (1...100).map { "\($0)^^^X^PI" }.joined(separator: "~")
        #expect(try HL7Message(parsing: Self.msh + "\rPID|1||" + hundred).first("PID")?[3].repetitions.count == 100)
    }

    /// `777\X00\nobody` in PID-3, MRG-1 or QPD-3 is refused where it is read, naming the field.
    @Test func identifiersWithControlCharactersAreRefusedWhereTheyAreRead() throws {
        let pid = try #require(try HL7Message(parsing: Self.msh + "\rPID|1||777\\X00\\nobody^^^CHU-X&000897406&N^PI||A^B^B^^^^L||19800101|F").first("PID"))
        #expect(throws: HL7ErrorReport(
            code: .dataTypeError, location: HL7ErrorLocation(segmentID: "PID", field: 3, repetition: 1, component: 1),
            diagnostic: "identifier contains a control character at character 4")) { try PAMPatient(pid: pid) }

        let mrg = try #require(try HL7Message(parsing: Self.msh + "\rMRG|777^^^CHU-X\\X0A\\&000897406&N^PI").first("MRG"))
        #expect(throws: HL7ErrorReport(
            code: .dataTypeError, location: HL7ErrorLocation(segmentID: "MRG", field: 1, repetition: 1, component: 4),
            diagnostic: "identifier contains a control character at character 6")) { try PAMMerge(mrg: mrg) }

        let query = try HL7Message(parsing:
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.3.1^777\\X00\\x")
        #expect(throws: HL7ErrorReport.self) { try PDQQuery(query) }
    }

    /// Q22's PID-7 goes through the same validation as an A28's (`19791332` was answered AA, refused by A28).
    @Test func q22BirthDateIsValidatedLikeA28() throws {
        let query = try HL7Message(parsing:
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.5.1.1^MARTIN~@PID.7.1^19791332")
        #expect(throws: HL7ErrorReport.self) { try PDQQuery(query) }
        let pid = try #require(try HL7Message(parsing: Self.msh + "\rPID|1||1^^^CHU-X&000897406&N^PI||A^B^B^^^^L||19791332|F").first("PID"))
        #expect(throws: HL7ErrorReport.self) { try PAMPatient(pid: pid) }
        let valid = try HL7Message(parsing:
            "MSH|^~\\&|DPI|CHU-X|VIGIE|CHU-X|20260101120000||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|T1|@PID.5.1.1^MARTIN~@PID.7.1^19791231")
        #expect(try PDQQuery(valid).birthDate == "19791231")
    }
}
