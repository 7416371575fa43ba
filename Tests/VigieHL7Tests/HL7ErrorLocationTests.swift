import Testing
@testable import VigieHL7

@Suite struct HL7ErrorLocationTests {
    @Test func erlComponentsFollowHL7Order() {
        let location = HL7ErrorLocation(segmentID: "PID", segmentSequence: 1, field: 3, repetition: 2, component: 4, subcomponent: 2)
        #expect(location.erl.first.components.map(\.value) == ["PID", "1", "3", "2", "4", "2"])
        #expect(location.description == "PID-3(2).4.2")
    }

    @Test func segmentOnlyLocation() {
        let location = HL7ErrorLocation(segmentID: "MRG", segmentSequence: 2)
        #expect(location.erl.first.components.map(\.value) == ["MRG", "2", "", "", "", ""])
        #expect(location.description == "MRG[2]")
    }

    @Test func table0357() {
        #expect(HL7ErrorCode.requiredFieldMissing.rawValue == 101)
        #expect(HL7ErrorCode.unsupportedEventCode.rawValue == 201)
        #expect(HL7ErrorCode.unsupportedEventCode.isRejection)
        #expect(!HL7ErrorCode.requiredFieldMissing.isRejection)
    }
}
