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
        var identifiers = localIdentifiers.map { localIdentifier(value: $0.value, domain: $0.domain) }
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

    /// A local identifier (IPP) as a CX with type `PI`: a domain that is an OID goes in CX-4.2 (`&OID&ISO`), any
    /// other in CX-4.1. PID-3 and MRG-1 (the outbound feed's A40/A47) write it so.
    public static func localIdentifier(value: String, domain: String) -> HL7Repetition {
        let isOID = !domain.isEmpty && domain.allSatisfy { $0.isNumber || $0 == "." } && domain.contains(".")
        return isOID
            ? PAMIdentifier(value: value, universalID: domain, universalIDType: "ISO", typeCode: "PI").cx
            : PAMIdentifier(value: value, namespace: domain, typeCode: "PI").cx
    }

    /// Writes the PID `pid(identity, localIdentifiers:, setID:)` would build, with PID-2 set to `patientID`,
    /// straight into `writer`: the same bytes as encoding that segment, without its field and component arrays
    /// (a query answer writes ten of them per message).
    public static func write(
        _ identity: Identity, localIdentifiers: [(value: String, domain: String)], setID: Int, patientID: String,
        into w: inout ER7Writer
    ) {
        w.segment("PID")
        w.field()
        w.decimal(setID)
        w.field()
        w.value(patientID)
        // PID-3: the local identifiers, then the INS when it is sent (see `pid`).
        w.field()
        var first = true
        for local in localIdentifiers {
            if !first { w.repetition() }
            first = false
            w.value(local.value)
            w.component(); w.component(); w.component()
            let isOID = !local.domain.isEmpty && local.domain.allSatisfy { $0.isNumber || $0 == "." } && local.domain.contains(".")
            if isOID {
                // CX-4 `&OID&ISO` (no namespace).
                w.subcomponent()
                w.value(local.domain)
                w.subcomponent()
                w.plain("ISO")
            } else {
                w.value(local.domain)
            }
            w.component()
            w.plain("PI")
        }
        let outgoing = PID32.encode(identity)
        if outgoing.sendsINS, let ins = identity.ins {
            if !first { w.repetition() }
            let authority = PAMIdentifier.insAuthority(oid: ins.authority.oid)
            w.value(ins.matricule.value)
            w.component(); w.component(); w.component()
            w.value(authority.namespace)
            w.subcomponent()
            w.value(authority.oid)
            w.subcomponent()
            w.plain("ISO")
            w.component()
            w.plain("INS")
        }
        // PID-5: the birth name (L), then the used names (D) when there are any.
        w.fields(2)
        let traits = identity.traits
        w.value(traits.birthName)
        w.component()
        w.value(traits.firstName ?? "")
        w.component()
        w.value(traits.firstNamesList)
        w.plain("^^^^L")
        if identity.usedName != nil || identity.usedFirstName != nil {
            w.repetition()
            w.value(identity.usedName ?? "")
            w.component()
            w.value(identity.usedFirstName ?? "")
            w.plain("^^^^^D")
        }
        w.fields(2)
        writeDate(traits.birthDate, into: &w)
        w.field()
        w.value(traits.sex.rawValue)
        w.fields(3)
        if let place = traits.birthPlace {
            w.plain("^^^^^^BDL^^")
            w.value(place.code)
        }
        // PID-12 to PID-31 empty, then PID-32.
        w.fields(21)
        for (index, code) in outgoing.codes.enumerated() {
            if index > 0 { w.repetition() }
            w.value(code.rawValue)
        }
    }

    /// `hl7Date` written as bytes: no string per candidate.
    private static func writeDate(_ date: BirthDate, into w: inout ER7Writer) {
        guard date.year >= 1000, date.year <= 9999 else {
            w.value(hl7Date(date))
            return
        }
        w.decimal(date.year)
        guard date.month >= 1, date.month <= 12 else { return }
        twoDigits(date.month, into: &w)
        guard date.day >= 1, !date.isLunar else { return }
        twoDigits(date.day, into: &w)
    }

    @inline(__always)
    private static func twoDigits(_ value: Int, into w: inout ER7Writer) {
        if value < 10 { w.bytes.append(UInt8(ascii: "0")) }
        w.decimal(value)
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
