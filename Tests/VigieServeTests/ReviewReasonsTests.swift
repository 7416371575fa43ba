import Testing
@testable import VigieServe

@Suite struct ReviewReasonsTests {
    @Test func prefixesAndAlertsAreReadBackFromTheStoredExplanation() {
        #expect(ReviewReasons.of(explanation: "same-ins; prior(-16.4) birth_name=exact(+9.7) alerts=ins-collision+first-names-differ")
            == ["same-ins", "ins-collision", "first-names-differ"])
        #expect(ReviewReasons.of(explanation: "update-incoherent-with-stored-traits; birth_name=close(+3.1)") == ["update-incoherent-with-stored-traits"])
        #expect(ReviewReasons.of(explanation: "prior(-16.4) birth_name=exact(+9.7)") == [])
        #expect(ReviewReasons.label("first-names-differ") == "Prénoms différents")
        #expect(ReviewReasons.label("unknown-word") == "unknown-word")
    }
}
