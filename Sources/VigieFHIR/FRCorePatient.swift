import VigieIdentity
import VigieRI
import VigieStore

/// An RI identity as a FHIR R4 Patient following FR Core Patient (`fr-core-patient`, and `fr-core-patient-ins`
/// for a qualified identity), sources in /work/shared/research/ins-domain.md §5.
///
/// - The INS identifier (system `urn:oid:` + OID, type `INS-NIR`/`INS-NIA`/…) only when the identity is QUAL:
///   "Le matricule INS ne peut être véhiculé que dans le cas d'une identité qualifiée" (FR Core Patient INS;
///   RNIV EXI SI 08). Never for PROV, RECUP or VALI.
/// - Local identifiers as `PI` (use `usual`), those of identities merged into it as `PI` with use `old` (FR Core
///   slice `PI_OLD`).
/// - The identity-reliability extension with `identityStatus` (PROV/RECUP/VALI/QUAL) and the RNIV attributes.
/// - `name`: the birth name and first names (use `official`, one `given`, the birth first-name list as
///   extension); the used name (use `usual`).
/// - `birthDate` (partial as `YYYY` or `YYYY-MM`), `gender`, birth place (`patient-birthPlace` with the INSEE code).
/// - A merged-away identity: `active` false and `link` `replaced-by` the survivor; a survivor has `replaces` links.
public enum FRCorePatient {
    public static let profile = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient"
    public static let insProfile = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient-ins"
    public static let reliabilityExtension = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-identity-reliability"
    public static let birthListGivenNameExtension = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-patient-birth-list-given-name"
    public static let birthPlaceExtension = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
    public static let inseeCodeExtension = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code"
    public static let communeSystem = "https://mos.esante.gouv.fr/NOS/TRE_R13-CommuneOM/FHIR/TRE-R13-CommuneOM"
    public static let countrySystem = "https://mos.esante.gouv.fr/NOS/TRE_R20-Pays/FHIR/TRE-R20-Pays"
    public static let identifierTypeSystem = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"
    public static let v2IdentifierTypeSystem = "http://terminology.hl7.org/CodeSystem/v2-0203"
    /// Local identifier domains without an OID get this system prefix (an RI-local namespace).
    public static let localSystemPrefix = "urn:vigie:domain:"

    /// The Patient resource of `stored`. `survivor`: the identity it was merged into, when it was.
    public static func resource(_ stored: StoredIdentity, mergedInto survivor: String? = nil) -> FHIRJSON {
        let identity = stored.identity
        let shareINS = RISharePolicy.sharedINS(of: identity) != nil
        var members: [(String, FHIRJSON)] = [
            ("resourceType", .string("Patient")),
            ("id", .string(stored.id)),
            ("meta", .object([
                ("versionId", .string(String(stored.version))),
                ("profile", .array([.string(shareINS ? insProfile : profile)])),
            ])),
        ]
        var extensions: [FHIRJSON] = [reliability(identity)]
        if let place = identity.traits.birthPlace, !place.isUnknown { extensions.append(birthPlace(place)) }
        members.append(("extension", .array(extensions)))
        members.append(("identifier", .array(identifiers(stored, shareINS: shareINS))))
        members.append(("active", .bool(survivor == nil)))
        members.append(("name", .array(names(identity))))
        members.append(("gender", .string(gender(identity.traits.sex))))
        members.append(("birthDate", .string(birthDate(identity.traits.birthDate))))
        var links: [FHIRJSON] = []
        if let survivor {
            links.append(link(to: survivor, type: "replaced-by"))
        } else {
            links += stored.mergedIDs.map { link(to: $0, type: "replaces") }
            links += stored.linkedIDs.map { link(to: $0, type: "seealso") }
        }
        if !links.isEmpty { members.append(("link", .array(links))) }
        return .object(members)
    }

    static func reliability(_ identity: Identity) -> FHIRJSON {
        let status = FRCoreIdentityStatus.identityStatus(identity.status)
        var parts: [FHIRJSON] = [
            .object([("url", .string("identityStatus")), ("valueCoding", .coding(status.system, status.code))])
        ]
        for comment in FRCoreIdentityStatus.comments(identity.attributes) {
            parts.append(.object([("url", .string("comment")), ("valueCodeableConcept", .concept(comment.system, comment.code))]))
        }
        return .object([("extension", .array(parts)), ("url", .string(reliabilityExtension))])
    }

    static func birthPlace(_ place: BirthPlace) -> FHIRJSON {
        let insee: FHIRJSON = .object([
            ("url", .string(inseeCodeExtension)),
            ("valueCoding", .coding(place.isAbroad ? countrySystem : communeSystem, place.code)),
        ])
        return .object([("url", .string(birthPlaceExtension)), ("valueAddress", .object([("extension", .array([insee]))]))])
    }

    static func identifiers(_ stored: StoredIdentity, shareINS: Bool) -> [FHIRJSON] {
        var out: [FHIRJSON] = []
        if shareINS, let ins = stored.identity.ins {
            out.append(.object([
                ("use", .string(ins.authority.fhirUse)),
                ("type", .concept(identifierTypeSystem, ins.authority.fhirIdentifierType)),
                ("system", .string(ins.authority.fhirSystem)),
                ("value", .string(ins.matricule.description)),
            ]))
        }
        for (localIDs, use) in [(stored.localIDs, "usual"), (stored.formerLocalIDs, "old")] {
            for localID in localIDs {
                out.append(.object([
                    ("use", .string(use)),
                    ("type", .concept(v2IdentifierTypeSystem, "PI")),
                    ("system", .string(system(ofDomain: localID.domain))),
                    ("value", .string(localID.value)),
                ]))
            }
        }
        return out
    }

    /// A local domain's identifier system: `urn:oid:` + its OID when the HL7 domain names one (`NS&OID&ISO`),
    /// an RI-local URN otherwise.
    public static func system(ofDomain domain: String) -> String {
        let parts = domain.split(separator: "&", omittingEmptySubsequences: false)
        if parts.count >= 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isNumber || $0 == "." }) { return "urn:oid:" + parts[1] }
        let namespace = parts.first.map(String.init) ?? domain
        return localSystemPrefix + (namespace.addingPercentEncodingForURN())
    }

    static func names(_ identity: Identity) -> [FHIRJSON] {
        let traits = identity.traits
        var official: [(String, FHIRJSON)] = []
        if !traits.firstNames.isEmpty {
            official.append(("extension", .array([.object([
                ("url", .string(birthListGivenNameExtension)), ("valueString", .string(traits.firstNamesList)),
            ])])))
        }
        official.append(("use", .string("official")))
        official.append(("family", .string(traits.birthName)))
        if let first = traits.firstName { official.append(("given", .array([.string(first)]))) }
        var names: [FHIRJSON] = [.object(official)]
        if identity.usedName != nil || identity.usedFirstName != nil {
            var usual: [(String, FHIRJSON)] = [("use", .string("usual"))]
            if let used = identity.usedName { usual.append(("family", .string(used))) }
            if let first = identity.usedFirstName { usual.append(("given", .array([.string(first)]))) }
            names.append(.object(usual))
        }
        return names
    }

    static func gender(_ sex: Sex) -> String {
        switch sex {
        case .male: "male"
        case .female: "female"
        case .unknown: "unknown"
        }
    }

    /// FHIR `date`: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for a partial date (PAM FR's `00` month or day).
    static func birthDate(_ date: BirthDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(date.year)
        if date.month == 0 { return year }
        if date.day == 0 { return year + "-" + two(date.month) }
        return year + "-" + two(date.month) + "-" + two(date.day)
    }

    static func link(to id: String, type: String) -> FHIRJSON {
        .object([("other", .object([("reference", .string("Patient/" + id))])), ("type", .string(type))])
    }
}

extension String {
    /// Characters outside URN-safe ASCII, percent-encoded.
    func addingPercentEncodingForURN() -> String {
        var out = ""
        for byte in utf8 {
            let c = Character(Unicode.Scalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) { out.append(c) } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += (hex.count == 1 ? "%0" : "%") + hex
            }
        }
        return out
    }
}
