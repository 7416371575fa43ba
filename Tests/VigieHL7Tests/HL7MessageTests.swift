import Testing
@testable import VigieHL7

@Suite struct HL7MessageTests {
    @Test(arguments: ANSFixture.allCases)
    func ansMessagesRoundTripByteForByte(_ fixture: ANSFixture) throws {
        let message = try HL7Message(parsing: fixture.wireText)
        #expect(message.encoded() == fixture.wireText)
    }

    @Test func admissionFieldsMatchTheFixtureText() throws {
        // Expected values copied from ans-admission-A01.er7 (ANS, ansforge/hl7V2-exemples).
        let message = try HL7Message(parsing: ANSFixture.admission.wireText)
        #expect(message.segments.map(\.id) == ["MSH", "EVN", "PID", "PV1", "ZBE", "ZFA"])
        #expect(message.messageType == "ADT")
        #expect(message.triggerEvent == "A01")
        #expect(message.header[9][3] == "ADT_A01")
        #expect(message.controlID == "3975")
        #expect(message.header[12][1] == "2.5")
        #expect(message.header[18].value == "UNICODE UTF-8")
        let pid = try #require(message.first("PID"))
        #expect(pid[3].repetitions.count == 2)
        let ipp = pid[3].repetitions[0]
        #expect(ipp[1] == "000003")
        #expect(ipp.component(4).subcomponents == ["CHU-X", "000897406", "N"])
        #expect(ipp[5] == "PI")
        let ins = pid[3].repetitions[1]
        #expect(ins[1] == "279035121518989")
        #expect(ins.component(4).subcomponents == ["ASIP-SANTE-INS-NIR", "1.2.250.1.213.1.4.10", "ISO"])
        #expect(ins[5] == "INS")
        #expect(ins[7] == "20101207")
        #expect(pid[5][1] == "PAT-TROIS")
        #expect(pid[5][2] == "DOMINIQUE")
        #expect(pid[5][7] == "L")
        #expect(pid[7].value == "19790328")
        #expect(pid[8].value == "F")
        #expect(pid[11].repetitions.count == 2)
        #expect(pid[11].repetitions[1][7] == "BDL")
        #expect(pid[11].repetitions[1][9] == "63220")
        #expect(pid[32].value == "VALI")
        #expect(pid[33].value == "20240306111153")
        #expect(pid.fields.count == 39)
    }

    @Test func consentMessageKeepsNonASCIIAndZFD() throws {
        let message = try HL7Message(parsing: ANSFixture.consent.wireText)
        let pv1 = try #require(message.first("PV1"))
        #expect(pv1[7][2] == "Réault")
        let zfd = try #require(message.first("ZFD"))
        #expect(zfd[3].value == "Y")
        #expect(zfd[4].value == "N")
        #expect(zfd[5].value == "INSI")
        #expect(zfd[6].value == "20211201")
    }

    @Test func segmentLookup() throws {
        let message = try HL7Message(parsing: "MSH|^~\\&|A|B\rNTE|1||one\rNTE|2||two")
        #expect(message.segments("NTE").map { $0[3].value } == ["one", "two"])
        #expect(message.first("PID") == nil)
    }

    @Test func buildingAMessageEscapesValues() {
        var pid = HL7Segment("PID")
        pid[5] = HL7Field(components: ["O|NEIL", "ANNE^MARIE"])
        var msh = HL7Segment("MSH")
        msh[9] = HL7Field(components: ["ADT", "A28"])
        let message = HL7Message(segments: [msh, pid])
        #expect(message.encoded() == "MSH|^~\\&|||||||ADT^A28\rPID|||||O\\F\\NEIL^ANNE\\S\\MARIE")
    }

    @Test func explicitNullIsKept() throws {
        let message = try HL7Message(parsing: "MSH|^~\\&|A\rPID|||\"\"^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS|||\"\"")
        let pid = try #require(message.first("PID"))
        #expect(pid[3].first[1] == HL7.null)
        #expect(pid[3].isNull == false)  // the repetition has other components
        #expect(pid[6].isNull)
        #expect(message.encoded().hasSuffix("|||\"\""))
    }
}
