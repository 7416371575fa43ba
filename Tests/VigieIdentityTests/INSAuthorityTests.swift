import Testing
@testable import VigieIdentity

/// OIDs from IHE France Annexe N v1.8.2 p.7–8 (research file §1.4).
@Test func oids() {
    #expect(INSAuthority.nir.oid == "1.2.250.1.213.1.4.8")
    #expect(INSAuthority.nia.oid == "1.2.250.1.213.1.4.9")
    #expect(INSAuthority.test.oid == "1.2.250.1.213.1.4.10")
    #expect(INSAuthority.demo.oid == "1.2.250.1.213.1.4.11")
    #expect(INSAuthority(oid: "urn:oid:1.2.250.1.213.1.4.9") == .nia)
    #expect(INSAuthority(oid: "1.2.250.1.213.1.4.2") == nil)  // INS-C, not an INS authority
    #expect(INSAuthority(oid: "1.2.250.1.213.1.4.1") == nil)
    #expect(INSAuthority.nir.isProduction && INSAuthority.nia.isProduction)
    #expect(!INSAuthority.test.isProduction && !INSAuthority.demo.isProduction)
}

@Test func niaIsOnlyKnownByItsOID() throws {
    // CNDA TEST_2.05 (PROVISOIRE MATRICULE): NIA 1090763220888/35 with OID .9; CNDA TEST_1.10 returns the
    // digits of a NIR test identity (1090763220834/89) with OID .9.
    let nia = INS(matricule: try Matricule("109076322088835"), authority: .nia)
    #expect(nia.authority.isNIA)
    let sameDigitsAsNIR = INS(matricule: try Matricule("109076322083489"), authority: .nia)
    let nir = INS(matricule: try Matricule("109076322083489"), authority: .nir)
    #expect(sameDigitsAsNIR != nir)
    #expect(sameDigitsAsNIR.matricule == nir.matricule)
}

/// Wire forms: IHE France Annexe N p.6–10 (PID-3), FR Core FRCorePatientINSProfile.fsh (research file §4.2, §5).
@Test func wireForms() throws {
    #expect(INSAuthority.nir.hl7AssigningAuthority == "ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO")
    #expect(INSAuthority.nia.hl7AssigningAuthority == "ASIP-SANTE-INS-NIA&1.2.250.1.213.1.4.9&ISO")
    // ansforge/hl7V2-exemples SGL-Referentiel-Minimal/admission.er7 uses the test OID with the NIR namespace.
    #expect(INSAuthority.test.hl7AssigningAuthority == "ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO")
    #expect(INSAuthority.nia.fhirSystem == "urn:oid:1.2.250.1.213.1.4.9")
    #expect(INSAuthority.allCases.map(\.fhirIdentifierType) == ["INS-NIR", "INS-NIA", "INS-NIR-TEST", "INS-NIR-DEMO"])
    #expect(INSAuthority.nia.fhirUse == "temp" && INSAuthority.demo.fhirUse == "official")
    // PAT-TROIS DOMINIQUE, INS 279035121518989 with the test OID (same ANS example).
    let ins = try INS("279035121518989", oid: "1.2.250.1.213.1.4.10")
    #expect(ins.authority == .test && !ins.isProduction)
    #expect(throws: INSError.unknownAuthority) { try INS("279035121518989", oid: "1.2.250.1.213.1.4.2") }
    #expect(throws: INSError.matricule(.keyMismatch(found: 88, expected: 89))) { try INS("279035121518988", oid: "urn:oid:1.2.250.1.213.1.4.8") }
}
