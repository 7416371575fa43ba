import VigieIdentity

/// Sample identities: the official INSi test identities of the CNDA qualification environment, as captured in
/// `padoa/tlsi-ins` fixtures and ANS's HL7 examples (see `shared/research/ins-domain.md` §2.6). They are test
/// persons, not patients.
enum Samples {
    /// ADRUN ZOE, F, 1975-12-31, born 63220; INS 2751263220749 74 (`padoa/tlsi-ins:README.md`).
    static func adrunZoe(qualified: Bool = false) throws -> Identity {
        try identity(
            "ADRUN", ["ZOE"], .female, "1975-12-31", "63220", ins: qualified ? "275126322074974" : nil,
            authority: .nir)
    }

    /// NESSI NATHALIE, F, 1977-07-14, born 63220; INS 2770763220829 10
    /// (`CharlieLamatte/SAPA:connecteur-java/example_data/TEST_3.05_cas3.xml`).
    static func nessiNathalie(qualified: Bool = false) throws -> Identity {
        try identity(
            "NESSI", ["NATHALIE"], .female, "1977-07-14", "63220", ins: qualified ? "277076322082910" : nil,
            authority: .nir)
    }

    /// TCHITCHI CATARINA BELLA, F, 1936-06-21, born 63220; INS 2360663220836 56
    /// (`padoa/tlsi-ins:src/ins/fixtures/virtual-mode/TchitchiOlaVirtualMode.ts`).
    static func tchitchiCatarina(qualified: Bool = false) throws -> Identity {
        try identity(
            "TCHITCHI", ["CATARINA", "BELLA"], .female, "1936-06-21", "63220",
            ins: qualified ? "236066322083656" : nil, authority: .nir)
    }

    /// PAT-TROIS DOMINIQUE, F, 1979-03-28, born 63220; INS 279035121518989 with the test OID
    /// (`ansforge/hl7V2-exemples:SGL-Referentiel-Minimal/admission.er7`).
    static func patTroisDominique(qualified: Bool = false) throws -> Identity {
        try identity(
            "PAT-TROIS", ["DOMINIQUE"], .female, "1979-03-28", "63220", ins: qualified ? "279035121518989" : nil,
            authority: .test)
    }

    /// ECETINSI PIERRE-ALAIN MURIEL FLORIANT, M, 2009-07-14, born 63220; INS 1090763220834 89 with two INSHISTO
    /// entries (`padoa/tlsi-ins:src/ins/fixtures/TEST_2.04_cas2.xml`).
    static func ecetinsiPierreAlain() throws -> Identity {
        var identity = try identity(
            "ECETINSI", ["PIERRE-ALAIN", "MURIEL", "FLORIANT"], .male, "2009-07-14", "63220", ins: "109076322083489",
            authority: .nir)
        identity.insHistory = [
            INS(matricule: try Matricule("209076322083439"), authority: .nir),
            INS(matricule: try Matricule("209066322012355"), authority: .nir),
        ]
        identity.insiRetrieved = true
        return identity
    }

    static func identity(
        _ birthName: String, _ firstNames: [String], _ sex: Sex, _ birthDate: String, _ birthPlace: String?,
        ins: String?, authority: INSAuthority
    ) throws -> Identity {
        let traits = StrictTraits(
            birthName: birthName, firstNames: firstNames, sex: sex, birthDate: try BirthDate(birthDate),
            birthPlace: try birthPlace.map { try BirthPlace($0) })
        guard let ins else { return Identity(traits: traits) }
        return Identity(
            traits: traits, ins: INS(matricule: try Matricule(ins), authority: authority), status: .qualified,
            insiRetrieved: true)
    }
}
