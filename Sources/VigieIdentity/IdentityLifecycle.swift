import Foundation

/// The RNIV status machine: applies an ``IdentityEvent`` to an ``Identity`` and returns the new identity
/// and its ``AuditEvent``, or a ``TransitionError`` and no change.
///
/// The status is never set directly: it is derived from two facts the events change — the traits come
/// from an accepted INSi answer, and a high-trust document was checked — with the RNIV matrix
/// (PROV, RECUP, VALI, QUAL), then forced to PROV while DOUT or FICT is set (EXI SI 09). A corrected birth
/// date removes the INSi fact for good (PAM FR §6.6.4). This follows Mediboard's
/// `PatientStatus::updateStatus` and `demoteIdentitySource` (research file §3.1–3.2).
public enum IdentityLifecycle {
    /// Applies `event` to `identity`. Forbidden events throw and change nothing.
    public static func apply(
        _ event: IdentityEvent, to identity: Identity, actor: String, at time: Date, reason: String
    ) throws(TransitionError) -> (Identity, AuditEvent) {
        guard !actor.allSatisfy(\.isWhitespace) else { throw .missingActor }
        var next = identity
        switch event {
        case .documentChecked(let check):
            guard check.isHighTrust else { throw .documentNotHighTrust(check.type) }
            next.hasHighTrustDocument = check

        case .documentAttested(let sender):
            guard !sender.allSatisfy(\.isWhitespace) else { throw .missingActor }
            next.documentAttestedBy = sender

        case .insiResultAccepted(let ins, let history):
            try checkINSiAllowed(identity)
            accept(ins, history: history, into: &next)

        case .insiIdentityAccepted(let ins, let history, let traits):
            try checkINSiAllowed(identity)
            accept(ins, history: history, into: &next)
            next.traits = traits

        case .vitaleApplicationRead(let ins, let traits):
            try checkINSiAllowed(identity)
            accept(ins, history: [], into: &next)
            next.traits = traits
            next.hasHighTrustDocument = DocumentCheck(type: .vitaleApplication)

        case .strictTraitEdited, .insiVerificationFailed:
            demoteINSi(&next)

        case .insiVerified:
            break

        case .strictTraitsReplaced(let traits):
            if traits != identity.traits {
                next.traits = traits
                demoteINSi(&next)
            }

        case .attributeSet(let attribute):
            guard !identity.attributes.contains(attribute) else { throw .attributeAlreadySet(attribute) }
            let exclusive: [IdentityAttribute: IdentityAttribute] = [.doubtful: .fictitious, .fictitious: .doubtful]
            if let other = exclusive[attribute], identity.attributes.contains(other) {
                throw .incompatibleAttributes(attribute, other)
            }
            next.attributes.insert(attribute)

        case .attributeRemoved(let attribute):
            guard identity.attributes.contains(attribute) else { throw .attributeNotSet(attribute) }
            next.attributes.remove(attribute)

        case .insDeleted:
            guard identity.ins != nil else { throw .noINS }
            // PAM FR §4.4.3: the receiver deletes every INS (NIR and NIA) of the patient.
            next.ins = nil
            next.insHistory = []
            next.insiRetrieved = false

        case .documentCheckWithdrawn:
            guard identity.hasHighTrustDocument != nil || identity.documentAttestedBy != nil else { throw .noDocumentCheck }
            next.hasHighTrustDocument = nil
            next.documentAttestedBy = nil

        case .birthDateCorrected:
            next.birthDateCorrected = true
            demoteINSi(&next)

        case .birthDateCorrectedTo(let date):
            next.birthDateCorrected = true
            next.traits.birthDate = date
            demoteINSi(&next)
        }
        next.status = status(of: next)
        let audit = AuditEvent(
            actor: actor, time: time, event: event.name, detail: event.detail, reason: reason,
            statusBefore: identity.status, statusAfter: next.status,
            attributesBefore: identity.attributes.sorted { $0.rawValue < $1.rawValue },
            attributesAfter: next.attributes.sorted { $0.rawValue < $1.rawValue },
            hadINS: identity.ins != nil, hasINS: next.ins != nil)
        return (next, audit)
    }

    /// The status the identity's facts give: the RNIV matrix over (INSi, high-trust document), forced to PROV
    /// by DOUT or FICT; a corrected birth date never counts as INSi-retrieved.
    public static func status(of identity: Identity) -> IdentityStatus {
        if identity.attributes.contains(where: \.blocksQualification) { return .provisional }
        let insi = identity.insiRetrieved && identity.ins != nil && !identity.birthDateCorrected
        let document = identity.hasDocumentEvidence
        return IdentityStatus(insiRetrieved: insi, highTrustDocument: document)
    }

    // MARK: - Internals

    private static func checkINSiAllowed(_ identity: Identity) throws(TransitionError) {
        // FICT before DOUT so the message is stable when (wrongly) both are present.
        for attribute in [IdentityAttribute.fictitious, .doubtful] where identity.attributes.contains(attribute) {
            throw .qualificationBlocked(by: attribute)
        }
        guard !identity.birthDateCorrected else { throw .birthDateWasCorrected }
    }

    private static func accept(_ ins: INS, history: [INS], into identity: inout Identity) {
        var previous = identity.insHistory
        if let old = identity.ins, old != ins { previous.insert(old, at: 0) }
        var seen: Set<INS> = [ins]
        identity.insHistory = (history + previous).filter { seen.insert($0).inserted }
        identity.ins = ins
        identity.insiRetrieved = true
    }

    /// A local edit of strict traits (or a date correction) breaks the link with INSi: the INS is set aside
    /// (kept first in the history for the cell) and QUAL falls to VALI, RECUP to PROV.
    private static func demoteINSi(_ identity: inout Identity) {
        guard identity.insiRetrieved || identity.ins != nil else { return }
        if let ins = identity.ins, !identity.insHistory.contains(ins) { identity.insHistory.insert(ins, at: 0) }
        identity.ins = nil
        identity.insiRetrieved = false
    }
}
