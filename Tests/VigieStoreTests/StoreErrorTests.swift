import Testing
import VigieIdentity
@testable import VigieStore

@Suite struct StoreErrorTests {
    /// Every error the store raises about an identity with traits: none of the traits may appear.
    @Test func descriptionsNeverContainATrait() throws {
        let fixture = try TemporaryStore()
        let zoe = try Samples.adrunZoe(qualified: true)
        let nathalie = try Samples.nessiNathalie(qualified: true)
        let a = try fixture.store.create(zoe, localIDs: [ipp("1")], change: change())
        let b = try fixture.store.create(nathalie, localIDs: [ipp("2")], change: change())
        var errors: [StoreError] = []
        func collect(_ body: () throws -> Void) {
            do { try body() } catch let error as StoreError { errors.append(error) } catch {}
        }
        collect { _ = try fixture.store.merge(survivor: a.id, mergedAway: b.id, change: change()) }
        collect { _ = try fixture.store.create(zoe, localIDs: [ipp("1")], change: change()) }
        collect { _ = try fixture.store.update(id: "V9", to: zoe, change: change()) }
        collect { _ = try fixture.store.merge(survivor: a.id, mergedAway: a.id, change: change()) }
        collect {
            _ = try fixture.store.create(
                zoe, localIDs: [LocalIdentifier(value: "275126322074974", domain: "ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO")],
                change: change())
        }
        #expect(errors.count == 5)
        let traits = ["ADRUN", "ZOE", "NESSI", "NATHALIE", "1975", "1977", "63220", "2751263220749", "2770763220829"]
        for error in errors {
            for trait in traits {
                #expect(!error.description.contains(trait), "\(error) names a trait")
            }
        }
    }

    @Test func identityIDsRoundTripAndRejectOtherForms() {
        #expect(IdentityID.row(IdentityID.string(42)) == 42)
        for bad in ["", "V", "V0", "V01", "v1", "X1", "V1a", "V-1", "V99999999999999999999"] {
            #expect(IdentityID.row(bad) == nil, "\(bad)")
        }
    }
}
