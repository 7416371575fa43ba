import VigieIdentity

/// Writes the IHE PAM France ZFD segment of an identity (PAM FR 2.11 §6.18 p.84–86) after its PID in the RI's
/// answers (RSP^K22): ZFD-4 corrected birth date, ZFD-5 mode of collection, ZFD-6 date of the INSi call, ZFD-7
/// type of identity document, ZFD-8 its expiry. PAM FR carries ZFD with the PID of A01/A04/A05/A14/A28/A31/Z99;
/// an answer that gives a consumer the identity gives it the same evidence (docs/ri.md). Written only when one of
/// these is known; ZFD-1..3 (lunar date, gestation) are left empty: the PID already carries the birth date.
/// No trait and no INS travel in ZFD.
public enum ZFDEncoder {
    /// True when `identity` has something for a ZFD.
    public static func hasContent(_ identity: Identity) -> Bool {
        identity.birthDateCorrected || identity.identityMode != nil || identity.insiQueryDate != nil
            || identity.hasHighTrustDocument != nil
    }

    /// The ZFD for `identity`, or nil when it has nothing for one.
    public static func zfd(_ identity: Identity) -> HL7Segment? {
        guard hasContent(identity) else { return nil }
        var zfd = HL7Segment("ZFD")
        zfd[4] = HL7Field(identity.birthDateCorrected ? "Y" : "N")
        if let mode = identity.identityMode { zfd[5] = HL7Field(mode) }
        if let date = identity.insiQueryDate { zfd[6] = HL7Field(hl7Day(date)) }
        if let document = identity.hasHighTrustDocument {
            zfd[7] = HL7Field(document.type.rawValue)
            if let expires = document.expires { zfd[8] = HL7Field(hl7Day(expires)) }
        }
        return zfd
    }

    /// Writes the segment `zfd(identity)` would build straight into `w` (nothing when it has no content).
    public static func write(_ identity: Identity, into w: inout ER7Writer) {
        guard let zfd = zfd(identity) else { return }
        w.append(zfd)
    }

    /// `YYYY-MM-DD` (or an ISO 8601 time after it) as HL7's `YYYYMMDD`; anything else as it is.
    static func hl7Day(_ iso: String) -> String {
        let day = iso.prefix(10)
        guard day.count == 10, day.dropFirst(4).first == "-", day.dropFirst(7).first == "-" else { return iso }
        return day.filter { $0 != "-" }
    }
}
