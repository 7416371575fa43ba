import Testing
import VigieIntegration

/// The labels of the MLLP metrics: a message type only of the HL7 shape (a sender cannot mint labels), MSA-1.
@Suite struct MLLPMessageMetricsTests {
    @Test func messageTypeIsMSH9WhenItHasTheHL7Shape() {
        #expect(MLLPMessageMetrics.messageType(Array(PAM.a28(control: "1", ipp: "1", name: "A", first: "B", birth: "19800101").utf8)) == "ADT^A28")
        #expect(MLLPMessageMetrics.messageType(Array("MSH|^~\\&|A|B|C|D|1||QBP^Q22^QBP_Q21|1|P|2.5".utf8)) == "QBP^Q22")
        #expect(MLLPMessageMetrics.messageType(Array("MSH|^~\\&|A|B|C|D|1||<script>^x|1|P|2.5".utf8)) == "other")
        #expect(MLLPMessageMetrics.messageType(Array("MSH|^~\\&|A|B\rPID|1".utf8)) == "other")
        #expect(MLLPMessageMetrics.messageType(Array("GET / HTTP/1.1".utf8)) == "other")
    }

    @Test func outcomeIsMSA1() {
        #expect(MLLPMessageMetrics.acknowledgementCode(Array("MSH|^~\\&|VIGIE|X|GAM|X|1||ACK^A28^ACK|9|P|2.5\rMSA|AE|P1\rERR|".utf8)) == "AE")
        #expect(MLLPMessageMetrics.acknowledgementCode(Array("MSH|^~\\&|VIGIE|X|GAM|X|1||ACK|9|P|2.5\rMSA|ZZ|P1".utf8)) == "other")
        #expect(MLLPMessageMetrics.acknowledgementCode(Array("{\"id\":1}".utf8)) == "other")
    }
}
