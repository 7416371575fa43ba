import Testing
@testable import VigieIdentity

@Test func sexCodes() {
    #expect(Sex(code: "M") == .male)
    #expect(Sex(code: "f") == .female)
    #expect(Sex(code: " F ") == .female)
    for other in ["U", "O", "A", "N", "", "MF", "1", "H"] { #expect(Sex(code: other) == .unknown) }
}
