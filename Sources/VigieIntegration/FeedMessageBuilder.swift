import Foundation
import VigieHL7
import VigieIdentity
import VigieStore
import VigieWorker

/// Builds the IHE PAM France message (ITI-30) that announces one outbox entry (docs/integration.md, "Feed").
///
/// | change | message |
/// |---|---|
/// | created | `ADT^A28^ADT_A05` |
/// | updated (traits, status, attributes) | `ADT^A31^ADT_A05` |
/// | identifiers changed, INS changed or withdrawn | `ADT^A47^ADT_A30` (MRG-1: what is retired; PAM FR §4.4.3–4) |
/// | merged | `ADT^A40^ADT_A39` (MRG-1: the merged-away identity's identifiers) |
/// | unmerged | `ADT^A28^ADT_A05` for the restored identity (ITI-30 has no unmerge; its former survivor follows as A31) |
/// | linked / unlinked | `ADT^A24^ADT_A24` / `ADT^A37^ADT_A37` |
///
/// The identities were written to the outbox through the share policy, and `PIDEncoder` applies PID-32's rule
/// again: the INS is in PID-3 only for a QUAL identity. Everything in a message comes from the entry (times
/// included), and MSH-10 is the outbox sequence: a message re-sent after a crash is byte-identical, so a receiver
/// that is idempotent on MSH-10 (as `vigie worker` is) applies it once.
public struct FeedMessageBuilder: Sendable {
    /// MSH-3 and MSH-4.
    public var sendingApplication: String
    public var sendingFacility: String
    /// MSH-5 and MSH-6.
    public var receivingApplication: String
    public var receivingFacility: String
    /// CX-4 of the RI's own identifier (`V…`), the first repetition of PID-3 and of MRG-1.
    public var riDomain: String

    public init(
        sendingApplication: String = "VIGIE", sendingFacility: String = "", receivingApplication: String = "",
        receivingFacility: String = "", riDomain: String = "VIGIE"
    ) {
        self.sendingApplication = sendingApplication
        self.sendingFacility = sendingFacility
        self.receivingApplication = receivingApplication
        self.receivingFacility = receivingFacility
        self.riDomain = riDomain
    }

    /// MSH-10 of the message announcing outbox entry `sequence`.
    public static func controlID(_ sequence: Int64) -> String { "VIGIE\(sequence)" }

    /// The trigger event and message structure (MSH-9.2, MSH-9.3) for a change.
    public static func event(_ kind: OutboxChange.Kind) -> (trigger: String, structure: String) {
        switch kind {
        case .created, .unmerged: ("A28", "ADT_A05")
        case .updated: ("A31", "ADT_A05")
        case .identifiersChanged: ("A47", "ADT_A30")
        case .merged: ("A40", "ADT_A39")
        case .linked: ("A24", "ADT_A24")
        case .unlinked: ("A37", "ADT_A37")
        }
    }

    /// The message for `entry`.
    public func message(for entry: OutboxEntry) -> HL7Message {
        let (trigger, structure) = Self.event(entry.change.kind)
        let time = Worker.hl7Time(entry.time)
        var msh = HL7Segment("MSH")
        msh[1] = "|"
        msh[2] = "^~\\&"
        msh[3] = HL7Field(sendingApplication)
        msh[4] = HL7Field(sendingFacility)
        msh[5] = HL7Field(receivingApplication)
        msh[6] = HL7Field(receivingFacility)
        msh[7] = HL7Field(time)
        msh[9] = HL7Field(components: ["ADT", trigger, structure])
        msh[10] = HL7Field(Self.controlID(entry.sequence))
        msh[11] = "P"
        msh[12] = "2.5"
        msh[17] = "FRA"
        msh[18] = "UNICODE UTF-8"
        var evn = HL7Segment("EVN")
        evn[1] = HL7Field(trigger)
        evn[2] = HL7Field(time)
        // EVN-5: who made the change (an operator's login or the sending application), as journaled.
        evn[5] = HL7Field(entry.actor)
        var segments = [msh, evn]
        switch entry.change {
        case .created(let identity), .updated(let identity), .unmerged(let identity):
            segments += [pid(identity), Self.pv1]
        case .merged(let survivor, let away):
            segments += [pid(survivor), mrg(away)]
        case .identifiersChanged(let identity, let prior):
            var segment = pid(identity)
            if prior.ins != nil, identity.identity.ins == nil || !PID32.encode(identity.identity).sendsINS {
                // PAM FR §4.4.3: `""` in PID-3 deletes every INS the receiver holds for the patient.
                let authority = PAMIdentifier.insAuthority(oid: prior.ins?.authority.oid ?? "")
                var identifiers = segment[3].repetitions
                identifiers.append(PAMIdentifier(
                    value: HL7.null, namespace: authority.namespace, universalID: authority.oid, universalIDType: "ISO",
                    typeCode: "INS").cx)
                segment[3] = HL7Field(repetitions: identifiers)
            }
            segments += [segment, mrg(prior)]
        case .linked(let a, let b), .unlinked(let a, let b):
            segments += [pid(a, setID: 1), pid(b, setID: 2)]
        }
        return HL7Message(segments: segments)
    }

    /// PV1 with patient class N (not applicable): ADT_A05 requires the segment, PAM FR fills it so.
    private static let pv1: HL7Segment = {
        var segment = HL7Segment("PV1")
        segment[1] = "1"
        segment[2] = "N"
        return segment
    }()

    private func pid(_ identity: ListedIdentity, setID: Int = 1) -> HL7Segment {
        PIDEncoder.pid(
            identity.identity,
            localIdentifiers: [(identity.id, riDomain)] + identity.localIDs.map { ($0.value, $0.domain) }, setID: setID)
    }

    /// MRG-1: the RI id and local identifiers retired, then the INS retired (only ever one that had been shared).
    private func mrg(_ prior: OutboxPrior) -> HL7Segment {
        var identifiers: [HL7Repetition] = []
        if let id = prior.id { identifiers.append(PIDEncoder.localIdentifier(value: id, domain: riDomain)) }
        for local in prior.localIDs { identifiers.append(PIDEncoder.localIdentifier(value: local.value, domain: local.domain)) }
        if let ins = prior.ins {
            let authority = PAMIdentifier.insAuthority(oid: ins.authority.oid)
            identifiers.append(PAMIdentifier(
                value: ins.matricule.value, namespace: authority.namespace, universalID: authority.oid, universalIDType: "ISO",
                typeCode: "INS").cx)
        }
        var segment = HL7Segment("MRG")
        segment[1] = HL7Field(repetitions: identifiers)
        return segment
    }
}
