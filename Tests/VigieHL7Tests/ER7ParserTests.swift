import Testing
import VigieText
@testable import VigieHL7

@Suite struct ER7ParserTests {
    @Test func customDelimitersAreReadFromMSH() throws {
        let text = "MSH!@#$%!SENDER!!!!!!ADT@A28@ADT_A05!1\rPID!!!A@B#C%D!!X$F$Y"
        let message = try HL7Message(parsing: text)
        #expect(message.delimiters.field == UInt8(ascii: "!"))
        #expect(message.triggerEvent == "A28")
        let pid = try #require(message.first("PID"))
        #expect(pid[3].repetitions.count == 2)
        #expect(pid[3].repetitions[1].component(1).subcomponents == ["C", "D"])
        #expect(pid[5].value == "X!Y")
        #expect(message.encoded() == text)
    }

    @Test func lineFeedsAreToleratedAsSegmentSeparators() throws {
        let message = try HL7Message(parsing: "MSH|^~\\&|A\r\nPID|1\nPV1|1\r")
        #expect(message.segments.map(\.id) == ["MSH", "PID", "PV1"])
    }

    @Test func emptyInput() {
        #expect(throws: HL7ParseError.empty) { try HL7Message(parsing: "\r\r") }
    }

    @Test func messageMustStartWithMSH() {
        #expect(throws: HL7ParseError.missingHeader) { try HL7Message(parsing: "PID|1||123") }
        #expect(throws: HL7ParseError.missingHeader) { try HL7Message(parsing: "MS") }
    }

    @Test(arguments: ["MSH|^~\\", "MSH|^^\\&|", "MSH|^~A&|", "MSH|^~\\&xy|", "MSH| ~\\&|"])
    func invalidDelimiters(_ text: String) {
        #expect(throws: HL7ParseError.invalidDelimiters) { try HL7Message(parsing: text) }
    }

    @Test func invalidSegmentIDNamesItsPosition() {
        #expect(throws: HL7ParseError.invalidSegmentID(segmentIndex: 3)) {
            try HL7Message(parsing: "MSH|^~\\&|A\rPID|1\rpv1|1")
        }
        #expect(throws: HL7ParseError.invalidSegmentID(segmentIndex: 2)) {
            try HL7Message(parsing: "MSH|^~\\&|A\rPIDX|1")
        }
        #expect(throws: HL7ParseError.invalidSegmentID(segmentIndex: 2)) {
            try HL7Message(parsing: "MSH|^~\\&|A\r1ID|1")
        }
    }

    @Test func escapeErrorsCarryTheirHL7Location() {
        // Second NTE, field 3, second repetition, component 2, subcomponent 1.
        let expected = HL7ErrorLocation(
            segmentID: "NTE", segmentSequence: 2, field: 3, repetition: 2, component: 2, subcomponent: 1)
        #expect(throws: HL7ParseError.unterminatedEscape(expected)) {
            try HL7Message(parsing: "MSH|^~\\&|A\rNTE|1||ok\rNTE|2||a~b^c\\F")
        }
        #expect(throws: HL7ParseError.invalidHexEscape(expected)) {
            try HL7Message(parsing: "MSH|^~\\&|A\rNTE|1||ok\rNTE|2||a~b^\\X4\\")
        }
        #expect(throws: HL7ParseError.unsupportedEscape(expected)) {
            try HL7Message(parsing: "MSH|^~\\&|A\rNTE|1||ok\rNTE|2||a~b^\\Z01\\")
        }
    }

    @Test func mshFieldsAreNumberedFromTheFieldSeparator() throws {
        let expected = HL7ErrorLocation(segmentID: "MSH", field: 4, repetition: 1, component: 1, subcomponent: 1)
        #expect(throws: HL7ParseError.unterminatedEscape(expected)) {
            try HL7Message(parsing: "MSH|^~\\&|APP|FAC\\")
        }
    }

    @Test func invalidUTF8IsLocated() {
        var bytes = Array("MSH|^~\\&|A\rPID|1||".utf8)
        bytes += [0x41, 0xC3, 0x28]  // a truncated two-byte sequence
        let expected = HL7ErrorLocation(segmentID: "PID", field: 3, repetition: 1, component: 1, subcomponent: 1)
        #expect(throws: HL7ParseError.invalidUTF8(expected)) { try HL7Message(parsing: bytes) }
        // A \X escape that produces invalid UTF-8 is caught too.
        let hex = HL7ErrorLocation(segmentID: "PID", field: 5, repetition: 1, component: 1, subcomponent: 1)
        #expect(throws: HL7ParseError.invalidUTF8(hex)) { try HL7Message(parsing: "MSH|^~\\&|A\rPID|1||||\\XC3\\") }
    }

    @Test func errorsCarryTable0357Codes() {
        #expect(HL7ParseError.missingHeader.errorCode == .segmentSequenceError)
        #expect(HL7ParseError.invalidDelimiters.errorCode == .dataTypeError)
        #expect(HL7ParseError.invalidDelimiters.location == HL7ErrorLocation(segmentID: "MSH", field: 2))
    }

    @Test func fuzzedInputNeverCrashes() {
        // Seeded mutations of a real message: every outcome is a message or a typed error, never a trap.
        var generator = SplitMix64(seed: 7)
        let base = Array(ANSFixture.consent.wireText.utf8)
        let alphabet: [UInt8] = Array("|^~\\&\r\nX.0A\"".utf8) + [0xC3, 0xA9, 0xFF]
        var parsed = 0
        for _ in 0..<500 {
            var bytes = base
            for _ in 0..<Int(generator.next() % 6 + 1) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                }
            }
            if let message = try? HL7Message(parsing: bytes) {
                parsed += 1
                // Whatever was read encodes to something that reads back the same.
                #expect((try? HL7Message(parsing: message.encodedBytes())) == message)
            }
        }
        #expect(parsed > 0)
    }
}

