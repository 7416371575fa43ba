import Testing
@testable import VigieStore

/// The review reasons are decoded from the stored explanation once, in the store, typed.
@Suite struct ReviewReasonTests {
    @Test func theRIsReasonsAndTheAlertsAreDecodedInOrder() {
        #expect(ReviewReason.decode(explanation: "same-ins; prior(-16.4) birth_name=exact(+9.7) alerts=ins-collision+first-names-differ")
            == [.sameINS, .insCollision, .firstNamesDiffer])
        #expect(ReviewReason.decode(explanation: "update-incoherent-with-stored-traits; birth_name=close(+3.1)") == [.updateIncoherentWithStoredTraits])
        #expect(ReviewReason.decode(explanation: "prior(-16.4) birth_name=exact(+9.7)") == [])
        // A word a later version wrote is left out, not guessed.
        #expect(ReviewReason.decode(explanation: "prior(-1) alerts=new-alert+sex-differs") == [.sexDiffers])
    }

    @Test func theExplanationWrittenIsDecodedBack() {
        for reasons in [[ReviewReason](), [.sameINS], [.updateIncoherentWithStoredTraits]] {
            let line = ReviewReason.explanation(reasons, then: "prior(-16.4) alerts=possible-twins")
            #expect(ReviewReason.decode(explanation: line) == reasons + [.possibleTwins])
        }
    }
}
