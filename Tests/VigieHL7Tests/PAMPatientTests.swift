import Testing
import VigieIdentity
@testable import VigieHL7

@Suite struct PAMPatientTests {
    private func patient(_ fixture: ANSFixture) throws -> PAMPatient {
        let message = try HL7Message(parsing: fixture.wireText)
        return try PAMPatient(pid: try #require(message.first("PID")), zfd: message.first("ZFD"))
    }

    @Test(arguments: ANSFixture.allCases)
    func ansTestPatientIsReadAsPAMFRSays(_ fixture: ANSFixture) throws {
        // Values from the ANS fixtures: PAT-TROIS DOMINIQUE, F, 1979-03-28, born in 63220, test INS, PID-32 VALI.
        let patient = try patient(fixture)
        let identity = patient.identity
        #expect(identity.traits.birthName == "PAT-TROIS")
        #expect(identity.traits.firstNames == ["DOMINIQUE"])
        #expect(identity.traits.sex == .female)
        #expect(identity.traits.birthDate == (try BirthDate("1979-03-28")))
        #expect(identity.traits.birthPlace == (try BirthPlace("63220")))
        #expect(identity.ins == INS(matricule: try Matricule("279035121518989"), authority: .test))
        #expect(identity.status == .qualified)  // VALI + INS in PID-3 = qualifiée
        #expect(identity.attributes.isEmpty)
        #expect(patient.localIdentifiers == [
            PAMIdentifier(value: "000003", namespace: "CHU-X", universalID: "000897406", universalIDType: "N", typeCode: "PI"),
        ])
        #expect(patient.localIdentifiers[0].domain == "000897406")
        #expect(patient.carriedINS)
        #expect(!patient.deletesINS)
        #expect(patient.warnings.isEmpty)
    }

    @Test func consentZFDIsRead() throws {
        let patient = try patient(.consent)  // ZFD|||Y|N|INSI|20211201||
        #expect(patient.identity.birthDateCorrected == false)
        #expect(patient.identity.insiRetrieved)
        #expect(patient.identity.hasHighTrustDocument == nil)
    }

    @Test func insWithoutVALIIsNotIntegrated() throws {
        let pid = try pidSegment(
            "PID|1||42^^^HOP&1.2.3&ISO^PI~279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS||DUPONT^ANNE^ANNE^^^^L||19790328|F||||||||||||||||||||||||PROV")
        let patient = try PAMPatient(pid: pid)
        #expect(patient.identity.ins == nil)
        #expect(patient.identity.status == .provisional)
        #expect(patient.warnings.map(\.location) == [HL7ErrorLocation(segmentID: "PID", field: 3, repetition: 2)])
        #expect(patient.warnings.first?.severity == .warning)
    }

    @Test func correctedBirthDateBlocksTheINS() throws {
        let pid = try pidSegment(
            "PID|1||42^^^HOP^PI~279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS||DUPONT^ANNE^^^^^L||19790328|F||||||||||||||||||||||||VALI")
        let patient = try PAMPatient(pid: pid, zfd: HL7Segment("ZFD", fields: ["", "", "", "Y"]))
        #expect(patient.identity.ins == nil)
        #expect(patient.identity.birthDateCorrected)
        #expect(patient.identity.status == .validated)
    }

    @Test func namesTypesLAndD() throws {
        // PAM FR p.18 example: used first name in the D repetition, full first-name list in XPN-3 of L.
        let pid = try pidSegment("PID|1||1900068^^^&350000121&M^PI||^MARIE-CECILE^^^^^D~DARK^JEANNE^JEANNE MARIE CECILE^^Mme^^L||19600530|F|||^^^^^FRA^BDL^^88154")
        let identity = try PAMPatient(pid: pid).identity
        #expect(identity.traits.birthName == "DARK")
        #expect(identity.traits.firstNames == ["JEANNE", "MARIE", "CECILE"])
        #expect(identity.usedName == nil)
        #expect(identity.usedFirstName == "MARIE-CECILE")
        #expect(identity.traits.birthPlace?.code == "88154")
        #expect(identity.status == .provisional)  // PID-32 empty
    }

    @Test func partialBirthDates() throws {
        for (text, iso) in [("1979", "1979-00-00"), ("197903", "1979-03-00"), ("19790328", "1979-03-28"), ("197903281030", "1979-03-28")] {
            let pid = try pidSegment("PID|1||42^^^HOP^PI||DUPONT^ANNE^^^^^L||\(text)|F")
            #expect(try PAMPatient(pid: pid).identity.traits.birthDate.iso == iso)
        }
    }

    @Test func attributesAndUnknownCodes() throws {
        let pid = try pidSegment("PID|1||42^^^HOP^PI||DUPONT^ANNE^^^^^L||19790328|F||||||||||||||||||||||||PROV~HOMD~DOUT~QUAL")
        let patient = try PAMPatient(pid: pid)
        #expect(patient.identity.attributes == [.homonymDetected, .doubtful])
        #expect(patient.identity.status == .provisional)
        #expect(patient.warnings.contains { $0.location == HL7ErrorLocation(segmentID: "PID", field: 32, repetition: 4) })
    }

    @Test func insDeletion() throws {
        let pid = try pidSegment("PID|1||42^^^HOP^PI~\"\"^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS||DUPONT^ANNE^^^^^L||19790328|F||||||||||||||||||||||||PROV")
        let patient = try PAMPatient(pid: pid)
        #expect(patient.deletesINS)
        #expect(patient.identity.ins == nil)
        #expect(patient.localIdentifiers.count == 1)
    }

    @Test(arguments: [
        ("PID|1||42^^^HOP^PI||^ANNE^^^^^L||19790328|F", HL7ErrorLocation(segmentID: "PID", field: 5, component: 1), HL7ErrorCode.requiredFieldMissing),
        ("PID|1||42^^^HOP^PI||DUPONT^ANNE^^^^^L|||F", HL7ErrorLocation(segmentID: "PID", field: 7), .requiredFieldMissing),
        ("PID|1||42^^^HOP^PI||DUPONT^ANNE^^^^^L||19791328|F", HL7ErrorLocation(segmentID: "PID", field: 7), .dataTypeError),
        ("PID|1||42^^^HOP^PI||DUPONT^ANNE^^^^^L||1979032|F", HL7ErrorLocation(segmentID: "PID", field: 7), .dataTypeError),
        ("PID|1||42^^^HOP^PI||DUPONT^ANNE^^^^^L||19790328|F|||^^^^^^BDL^^6322", HL7ErrorLocation(segmentID: "PID", field: 11, repetition: 1, component: 9), .dataTypeError),
        ("PID|1||42^^^HOP^PI~279035121518988^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS||DUPONT^ANNE^^^^^L||19790328|F", HL7ErrorLocation(segmentID: "PID", field: 3, repetition: 2, component: 1), .dataTypeError),
        ("PID|1||42^^^^PI||DUPONT^ANNE^^^^^L||19790328|F", HL7ErrorLocation(segmentID: "PID", field: 3, repetition: 1, component: 4), .requiredFieldMissing),
    ])
    func errorsNameTheField(_ text: String, _ location: HL7ErrorLocation, _ code: HL7ErrorCode) throws {
        let pid = try pidSegment(text)
        do throws(HL7ErrorReport) {
            _ = try PAMPatient(pid: pid)
            Issue.record("expected an error at \(location)")
        } catch {
            #expect(error.location == location)
            #expect(error.code == code)
            #expect(!error.diagnostic.contains("DUPONT") && !error.diagnostic.contains("1979"))
        }
    }

    @Test func identityToPIDAndBack() throws {
        let original = try patient(.admission)
        let pid = PIDEncoder.pid(original.identity, localIdentifiers: [("000003", "000897406")])
        let reread = try PAMPatient(pid: pid)
        #expect(reread.identity.traits == original.identity.traits)
        #expect(reread.identity.ins == original.identity.ins)
        #expect(reread.identity.status == .qualified)
        #expect(pid[32].value == "VALI")
        #expect(pid[3].repetitions[1][5] == "INS")
        #expect(pid[11].first[9] == "63220")
        #expect(pid[7].value == "19790328")
    }

    @Test func recoveredIdentityTravelsAsPROVWithoutINS() throws {
        var identity = try patient(.admission).identity
        identity.status = .recovered
        let pid = PIDEncoder.pid(identity, localIdentifiers: [("000003", "000897406")])
        #expect(pid[32].value == "PROV")
        #expect(pid[3].repetitions.count == 1)
    }

    @Test func partialDateIsWrittenWithItsPrecision() throws {
        #expect(PIDEncoder.hl7Date(try BirthDate("1979-00-00")) == "1979")
        #expect(PIDEncoder.hl7Date(try BirthDate("1979-03-00")) == "197903")
    }

    private func pidSegment(_ text: String) throws -> HL7Segment {
        try #require(try HL7Message(parsing: "MSH|^~\\&|A\r" + text).first("PID"))
    }
}

/// PAM FR 2.11.2 §6.18.1 (p.84): ZFD-1 "Date lunaire" is type NA `jour^mois^année`; §6.18.5–6 (p.85): ZFD-5 mode
/// of obtention, ZFD-6 date of the INSi call.
@Suite struct PAMLunarDateTests {
    static func pid() -> HL7Segment {
        var pid = HL7Segment("PID")
        pid[3] = HL7Field(repetitions: [HL7Repetition(["100", "", "", "CHU-X&000897406&N", "PI"])])
        pid[5] = HL7Field(repetitions: [HL7Repetition(["PAT-TROIS", "DOMINIQUE", "DOMINIQUE", "", "", "", "L"])])
        pid[7] = HL7Field("1950")
        pid[8] = HL7Field("F")
        return pid
    }

    @Test("PAM FR 6.18.1: ZFD-1 31^02^1950 (NA) is the lunar birth date 1950-02-31")
    func zfd1ReadAsNA() throws {
        var zfd = HL7Segment("ZFD")
        zfd[1] = HL7Field(repetitions: [HL7Repetition(["31", "02", "1950"])])
        let patient = try PAMPatient(pid: Self.pid(), zfd: zfd)
        #expect(patient.identity.traits.birthDate.iso == "1950-02-31")
        #expect(patient.warnings.isEmpty)
    }

    @Test("PAM FR 6.18.1: a ZFD-1 that is not jour^mois^année is refused at ZFD-1")
    func zfd1Malformed() throws {
        var zfd = HL7Segment("ZFD")
        zfd[1] = HL7Field(repetitions: [HL7Repetition(["3", "02", "1950"])])
        #expect(throws: HL7ErrorReport.self) { try PAMPatient(pid: Self.pid(), zfd: zfd) }
        do { _ = try PAMPatient(pid: Self.pid(), zfd: zfd) } catch { #expect(error.location?.segmentID == "ZFD") }
    }

    @Test("PAM FR 6.18.5-6: ZFD-5 (mode) and ZFD-6 (INSi date) are kept on the identity")
    func zfd5and6Stored() throws {
        let zfd = HL7Segment("ZFD", fields: ["", "", "", "N", "INSI", "20211201"])
        let patient = try PAMPatient(pid: Self.pid(), zfd: zfd)
        #expect(patient.identity.identityMode == "INSI")
        #expect(patient.identity.insiQueryDate == "2021-12-01")
    }
}
