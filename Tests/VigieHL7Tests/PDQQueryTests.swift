import Testing
@testable import VigieHL7

@Suite struct PDQQueryTests {
    @Test func readsQIPParameters() throws {
        // IHE PDQ ITI-21 form: QPD-3 repeats @field^value; RCP-2 limits the answer.
        let message = try HL7Message(parsing: "MSH|^~\\&|APP|FAC|VIGIE|FAC|20240306111154||QBP^Q22^QBP_Q21|Q1|P|2.5\rQPD|IHE PDQ Query|TAG1|@PID.5.1.1^PAT-TROIS~@PID.5.2^DOMINIQUE~@PID.7.1^19790328~@PID.8^F~@PID.11.9^63220\rRCP|I|5^RD")
        let query = try PDQQuery(message)
        #expect(query.queryTag == "TAG1")
        #expect(query.birthName == "PAT-TROIS")
        #expect(query.firstNames == "DOMINIQUE")
        #expect(query.birthDate == "19790328")
        #expect(query.sex == "F")
        #expect(query.birthPlace == "63220")
        #expect(query.limit == 5)
        #expect(query.identifier == nil)
    }

    @Test func identifierQuery() throws {
        let message = try HL7Message(parsing: "MSH|^~\\&|A\rQPD|IHE PDQ Query|T|@PID.3.1^000003~@PID.3.4.2^000897406")
        let query = try PDQQuery(message)
        #expect(query.identifier == PAMIdentifier(value: "000003", universalID: "000897406"))
    }

    @Test func errorsAreLocated() throws {
        func error(_ text: String) throws -> HL7ErrorReport? {
            let message = try HL7Message(parsing: "MSH|^~\\&|A\r" + text)
            do throws(HL7ErrorReport) { _ = try PDQQuery(message); return nil } catch { return error }
        }
        #expect(try error("PID|1")?.code == .segmentSequenceError)
        #expect(try error("QPD|Q|T|")?.location == HL7ErrorLocation(segmentID: "QPD", field: 3))
        #expect(try error("QPD|Q|T|@PID.5.1^A~@PID.99^x")?.location == HL7ErrorLocation(segmentID: "QPD", field: 3, repetition: 2, component: 1))
        #expect(try error("QPD|Q|T|@PID.5.1^")?.location == HL7ErrorLocation(segmentID: "QPD", field: 3, repetition: 1, component: 2))
        #expect(try error("QPD|Q|T|@PID.5.1^A\rRCP|I|x^RD")?.location == HL7ErrorLocation(segmentID: "RCP", field: 2, component: 1))
    }
}
