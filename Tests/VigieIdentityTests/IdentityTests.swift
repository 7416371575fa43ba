import Foundation
import Testing
@testable import VigieIdentity

@Test func identityRoundTripsThroughJSON() throws {
    var identity = IdentityLifecycleTests.identity(.qualified)
    identity.attributes = [.homonymDetected]
    identity.usedName = "DUPONT"
    let data = try JSONEncoder().encode(identity)
    let back = try JSONDecoder().decode(Identity.self, from: data)
    #expect(back == identity)
    #expect(back.mayShareINS && back.mayCallINSi)
    #expect(back.traits.firstName == "PIERRE-ALAIN")
    #expect(back.traits.firstNamesList == "PIERRE-ALAIN MURIEL FLORIANT")
}

@Test func newIdentityIsProvisional() {
    let identity = Identity(traits: IdentityLifecycleTests.traits)
    #expect(identity.status == .provisional && identity.ins == nil && !identity.mayShareINS)
    #expect(IdentityLifecycle.status(of: identity) == .provisional)
}

@Test func statusMatrix() {
    #expect(IdentityStatus(insiRetrieved: false, highTrustDocument: false) == .provisional)
    #expect(IdentityStatus(insiRetrieved: true, highTrustDocument: false) == .recovered)
    #expect(IdentityStatus(insiRetrieved: false, highTrustDocument: true) == .validated)
    #expect(IdentityStatus(insiRetrieved: true, highTrustDocument: true) == .qualified)
}

@Test func identityJSONIsDeterministic() throws {
    var identity = IdentityLifecycleTests.identity(.provisional)
    identity.attributes = [.homonymConfirmed, .doubtful, .homonymDetected]
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(identity), as: UTF8.self)
    #expect(json.contains("\"attributes\":[\"DOUT\",\"HOMA\",\"HOMD\"]"))
    var other = Identity(traits: identity.traits)
    for a in [IdentityAttribute.homonymDetected, .doubtful, .homonymConfirmed] { other.attributes.insert(a) }
    #expect(try encoder.encode(other) == encoder.encode(identity))
    // A minimal document (optional fields absent) still decodes.
    let minimal = #"{"traits":{"birthName":"X","firstNames":["Y"],"sex":"F","birthDate":"1980-00-00"},"status":"PROV"}"#
    let decoded = try JSONDecoder().decode(Identity.self, from: Data(minimal.utf8))
    #expect(decoded.status == .provisional && decoded.attributes.isEmpty && decoded.traits.birthPlace == nil)
}
