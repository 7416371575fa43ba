import Testing
@testable import VigieIdentity

/// FR Core identity-reliability (research file §5): CI codes PROV/RECUP/VALI/QUAL; 2.0.x 0445 codes.
@Test func frCoreCodings() {
    for status in IdentityStatus.allCases {
        let coding = FRCoreIdentityStatus.identityStatus(status)
        #expect(coding.system == "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-identity-status")
        #expect(coding.code == status.rawValue)
        #expect(FRCoreIdentityStatus.status(from: coding, hasINS: false) == status)
    }
    #expect(FRCoreIdentityStatus.identityStatusV20445(.qualified).code == "VALI")
    #expect(FRCoreIdentityStatus.identityStatusV20445(.recovered).code == "PROV")
    let vali = FRCoreIdentityStatus.Coding(system: FRCoreIdentityStatus.v20445System, code: "VALI")
    #expect(FRCoreIdentityStatus.status(from: vali, hasINS: true) == .qualified)
    #expect(FRCoreIdentityStatus.status(from: vali, hasINS: false) == .validated)
    #expect(FRCoreIdentityStatus.status(from: .init(system: "urn:other", code: "QUAL"), hasINS: true) == nil)
    #expect(FRCoreIdentityStatus.comments([.homonymConfirmed, .doubtful]).map(\.code) == ["DOUT", "HOMA"])
}
