import Foundation
import Testing
@testable import VigieFHIR
import VigieIdentity
import VigieStore

/// FR Core Patient mapping (/work/shared/research/ins-domain.md §5).
@Suite struct FRCorePatientTests {
    /// "Le matricule INS ne peut être véhiculé que dans le cas d'une identité qualifiée" (FR Core Patient INS;
    /// RNIV EXI SI 08): the INS appears, with its OID as system, for QUAL only — never for RECUP or VALI.
    @Test(arguments: [IdentityStatus.provisional, .recovered, .validated, .qualified])
    func insOnlyForQualifiedIdentities(status: IdentityStatus) throws {
        let ins: String? = status == .provisional || status == .validated ? nil : Fixtures.testINS
        // VALI with an INS kept from an earlier RECUP must not share it either.
        let identity = try Fixtures.identity(status: status, ins: status == .validated ? Fixtures.testINS : ins)
        let text = FRCorePatient.resource(Fixtures.stored(identity)).text
        if status == .qualified {
            #expect(text.contains(#""system":"urn:oid:1.2.250.1.213.1.4.10","value":"279035121518989""#))
            #expect(text.contains(#""code":"INS-NIR-TEST""#))
            #expect(text.contains(FRCorePatient.insProfile))
        } else {
            #expect(!text.contains(Fixtures.testINS))
            #expect(!text.contains("1.2.250.1.213.1.4.10"))
            #expect(!text.contains(FRCorePatient.insProfile))
        }
    }

    @Test func traitsStatusAndBirthPlace() throws {
        let identity = try Fixtures.identity(status: .qualified, ins: Fixtures.testINS, usedName: "DUPONT")
        let resource = FRCorePatient.resource(Fixtures.stored(identity))
        let text = resource.text
        #expect(resource["gender"] == .string("female"))
        #expect(resource["birthDate"] == .string("1979-03-28"))
        #expect(text.contains(#""use":"official","family":"PAT-TROIS","given":["DOMINIQUE"]"#))
        #expect(text.contains(#""valueString":"DOMINIQUE MARIE""#))
        #expect(text.contains(#""use":"usual","family":"DUPONT""#))
        #expect(text.contains(#"{"system":"https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-identity-status","code":"QUAL"}"#))
        #expect(text.contains(#"{"system":"https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM","code":"63220"}"#))
        #expect(text.contains(#""system":"urn:oid:000897406","value":"000003""#))
        #expect(resource["active"] == .bool(true))
    }

    /// PAM FR allows `00` for an unknown month or day; FHIR `date` writes such a date as `YYYY` or `YYYY-MM`.
    @Test func partialBirthDates() throws {
        #expect(FRCorePatient.birthDate(try BirthDate("1979-00-00")) == "1979")
        #expect(FRCorePatient.birthDate(try BirthDate("1979-03-00")) == "1979-03")
    }

    @Test func abroadBirthPlaceUsesTheCountryCodeSystem() throws {
        let text = FRCorePatient.resource(Fixtures.stored(try Fixtures.identity(status: .provisional, place: "99100"))).text
        #expect(text.contains(#"{"system":"https://mos.esante.gouv.fr/NOS/TRE_R20-Pays/FHIR/TRE-R20-Pays","code":"99100"}"#))
    }

    /// A survivor lists the identities merged into it (`replaces`); FR Core's local-id slice `PI_OLD` (use `old`)
    /// carries the identifiers they brought.
    @Test func survivorLinksAndFormerIdentifiers() throws {
        var stored = Fixtures.stored(try Fixtures.identity(status: .validated), merged: ["V7"])
        stored.formerLocalIDs = [LocalIdentifier(value: "555", domain: "CHU-X&000897406&N")]
        let text = FRCorePatient.resource(stored).text
        #expect(text.contains(#""link":[{"other":{"reference":"Patient/V7"},"type":"replaces"}]"#))
        #expect(text.contains(#""use":"old","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"PI"}]},"system":"urn:oid:000897406","value":"555""#))
    }

    @Test func domainWithoutOIDGetsALocalURN() {
        #expect(FRCorePatient.system(ofDomain: "CHU-X&000897406&N") == "urn:oid:000897406")
        #expect(FRCorePatient.system(ofDomain: "GAM") == "urn:vigie:domain:GAM")
        #expect(FRCorePatient.system(ofDomain: "H Ô") == "urn:vigie:domain:H%20%C3%94")
    }
}
