import Foundation

/// The RNIV status on the HL7 v2 wire: PID-32 of IHE PAM France (table 0445) together with the INS in PID-3.
///
/// PAM FR has no QUAL or RECUP code: QUAL travels as `VALI` with the INS in PID-3, RECUP as `PROV` without
/// the INS, and attributes as additional repetitions (PAM FR §6.6.15, §4.4.4; Mediboard's emitter).
/// Receiving rule (PAM FR p.36): an INS is integrated only when PID-32 contains `VALI`.
public enum PID32 {
    /// What to send for an identity.
    public struct Outgoing: Sendable, Hashable {
        /// PID-32 repetitions: the status code first, then the attributes (sorted by code).
        public var codes: [IdentityReliabilityCode]
        /// True when the INS goes in PID-3 (qualified identity only, birth date not corrected).
        public var sendsINS: Bool
        /// PID-32 as an ER7 field with `~` between repetitions.
        public var field: String { codes.map(\.rawValue).joined(separator: "~") }
    }

    /// The PID-32 repetitions and whether the INS may be sent.
    public static func encode(_ identity: Identity) -> Outgoing {
        let status: IdentityReliabilityCode
        switch identity.status {
        case .provisional, .recovered: status = .provisional
        case .validated, .qualified: status = .validated
        }
        let attributes = identity.attributes.sorted { $0.rawValue < $1.rawValue }.map(IdentityReliabilityCode.init)
        let sendsINS = identity.status == .qualified && identity.ins != nil && !identity.birthDateCorrected
        return Outgoing(codes: [status] + attributes, sendsINS: sendsINS)
    }

    /// What a received PID-32 (with or without an INS in PID-3) means for the RI.
    public struct Incoming: Sendable, Hashable {
        /// The status to record: QUAL for VALI + INS, VALI for VALI alone, PROV otherwise; PROV whenever
        /// DOUT or FICT is present.
        public var status: IdentityStatus
        /// The RNIV attributes found.
        public var attributes: Set<IdentityAttribute>
        /// True when the INS received in PID-3 may be integrated (PID-32 has VALI, no DOUT/FICT).
        public var acceptsINS: Bool
        /// Other 0445 codes (management codes: DPOT, COLP, DESA…), in message order.
        public var otherCodes: [IdentityReliabilityCode]
        /// Repetitions that are not 0445 codes, 1-based (e.g. the non-standard `QUAL`/`RECUP` some senders use).
        public var unknownRepetitions: [Int]
        /// PID-32 held both DOUT and FICT, or DOUT/FICT with VALI: incoherent, reported to the cell.
        public var incoherent: Bool
    }

    /// Reads PID-32 repetitions (`VALI`, `HOMD`…) knowing whether PID-3 carried an INS.
    /// Non-standard `QUAL`/`RECUP` are not trusted: they count as unknown and give no status.
    public static func decode(_ repetitions: [String], insInPID3: Bool) -> Incoming {
        var codes: [IdentityReliabilityCode] = []
        var unknown: [Int] = []
        for (i, text) in repetitions.enumerated() {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if let code = IdentityReliabilityCode(rawValue: trimmed.uppercased()) {
                codes.append(code)
            } else {
                unknown.append(i + 1)
            }
        }
        let attributes = Set(codes.compactMap(\.attribute))
        let blocked = attributes.contains(where: \.blocksQualification)
        let validated = codes.contains(.validated)
        let incoherent = (attributes.contains(.doubtful) && attributes.contains(.fictitious)) || (blocked && validated)
        let status: IdentityStatus
        if blocked {
            status = .provisional
        } else if validated {
            status = insInPID3 ? .qualified : .validated
        } else {
            status = .provisional
        }
        let others = codes.filter {
            $0.attribute == nil && $0 != .validated && $0 != .provisional && $0 != .empty
        }
        return Incoming(
            status: status, attributes: attributes, acceptsINS: validated && !blocked && insInPID3,
            otherCodes: others, unknownRepetitions: unknown, incoherent: incoherent)
    }

    /// Splits an ER7 PID-32 field on `~` and reads it.
    public static func decode(field: String, insInPID3: Bool) -> Incoming {
        decode(field.split(separator: "~", omittingEmptySubsequences: false).map(String.init), insInPID3: insInPID3)
    }
}
