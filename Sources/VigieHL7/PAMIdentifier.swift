import VigieSupport

/// A patient identifier as IHE PAM France writes it in PID-3 or MRG-1 (HL7 CX).
///
/// An IPP is `000003^^^CHU-X&000897406&N^PI`; an INS is
/// `279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS` (PAM FR §6.6.1, Annexe N p.6–10).
public struct PAMIdentifier: Sendable, Hashable {
    /// CX-1, the identifier (`""` for an explicit deletion, as in an INS deletion by A47).
    public var value: String
    /// CX-4.1, the assigning authority's namespace (`CHU-X`, `ASIP-SANTE-INS-NIR`).
    public var namespace: String
    /// CX-4.2, the assigning authority's universal id (FINESS, OID).
    public var universalID: String
    /// CX-4.3, its type (`ISO`, or PAM FR's `M`/`N` for FINESS-EJ/EG, `L` local).
    public var universalIDType: String
    /// CX-5, the identifier type code (`PI`, `INS`, `NH`…).
    public var typeCode: String

    /// The OIDs of the INS (NIR, NIA, test, demonstration): Annexe N p.6–10, ANS test data.
    public static let insOIDs: Set<String> = [
        "1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.9", "1.2.250.1.213.1.4.10", "1.2.250.1.213.1.4.11",
    ]

    /// Creates an identifier.
    public init(value: String, namespace: String = "", universalID: String = "", universalIDType: String = "", typeCode: String = "") {
        self.value = value
        self.namespace = namespace
        self.universalID = universalID
        self.universalIDType = universalIDType
        self.typeCode = typeCode
    }

    /// Reads a CX repetition.
    public init(_ cx: HL7Repetition) {
        let authority = cx.component(4)
        self.init(
            value: cx[1], namespace: authority[1], universalID: authority[2], universalIDType: authority[3],
            typeCode: cx[5])
    }

    /// True for an INS (INS-NIR or INS-NIA): CX-5 `INS` with an INS OID. Keyed on the OID and the type, as
    /// senders disagree on the namespace (Mediboard writes `ASIP-SANTE-INS-NIR` for an NIA); the older CX-5
    /// values `INS-NIR`/`INS-NIA` are accepted too. A billing NIR (CX-5 `NH`, same OID) is not an INS.
    public var isINS: Bool {
        Self.insOIDs.contains(universalID) && (typeCode == "INS" || typeCode == "INS-NIR" || typeCode == "INS-NIA")
    }

    /// True for a national health identifier that is not a local identifier: an INS, a billing NIR (`NH`), a
    /// legacy INS-C. These are never used as record keys.
    public var isNational: Bool {
        isINS || typeCode == "NH" || typeCode == "INS-C" || universalID.hasPrefix("1.2.250.1.213.1.4.")
    }

    /// True when CX-1 is HL7's explicit null `""`: the sender deletes this identifier.
    public var isDeletion: Bool { value == HL7.null }

    /// The domain the RI keys a local identifier on: the universal id (FINESS, OID) when present, else the
    /// namespace, so that `CHU-X&000897406&N` and `&000897406&N` are the same domain.
    public var domain: String { universalID.isEmpty ? namespace : universalID }

    /// The CX repetition.
    public var cx: HL7Repetition {
        HL7Repetition(components: [
            HL7Component(value), HL7Component(""), HL7Component(""),
            HL7Component(subcomponents: universalID.isEmpty && universalIDType.isEmpty
                ? [namespace] : [namespace, universalID, universalIDType]),
            HL7Component(typeCode),
        ])
    }

    /// Checks CX-1 and the authority with `IdentifierText` (the rule every identifier entry point shares):
    /// `777\X00\nobody` must be refused here, not looked up as `777`. `location` is the repetition's.
    public func checkText(at location: HL7ErrorLocation) throws(HL7ErrorReport) {
        for (component, text) in [(1, value), (4, namespace), (4, universalID)] {
            if let problem = IdentifierText.problem(text, allowEmpty: true) {
                var at = location
                at.component = component
                throw HL7ErrorReport(code: .dataTypeError, location: at, diagnostic: "identifier \(problem)")
            }
        }
    }

    /// The CX-4 authority of an INS with this OID, as PAM FR writes it.
    public static func insAuthority(oid: String) -> (namespace: String, oid: String) {
        (oid == "1.2.250.1.213.1.4.9" ? "ASIP-SANTE-INS-NIA" : "ASIP-SANTE-INS-NIR", oid)
    }
}
