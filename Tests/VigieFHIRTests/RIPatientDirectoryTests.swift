import Foundation
import Testing
@testable import VigieFHIR
import VigieIdentity
import VigieRI
import VigieStore

/// The directory `vigie serve` uses: the référentiel's live index for search and `$match` (no scan of the
/// store), its share policy for identifiers, and its journal for views by a person or a system's token.
@Suite struct RIPatientDirectoryTests {
    final class Harness {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-fhir-\(UUID().uuidString).sqlite").path
        let store: IdentityStore
        var ri: Referentiel!
        var ids: [String: String] = [:]

        init() throws {
            store = try IdentityStore(path: path)
            let change = ChangeContext(actor: "test", reason: "fixture")
            var recovered = try Fixtures.identity(status: .recovered, ins: Fixtures.testINS)
            recovered.traits.birthName = "LEVEQUE"
            ids["recovered"] = try store.create(recovered, localIDs: [], change: change).id
            // Another INS (ADRUN ZOE's, CNDA): one INS, one identity.
            ids["qualified"] = try store.create(try Fixtures.identity(status: .qualified, ins: "275126322074974"), localIDs: [], change: change).id
            var other = try Fixtures.identity(status: .provisional, birth: "1950-06-01")
            other.traits.birthName = "MARTIN"
            other.traits.firstNames = ["PAUL"]
            other.traits.sex = .male
            ids["martin"] = try store.create(other, localIDs: [LocalIdentifier(value: "000003", domain: "CHU-X")], change: change).id
            let copy = try store.create(other, localIDs: [], change: change)
            _ = try store.merge(survivor: ids["martin"]!, mergedAway: copy.id, change: change)
            ids["merged"] = copy.id
            ri = try Referentiel(store: store)
        }

        deinit {
            store.close()
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    static let reader = RIActor.person("eai.gam", via: "fhir")

    @Test func searchUsesTheRIAndTheCriteriaThatMustHold() throws {
        let h = try Harness()
        let directory = RIPatientDirectory(ri: h.ri)
        let found = try directory.search(PatientQuery(searchParameters: [("family", "PAT-TROIS"), ("given", "DOMINIQUE")]), limit: 10, by: Self.reader)
        #expect(found.first?.id == h.ids["qualified"])
        // The RI's matching is fuzzy (a typo still finds the record); gender and birth date given must hold.
        let typo = try directory.search(PatientQuery(searchParameters: [("family", "MARTIM"), ("given", "PAUL"), ("birthdate", "1950-06-01")]), limit: 10, by: Self.reader)
        #expect(typo.map(\.id) == [h.ids["martin"]!])
        #expect(try directory.search(PatientQuery(searchParameters: [("family", "MARTIN"), ("given", "PAUL"), ("gender", "female")]), limit: 10, by: Self.reader).isEmpty)
        // A date alone is not a search the RI can rank: 400 naming what is missing.
        #expect(throws: FHIRError.self) { try directory.search(PatientQuery(searchParameters: [("birthdate", "1950")]), limit: 10, by: Self.reader) }
    }

    /// RNIV EXI SI 08 / FR Core Patient INS: an INS is searchable and shown only for a QUAL identity.
    @Test func anINSIsSearchableOnlyWhenQualified() throws {
        let h = try Harness()
        let directory = RIPatientDirectory(ri: h.ri)
        let recup = try directory.search(PatientQuery(searchParameters: [("identifier", "urn:oid:\(INSAuthority.test.oid)|\(Fixtures.testINS)")]), limit: 10, by: Self.reader)
        #expect(recup.isEmpty)
        let qual = try directory.search(PatientQuery(searchParameters: [("identifier", "urn:oid:\(INSAuthority.test.oid)|275126322074974")]), limit: 10, by: Self.reader)
        #expect(qual.map(\.id) == [h.ids["qualified"]!])
        let shown = try #require(try directory.patient(id: h.ids["recovered"]!, by: Self.reader)?.identity)
        #expect(shown.identity.ins == nil)
        #expect(try directory.patient(id: h.ids["qualified"]!, by: Self.reader)?.identity?.identity.ins != nil)
    }

    /// ITI-78 by a local identifier, with the system the Patient resource shows for its domain.
    @Test func aLocalIdentifierIsSearchableByItsDomainSystem() throws {
        let h = try Harness()
        let directory = RIPatientDirectory(ri: h.ri)
        let system = FRCorePatient.system(ofDomain: "CHU-X")
        #expect(try directory.search(PatientQuery(searchParameters: [("identifier", "\(system)|000003")]), limit: 10, by: Self.reader).map(\.id) == [h.ids["martin"]!])
        #expect(try directory.search(PatientQuery(searchParameters: [("identifier", "\(system)|000004")]), limit: 10, by: Self.reader).isEmpty)
        #expect(try directory.search(PatientQuery(searchParameters: [("identifier", "000003")]), limit: 10, by: Self.reader).isEmpty)
    }

    @Test func readsAreJournaledAndMergedIdsPointToTheSurvivor() throws {
        let h = try Harness()
        let directory = RIPatientDirectory(ri: h.ri)
        let merged = try #require(try directory.patient(id: h.ids["merged"]!, by: Self.reader))
        #expect(merged.mergedInto == h.ids["martin"])
        #expect(try directory.patient(id: "V999999", by: Self.reader) == nil)
        _ = try directory.patient(id: h.ids["qualified"]!, by: Self.reader)
        let views = try h.store.history(id: h.ids["qualified"]!).filter { $0.action == .viewed }
        #expect(views.map(\.actor) == ["eai.gam"])
    }

    @Test func matchGradesFollowTheRIDecisionAndAQualifiedINS() throws {
        let h = try Harness()
        let directory = RIPatientDirectory(ri: h.ri)
        var query = try PatientQuery(searchParameters: [("family", "PAT-TROIS"), ("given", "DOMINIQUE"), ("birthdate", "1979-03-28"), ("gender", "female")])
        let plain = try directory.match(query, limit: 5, by: Self.reader)
        let top = try #require(plain.first)
        #expect(top.identity.id == h.ids["qualified"])
        #expect(top.grade == .probable)
        #expect(top.score > 0.5 && top.score <= 1)
        query.identifiers = [("urn:oid:\(INSAuthority.test.oid)", "275126322074974")]
        #expect(try directory.match(query, limit: 5, by: Self.reader).first?.grade == .certain)
        // A pair the cell would review is only `possible`, whatever the INS.
        #expect(RIPatientDirectory.grade(.review, sameINS: true) == .possible)
    }
}
