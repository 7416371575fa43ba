import Foundation
import Testing
import VigieIdentity
import VigieRI
@testable import VigieServe
import VigieStore

/// The decisions' effects on the RI, without HTTP.
@Suite struct ReviewDeskTests {
    @Test func commentsAreRequiredForMergeAndNotDuplicateOnly() throws {
        let fixture = try ServeFixture()
        let desk = fixture.services().desk
        for decision in [ReviewDecision.merge, .notDuplicate] {
            #expect(throws: ReviewDesk.DeskError.self) {
                _ = try desk.decide(item: fixture.items["zoe"]!, decision, survivor: nil, comment: " \n", login: "c")
            }
        }
        let deferred = try desk.decide(item: fixture.items["zoe"]!, .defer, survivor: nil, comment: "", login: "c")
        #expect(deferred.item.status == .open && deferred.item.deferredAt != nil)
    }

    @Test func aCollisionWithTwoIdentitiesClosesAsConfirmedWhenTheyAreTwoPatients() throws {
        let fixture = try ServeFixture()
        let desk = fixture.services().desk
        let outcome = try desk.decide(item: fixture.items["collision"]!, .notDuplicate, survivor: nil, comment: "deux patientes", login: "c")
        #expect(outcome.item.resolution == .confirmedCollision)
        #expect(outcome.item.resolvedBy == "c")
    }

    @Test func homonymSetsHOMAOnBothIdentitiesWithTheOperator() throws {
        let fixture = try ServeFixture()
        let desk = fixture.services().desk
        let item = try fixture.store.reviewItem(fixture.items["nessi"]!)
        var detected = try #require(try fixture.store.identity(id: item.identityIDs[0])).identity
        detected.attributes.insert(.homonymDetected)
        _ = try fixture.store.update(id: item.identityIDs[0], to: detected, change: fixture.at(daysAgo: 0))
        _ = try desk.decide(item: item.id, .homonym, survivor: nil, comment: "", login: "c")
        let after = try #require(try fixture.store.identity(id: item.identityIDs[0])).identity
        // HOMA (homonyme avéré) is set by the RI's status machine; HOMD stays as the detection's trace.
        #expect(after.attributes.contains(.homonymConfirmed))
        let updated = try fixture.store.history(id: item.identityIDs[0]).filter { $0.action == .updated }
        #expect(updated.last?.actor == "c")
    }

    @Test func viewingAPairJournalsBothIdentitiesAndExplainsTheCurrentTraits() throws {
        let fixture = try ServeFixture()
        let desk = fixture.services().desk
        let view = try #require(try desk.viewPair(item: fixture.items["zoe"]!, login: "consult.durand"))
        #expect(view.identities.count == 2 && view.histories.count == 2)
        #expect(view.score != nil)
        for identity in view.identities {
            #expect(try fixture.store.history(id: identity.id).last.map { $0.action == .viewed && $0.actor == "consult.durand" } == true)
        }
    }
}
