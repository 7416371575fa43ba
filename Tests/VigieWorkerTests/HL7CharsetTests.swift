import Testing
@testable import VigieWorker

/// PAM FR MSH-18 (`8859/1` or `UNICODE UTF-8`): which lines are read as ISO 8859-1, and the test that spares
/// ASCII lines the search for MSH-18.
@Suite struct HL7CharsetTests {
    @Test func highBytesFoundAtEveryPositionAndLength() {
        for length in 0...40 {
            let ascii = [UInt8](repeating: UInt8(ascii: "A"), count: length)
            #expect(!HL7Charset.hasHighBytes(ascii), "\(length) ASCII bytes")
            for position in 0..<length {
                var line = ascii
                line[position] = 0x80
                #expect(HL7Charset.hasHighBytes(line), "0x80 at \(position) of \(length)")
                line[position] = 0xFF
                #expect(HL7Charset.hasHighBytes(line), "0xFF at \(position) of \(length)")
            }
        }
    }

    @Test func latin1OnlyWhenDeclaredAndNeeded() {
        let declaring = "MSH|^~\\&|GAM|CHU-X|VIGIE|CHU-X|20260101120000||ADT^A28^ADT_A05|1|P|2.5|||||FRA|8859/1\rPID|1||100"
        // ASCII reads the same in both: nothing to transcode, whatever MSH-18 says.
        #expect(HL7Charset.declared(by: Array(declaring.utf8)) == .latin1)
        #expect(HL7Charset.decoding(Array(declaring.utf8)) == .utf8)
        // È as one byte (0xC8): ISO 8859-1 as declared.
        let latin1 = Array(declaring.utf8) + Array("^^^CHU-X^PI||LEF".utf8) + [0xC8] + Array("VRE".utf8)
        #expect(HL7Charset.decoding(latin1) == .latin1)
        // The same bytes without the declaration are UTF-8 (and refused later as invalid UTF-8).
        let undeclared = Array(declaring.replacingOccurrences(of: "8859/1", with: "UNICODE UTF-8").utf8) + [0xC8]
        #expect(HL7Charset.decoding(undeclared) == .utf8)
    }
}
