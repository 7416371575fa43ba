import VigieIdentity

/// Writes an identity as an IHE PAM France PID (for query responses and outgoing messages).
///
/// PID-32 and the INS follow `PID32.encode`: the INS goes in PID-3 only for a qualified identity (sent as
/// `VALI`), RECUP travels as `PROV` without the INS, attributes follow as further repetitions.
public enum PIDEncoder {
    /// A PID for `identity` known under `localIdentifiers` (value, domain).
    public static func pid(
        _ identity: Identity, localIdentifiers: [(value: String, domain: String)], setID: Int = 1
    ) -> HL7Segment {
        var pid = HL7Segment("PID")
        pid[1] = HL7Field(String(setID))
        var identifiers = localIdentifiers.map { local in
            let isOID = !local.domain.isEmpty && local.domain.allSatisfy { $0.isNumber || $0 == "." } && local.domain.contains(".")
            return isOID
                ? PAMIdentifier(value: local.value, universalID: local.domain, universalIDType: "ISO", typeCode: "PI").cx
                : PAMIdentifier(value: local.value, namespace: local.domain, typeCode: "PI").cx
        }
        let outgoing = PID32.encode(identity)
        if outgoing.sendsINS, let ins = identity.ins {
            let authority = PAMIdentifier.insAuthority(oid: ins.authority.oid)
            identifiers.append(PAMIdentifier(
                value: ins.matricule.value, namespace: authority.namespace, universalID: authority.oid,
                universalIDType: "ISO", typeCode: "INS").cx)
        }
        pid[3] = HL7Field(repetitions: identifiers)
        let traits = identity.traits
        var names = [HL7Repetition([traits.birthName, traits.firstName ?? "", traits.firstNamesList, "", "", "", "L"])]
        if identity.usedName != nil || identity.usedFirstName != nil {
            names.append(HL7Repetition([identity.usedName ?? "", identity.usedFirstName ?? "", "", "", "", "", "D"]))
        }
        pid[5] = HL7Field(repetitions: names)
        pid[7] = HL7Field(hl7Date(traits.birthDate))
        pid[8] = HL7Field(traits.sex.rawValue)
        if let place = traits.birthPlace {
            pid[11] = HL7Field(repetitions: [HL7Repetition(["", "", "", "", "", "", "BDL", "", place.code])])
        }
        pid[32] = HL7Field(repetitions: outgoing.codes.map { HL7Repetition([$0.rawValue]) })
        return pid
    }

    /// PID-7 (DTM) with the precision known: `YYYYMMDD`, `YYYYMM` or `YYYY`. A lunar date (not a calendar
    /// date) keeps only what is a valid calendar part.
    public static func hl7Date(_ date: BirthDate) -> String {
        let year = String(format4(date.year))
        guard date.month >= 1, date.month <= 12 else { return year }
        let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
        guard date.day >= 1, !date.isLunar else { return year + month }
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        return year + month + day
    }

    private static func format4(_ year: Int) -> String {
        let text = String(year)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
