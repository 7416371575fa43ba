import Foundation
import Testing
import VigieIdentity
@testable import VigieServe
import VigieStore

/// The decisions' effects on the RI, without HTTP.
@Suite struct ReviewDeskTests {
    @Test func commentsAreRequiredForMergeAndNotDuplicateOnly() throws {
        let fixture = try ServeFixture()
        let desk = ReviewDesk(store: fixture.store, model: .builtIn)
        for decision in [ReviewDecision.merge, .notDuplicate] {
            #expect(throws: ReviewDesk.DeskError.commentRequired(decision)) {
                _ = try desk.decide(item: fixture.items["zoe"]!, decision, survivor: nil, comment: " \n", actor: "c")
            }
        }
        let deferred = try desk.decide(item: fixture.items["zoe"]!, .defer, survivor: nil, comment: "", actor: "c")
        #expect(deferred.item.status == .open && deferred.item.deferredAt != nil)
    }

    @Test func aCollisionWithTwoIdentitiesClosesAsConfirmedWhenTheyAreTwoPatients() throws {
        let fixture = try ServeFixture()
        let desk = ReviewDesk(store: fixture.store, model: .builtIn)
        let outcome = try desk.decide(item: fixture.items["collision"]!, .notDuplicate, survivor: nil, comment: "deux patientes", actor: "c")
        #expect(outcome.item.resolution == .confirmedCollision)
        #expect(outcome.item.resolvedBy == "c")
    }

    @Test func homonymRequiresTwoIdentitiesAndReplacesHOMDByHOMA() throws {
        let fixture = try ServeFixture()
        let desk = ReviewDesk(store: fixture.store, model: .builtIn)
        let item = try fixture.store.reviewItem(fixture.items["nessi"]!)
        var detected = try #require(try fixture.store.identity(id: item.identityIDs[0])).identity
        detected.attributes.insert(.homonymDetected)
        _ = try fixture.store.update(id: item.identityIDs[0], to: detected, change: fixture.at(daysAgo: 0))
        _ = try desk.decide(item: item.id, .homonym, survivor: nil, comment: "", actor: "c")
        let after = try #require(try fixture.store.identity(id: item.identityIDs[0])).identity
        #expect(after.attributes == [.homonymConfirmed])
        let updated = try fixture.store.history(id: item.identityIDs[0]).filter { $0.action == .updated }
        #expect(updated.last?.actor == "c")
    }

    @Test func viewingAPairJournalsBothIdentitiesAndExplainsTheCurrentTraits() throws {
        let fixture = try ServeFixture()
        let desk = ReviewDesk(store: fixture.store, model: .builtIn)
        let view = try desk.viewPair(item: fixture.items["zoe"]!, actor: "consult.durand", place: "test")
        #expect(view.identities.count == 2 && view.histories.count == 2)
        #expect(view.score != nil)
        for identity in view.identities {
            #expect(try fixture.store.history(id: identity.id).last.map { $0.action == .viewed && $0.actor == "consult.durand" } == true)
        }
    }
}
