import Testing
import VigieStore
@testable import VigieServe

@Suite struct ReviewReasonsTests {
    @Test func everyReasonHasAFrenchLabelAndTheFilterOffersTheQueueOnes() {
        #expect(ReviewReasons.label(.firstNamesDiffer) == "Prénoms différents")
        let labels = ReviewReason.allCases.map(ReviewReasons.label)
        #expect(Set(labels).count == labels.count, "two reasons share a label")
        #expect(!ReviewReasons.known.contains(.clusterConflict) && ReviewReasons.known.contains(.sameINS))
    }
}
