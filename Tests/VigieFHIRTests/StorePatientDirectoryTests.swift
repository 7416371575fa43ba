import Foundation
import Testing
import VigieFHIR
import VigieIdentity
import VigieStore

/// The store-backed directory: reads, FHIR string search, and no search by an INS that may not be shared.
@Suite struct StorePatientDirectoryTests {
    @Test func searchAndReadFromTheStore() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-fhir-\(UUID().uuidString).sqlite").path
        let store = try IdentityStore(path: path)
        defer { store.close(); try? FileManager.default.removeItem(atPath: path) }
        let change = ChangeContext(actor: "test", reason: "fixture")
        var recovered = try Fixtures.identity(status: .recovered, ins: Fixtures.testINS)
        recovered.traits.birthName = "LÉVÊQUE"
        let a = try store.create(recovered, localIDs: [], change: change)
        let b = try store.create(try Fixtures.identity(status: .provisional), localIDs: [], change: change)
        let c = try store.create(try Fixtures.identity(status: .provisional), localIDs: [], change: change)
        _ = try store.merge(survivor: b.id, mergedAway: c.id, change: change)
        let directory = StorePatientDirectory(store: store)

        #expect(try directory.search(PatientQuery(searchParameters: [("family", "leveq")]), limit: 10).map(\.id) == [a.id])
        #expect(try directory.search(PatientQuery(searchParameters: [("given", "marie"), ("birthdate", "1979-03")]), limit: 10).map(\.id) == [a.id, b.id])
        // RECUP: its INS may not leave the RI, so searching by it finds nothing.
        #expect(try directory.search(PatientQuery(searchParameters: [("identifier", "urn:oid:1.2.250.1.213.1.4.10|\(Fixtures.testINS)")]), limit: 10).isEmpty)
        let merged = try #require(try directory.patient(id: c.id))
        #expect(merged.mergedInto == b.id)
        #expect(try directory.patient(id: "V999") == nil)
    }
}
