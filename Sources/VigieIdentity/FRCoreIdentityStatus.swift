/// The RNIV status in FHIR FR Core (`fr-core-identity-reliability` extension).
///
/// Two conventions coexist (research file §5): the CI build / PR #306 codes PROV, RECUP, VALI, QUAL in
/// `fr-core-cs-identity-status` with attributes as `comment` codes; the published 2.0.x binds
/// `identityStatus` to the 0445 codes, where VALI with an INS means qualified (invariant fr-core-1).
public enum FRCoreIdentityStatus {
    /// Code system of the four RNIV statuses (FR Core CI, PR #306).
    public static let statusSystem = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-identity-status"
    /// Code system of the status comments (attributes and management codes) (FR Core CI).
    public static let commentSystem = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-identity-status-comment"
    /// Code system of table 0445 (FR Core 2.0.x `identityStatus`).
    public static let v20445System = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0445"

    /// A FHIR Coding (system + code).
    public struct Coding: Sendable, Hashable, Codable {
        /// The code system URI.
        public var system: String
        /// The code.
        public var code: String
    }

    /// `identityStatus` in the RNIV convention (PROV, RECUP, VALI, QUAL).
    public static func identityStatus(_ status: IdentityStatus) -> Coding {
        Coding(system: statusSystem, code: status.rawValue)
    }

    /// `comment` codings for the attributes (sorted by code).
    public static func comments(_ attributes: Set<IdentityAttribute>) -> [Coding] {
        attributes.map(\.rawValue).sorted().map { Coding(system: commentSystem, code: $0) }
    }

    /// `identityStatus` in the published 2.0.x convention (0445 codes): QUAL → VALI (the INS identifier
    /// says it is qualified), RECUP → PROV.
    public static func identityStatusV20445(_ status: IdentityStatus) -> Coding {
        switch status {
        case .provisional, .recovered: return Coding(system: v20445System, code: "PROV")
        case .validated, .qualified: return Coding(system: v20445System, code: "VALI")
        }
    }

    /// Reads an `identityStatus` coding in either convention. For a 0445 `VALI`, `hasINS` tells QUAL from VALI.
    /// Nil for an unknown system or code.
    public static func status(from coding: Coding, hasINS: Bool) -> IdentityStatus? {
        switch coding.system {
        case statusSystem:
            return IdentityStatus(rawValue: coding.code)
        case v20445System:
            switch coding.code {
            case "VALI": return hasINS ? .qualified : .validated
            case "PROV", "VIDE": return .provisional
            default: return nil
            }
        default:
            return nil
        }
    }
}
