import Testing
import VigieIdentity
@testable import VigieHL7

/// The byte writer behind the RSP^K22 answers must write exactly what the segment path encodes.
@Suite struct ER7WriterTests {
    /// The slow path: `PIDEncoder.pid` with PID-2 set, encoded by `ER7Encoder`.
    func slow(_ identity: Identity, _ locals: [(value: String, domain: String)], setID: Int, id: String) -> String {
        var pid = PIDEncoder.pid(identity, localIdentifiers: locals, setID: setID)
        pid[2] = HL7Field(id)
        return HL7Message(segments: [pid]).encoded()
    }

    func fast(_ identity: Identity, _ locals: [(value: String, domain: String)], setID: Int, id: String) -> String {
        var writer = ER7Writer()
        PIDEncoder.write(identity, localIdentifiers: locals, setID: setID, patientID: id, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func identities() throws -> [Identity] {
        let plain = Identity(traits: StrictTraits(
            birthName: "DUPONT", firstNames: ["JEAN", "PIERRE"], sex: .male, birthDate: try BirthDate("1979-03-28"),
            birthPlace: try BirthPlace("63220")))
        var qualified = plain
        qualified.ins = try INS("279035121518989", oid: "1.2.250.1.213.1.4.10")
        qualified.status = .qualified
        qualified.attributes = [.homonymDetected]
        var nia = qualified
        nia.ins = try INS("279035121518989", oid: "1.2.250.1.213.1.4.9")
        nia.usedName = "MARTIN"
        var recovered = qualified
        recovered.status = .recovered
        // Delimiters, an escape character and a control character in values: escaped as ER7Encoder escapes them.
        let awkward = Identity(
            traits: StrictTraits(
                birthName: "D'ARC|DE^LA&ROCHE~\\X", firstNames: ["JEANNE\rMARIE"], sex: .female,
                birthDate: try BirthDate("1912-00-00"), birthPlace: nil),
            usedName: nil, usedFirstName: "JEANNOT")
        let monthOnly = Identity(traits: StrictTraits(
            birthName: "ÉLODIE-ÇA", firstNames: [], sex: .unknown, birthDate: try BirthDate("2001-07-00"), birthPlace: nil))
        let lunar = Identity(traits: StrictTraits(
            birthName: "NGUYEN", firstNames: ["VAN"], sex: .male, birthDate: try BirthDate(lunar: "1950-02-31"),
            birthPlace: try BirthPlace("99223")))
        return [plain, qualified, nia, recovered, awkward, monthOnly, lunar]
    }

    @Test func pidBytesEqualTheSegmentPath() throws {
        let localSets: [[(value: String, domain: String)]] = [
            [], [("000003", "000897406")], [("IPP1", "1.2.250.1.71.4.2.2"), ("A|B", "CHU-X")], [("X", "")],
        ]
        for identity in try identities() {
            for (n, locals) in localSets.enumerated() {
                for id in ["", "RI-42", "a^b"] {
                    #expect(fast(identity, locals, setID: n * 5 + 1, id: id) == slow(identity, locals, setID: n * 5 + 1, id: id))
                }
            }
        }
    }

    @Test func decimalWritesDigits() {
        for number in [0, 7, 10, 99, 1_000, 1_234_567_890, Int.max] {
            var writer = ER7Writer()
            writer.decimal(number)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(number))
        }
    }

    @Test func queryResponseBytesEqualTheMessagePath() throws {
        let requests: [HL7Message?] = [
            try HL7Message(parsing:
                "MSH|^~\\&|APP|FAC|VIGIE|FAC|20240306111154||QBP^Q22^QBP_Q21|Q1|P|2.5^FRA|||||FRA|8859/1\rQPD|IHE PDQ Query|TAG1|@PID.5.1.1^D\\S\\X~@PID.7.1^1979\rRCP|I|10^RD"),
            try HL7Message(parsing: "MSH|^~\\&|APP|FAC&1.2&ISO|||20240306111154||QBP^Q22|Q\\F\\2\rQPD|IHE PDQ Query|T^X|@PID.8^F"),
            try HL7Message(parsing: "MSH|^~\\&|A||^|B|x||QBP^Q22|Q3|T~D|2.4|||||||UNICODE UTF-8"),
            nil,
        ]
        let envelope = HL7Acknowledgement.Envelope(controlID: "ACK1", time: "20260101120000+0000")
        let identity = try identities()[1]
        let pid = PIDEncoder.pid(identity, localIdentifiers: [("000003", "000897406")], setID: 1)
        var qri = HL7Segment("QRI")
        qri[1] = "12.5"
        qri[2] = HL7Field(components: ["match", "", "VIGIE"])
        qri[3] = "vigie Fellegi-Sunter"
        let report = HL7ErrorReport(
            code: .requiredFieldMissing, location: HL7ErrorLocation(segmentID: "QPD", field: 3), diagnostic: "no query parameter")
        for request in requests {
            for (code, status, errors) in [(HL7Acknowledgement.Code.accept, HL7Acknowledgement.QueryStatus.found, [HL7ErrorReport]()),
                                           (.error, .error, [report])] {
                for candidates in [[], [[pid, qri]]] {
                    let slow = HL7Acknowledgement.queryResponse(
                        for: request, code: code, status: status, errors: errors, candidates: candidates, envelope: envelope)
                    let fast = HL7Acknowledgement.queryResponseBytes(
                        for: request, code: code, status: status, errors: errors, envelope: envelope
                    ) { w in
                        for pair in candidates { for segment in pair { w.append(segment) } }
                    }
                    #expect(String(decoding: fast, as: UTF8.self) == slow.encoded())
                }
            }
        }
    }
}
