import Testing
@testable import VigieHL7

@Suite struct PAMMergeTests {
    @Test func a47INSChangeFromThePAMSpec() throws {
        // PAM FR p.19 (INS-NIR change): MRG-1 holds the obsolete INS.
        let message = try HL7Message(parsing: "MSH|^~\\&|Gazelle|PAM_FR|PatientManager|PAM_FR|20210318151910||ADT^A47^ADT_A30|20210318151910|P|2.5^FRA^2.9||||||UNICODE UTF-8\rMRG|260058815400233^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS")
        let merge = try PAMMerge(mrg: try #require(message.first("MRG")))
        #expect(merge.localIdentifiers.isEmpty)
        #expect(merge.insIdentifiers.map(\.value) == ["260058815400233"])
    }

    @Test func a40MergedAwayIPP() throws {
        let message = try HL7Message(parsing: "MSH|^~\\&|A\rMRG|77^^^CHU-X&000897406&N^PI")
        let merge = try PAMMerge(mrg: try #require(message.first("MRG")))
        #expect(merge.localIdentifiers.map(\.domain) == ["000897406"])
    }

    @Test func missingMRG1() throws {
        let message = try HL7Message(parsing: "MSH|^~\\&|A\rMRG|")
        #expect(throws: HL7ErrorReport.self) { try PAMMerge(mrg: try #require(message.first("MRG"))) }
        let noAuthority = try HL7Message(parsing: "MSH|^~\\&|A\rMRG|77")
        let mrg = try #require(noAuthority.first("MRG"))
        do throws(HL7ErrorReport) {
            _ = try PAMMerge(mrg: mrg)
            Issue.record("expected an error")
        } catch {
            #expect(error.location == HL7ErrorLocation(segmentID: "MRG", field: 1, repetition: 1, component: 4))
        }
    }
}
