import Testing
@testable import VigieHL7

@Suite struct HL7AcknowledgementTests {
    let envelope = HL7Acknowledgement.Envelope(controlID: "ACK1", time: "20260101120000+0000")

    @Test func ackMirrorsTheRequestHeader() throws {
        let request = try HL7Message(parsing: ANSFixture.admission.wireText)
        let ack = HL7Acknowledgement.ack(for: request.header, code: .accept, envelope: envelope)
        #expect(ack.encoded() == "MSH|^~\\&|DPI|CHU-X|GAM|CHU-X|20260101120000+0000||ACK^A01^ACK|ACK1|D|2.5^FRA^2.11|||||FRA|UNICODE UTF-8\rMSA|AA|3975")
    }

    @Test func errSegmentCarriesLocationCodeAndSeverity() {
        let report = HL7ErrorReport(
            code: .requiredFieldMissing, location: HL7ErrorLocation(segmentID: "PID", field: 7), diagnostic: "birth date missing")
        let ack = HL7Acknowledgement.ack(for: nil, code: .error, errors: [report], envelope: envelope)
        #expect(ack.segments.map(\.id) == ["MSH", "MSA", "ERR"])
        #expect(ack.encoded().hasSuffix("MSA|AE|\rERR||PID^1^7^^^|101^Required field missing^HL70357|E|||birth date missing"))
    }

    @Test func codeFollowsTheWorstReport() {
        let warning = HL7ErrorReport(code: .tableValueNotFound, location: nil, severity: .warning, diagnostic: "w")
        let error = HL7ErrorReport(code: .requiredFieldMissing, location: nil, diagnostic: "e")
        let reject = HL7ErrorReport(code: .unsupportedEventCode, location: nil, diagnostic: "r")
        #expect(HL7Acknowledgement.code(for: []) == .accept)
        #expect(HL7Acknowledgement.code(for: [warning]) == .accept)
        #expect(HL7Acknowledgement.code(for: [warning, error]) == .error)
        #expect(HL7Acknowledgement.code(for: [error, reject]) == .reject)
    }

    @Test func queryResponseLayout() throws {
        let request = try HL7Message(parsing: "MSH|^~\\&|APP|FAC|VIGIE|FAC|20240306111154||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|TAG1|@PID.5.1.1^X")
        let rsp = HL7Acknowledgement.queryResponse(
            for: request, code: .accept, status: .found, candidates: [[HL7Segment("PID"), HL7Segment("QRI")]], envelope: envelope)
        #expect(rsp.segments.map(\.id) == ["MSH", "MSA", "QAK", "QPD", "PID", "QRI"])
        #expect(rsp.header[9].first.components.map(\.value) == ["RSP", "K22", "RSP_K21"])
        #expect(rsp.first("QAK")?[1].value == "TAG1")
        #expect(rsp.first("MSA")?[2].value == "Q1")
    }

    @Test func reportsSurviveJSON() throws {
        let report = HL7ErrorReport(
            code: .dataTypeError, location: HL7ErrorLocation(segmentID: "PID", field: 3, repetition: 2, component: 1),
            severity: .warning, diagnostic: "d")
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(HL7ErrorReport.self, from: data) == report)
    }
}

import Foundation
