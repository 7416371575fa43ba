import Testing

@testable import VigieIdentity

/// The identity document trust table against FR Core's value set of documents authorised for the INS.
struct IdentityDocumentTypeTests {
    /// `fr-core-vs-mode-validation-identity-ins` (Interop-Sante/hl7.fhir.fr.core,
    /// input/fsh/valuesets/FRCoreValueSetModeValidationIdentityINS.fsh at 3a99199), CIMS left out: its code is
    /// commented out of the code system (FRCoreCodeSystemIdentityModeValidation.fsh at 031b431).
    static let frCoreINSValueSet: Set<String> = ["CN", "PA", "CS", "eCN", "IN", "AV", "LECV", "AN", "LE", "CC", "ANCV"]
    /// The code system's other codes (LEP, in the code system at 031b431 and a minor's document like LE).
    static let frCoreCodeSystemOnly: Set<String> = ["LEP"]
    /// RNIV 2024 §3.3.3 special cases (minors, unaccompanied foreign minors, EHPAD residents).
    static let specialCases: Set<String> = ["AN", "LE", "LEP", "CC", "DC", "LECV", "ANCV", "AC"]

    /// [FRCore] + [RNIV] EXI SI 07: only a document of the INS value set can validate an identity.
    @Test func onlyDocumentsOfTheFRCoreINSValueSetCanValidate() {
        for type in IdentityDocumentType.allCases {
            let authorised = Self.frCoreINSValueSet.contains(type.frCoreCode) || Self.frCoreCodeSystemOnly.contains(type.frCoreCode)
            #expect(type.isINSAuthorised == authorised, "\(type.rawValue)")
            #expect((type.trust != .low) == authorised, "\(type.rawValue)")
            #expect(DocumentCheck(type: type, specialCaseAttested: true).isHighTrust == authorised, "\(type.rawValue)")
        }
        // Every code of the value set is known to Vigie under its own spelling.
        for code in Self.frCoreINSValueSet.union(Self.frCoreCodeSystemOnly) {
            #expect(IdentityDocumentType(rawValue: code) != nil, "\(code)")
        }
    }

    /// [RNIV] 2024 §3.3.3: a minor's birth extract or family book, a foreign minor's travel document and an EHPAD
    /// resident's family book or birth certificate with a Vitale card validate only when the checker attests the case.
    @Test func specialCaseDocumentsNeedTheCaseAttested() {
        for type in IdentityDocumentType.allCases {
            let special = Self.specialCases.contains(type.rawValue)
            #expect((type.trust == .highInSpecialCases) == special, "\(type.rawValue)")
            if special {
                #expect(!DocumentCheck(type: type).isHighTrust, "\(type.rawValue)")
                #expect(DocumentCheck(type: type, specialCaseAttested: true).isHighTrust, "\(type.rawValue)")
            }
        }
    }

    /// [RNIV] a driving licence, a military card, a trusted third party are not high-trust devices.
    @Test func lowTrustDocumentsNeverValidate() {
        for type in [IdentityDocumentType.drivingLicence, .militaryCard, .trustedThirdParty, .electronicIdentification] {
            #expect(!DocumentCheck(type: type, specialCaseAttested: true).isHighTrust, "\(type.rawValue)")
        }
    }

    /// Codes are read as senders write them (ZFD-7, JSON, CSV): `eCN` in any case; codes differ by more than case.
    @Test func codesReadInAnyCase() {
        #expect(IdentityDocumentType(code: "ECN") == .electronicIdentityCard)
        #expect(IdentityDocumentType(code: "ecn") == .electronicIdentityCard)
        #expect(IdentityDocumentType(code: "pa") == .passport)
        #expect(IdentityDocumentType(code: "XX") == nil && IdentityDocumentType(code: "") == nil)
        let upper = IdentityDocumentType.allCases.map { $0.rawValue.uppercased() }
        #expect(Set(upper).count == upper.count)
        #expect(IdentityDocumentType.allCases.allSatisfy { !$0.label.isEmpty })
    }
}

extension IdentityDocumentTypeTests {
    /// Every PAM FR ZFD-7 code (§6.18.7 p.86) is still read, beside FR Core's.
    @Test func everyPAMFRCodeIsKnown() {
        for code in ["AN", "CC", "CE", "CM", "CN", "CS", "LE", "PA", "PC", "TC", "AV", "DC", "AC", "IE"] {
            #expect(IdentityDocumentType(rawValue: code) != nil, "\(code)")
        }
        #expect(DocumentCheck(type: .passport).isHighTrust && !DocumentCheck(type: .drivingLicence).isHighTrust)
    }
}
