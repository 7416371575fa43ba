/// The authority that assigned an INS matricule, identified by its OID (IHE France Annexe N, p. 7–8).
///
/// NIR and NIA have the same shape: only this OID tells them apart. Test and demonstration OIDs are
/// accepted but flagged as non-production.
public enum INSAuthority: String, Sendable, Hashable, Codable, CaseIterable {
    /// INS-NIR (production).
    case nir = "1.2.250.1.213.1.4.8"
    /// INS-NIA (numéro identifiant d'attente).
    case nia = "1.2.250.1.213.1.4.9"
    /// INS-NIR de test.
    case test = "1.2.250.1.213.1.4.10"
    /// INS-NIR de démonstration.
    case demo = "1.2.250.1.213.1.4.11"

    /// The OID, e.g. `1.2.250.1.213.1.4.8`.
    public var oid: String { rawValue }

    /// Reads an OID, with or without the `urn:oid:` prefix (FHIR identifier systems use it).
    public init?(oid: some StringProtocol) {
        var text = Substring(oid)
        if text.hasPrefix("urn:oid:") { text = text.dropFirst("urn:oid:".count) }
        self.init(rawValue: String(text))
    }

    /// True for the production OIDs (NIR, NIA); false for test and demonstration.
    public var isProduction: Bool { self == .nir || self == .nia }

    /// True for the waiting number (NIA).
    public var isNIA: Bool { self == .nia }

    /// PID-3 CX-4.1 namespace (IHE France Annexe N p.6–10): `ASIP-SANTE-INS-NIA` for the NIA,
    /// `ASIP-SANTE-INS-NIR` otherwise (ANS examples use it with the test OID too).
    public var hl7Namespace: String { self == .nia ? "ASIP-SANTE-INS-NIA" : "ASIP-SANTE-INS-NIR" }

    /// PID-3 CX-4 (HD): `namespace&OID&ISO`, e.g. `ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO`.
    public var hl7AssigningAuthority: String { hl7Namespace + "&" + oid + "&ISO" }

    /// FHIR FR Core identifier system: `urn:oid:` + the OID.
    public var fhirSystem: String { "urn:oid:" + oid }

    /// FHIR FR Core identifier type code (`fr-core-cs-v2-0203`): `INS-NIR`, `INS-NIA`, `INS-NIR-TEST`, `INS-NIR-DEMO`.
    public var fhirIdentifierType: String { "INS-" + shortName }

    /// FHIR identifier use in FR Core's INS slices: `temp` for the NIA, `official` otherwise.
    public var fhirUse: String { self == .nia ? "temp" : "official" }

    /// Short name: `NIR`, `NIA`, `NIR-TEST`, `NIR-DEMO` (the FR Core identifier types without the `INS-` prefix).
    public var shortName: String {
        switch self {
        case .nir: return "NIR"
        case .nia: return "NIA"
        case .test: return "NIR-TEST"
        case .demo: return "NIR-DEMO"
        }
    }
}
