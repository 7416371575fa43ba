import Foundation
import VigieIdentity

/// The RNIV rules applied to what a sender claims, through ``IdentityLifecycle`` only: the status is never taken
/// from the request, it follows from the evidence (document, INSi) and the attributes. Each step yields the
/// lifecycle's ``AuditEvent``, journaled as a typed status event.
struct RIStatusMachine {
    let actor: String
    let time: Date
    let reason: String
    var events: [AuditEvent] = []
    var notices: [RINotice] = []

    init(actor: String, time: Date, reason: String) {
        self.actor = actor
        self.time = time
        self.reason = reason
    }

    private mutating func apply(_ event: IdentityEvent, to identity: inout Identity) throws(TransitionError) {
        let (next, audit) = try IdentityLifecycle.apply(event, to: identity, actor: actor, at: time, reason: reason)
        identity = next
        events.append(audit)
    }

    /// A new identity: PROV, then the record's attributes, corrected date, document, INS, in this order, each
    /// through the lifecycle. Evidence that does not stand is dropped with a notice (HL7: PAM FR integrates the
    /// identity without what cannot be integrated) or refused (`record.refusesUnsupportedClaims`).
    mutating func admit(_ record: RIRecord, strict: Bool) throws(RIError) -> Identity {
        let claim = record.identity
        var identity = Identity(
            traits: claim.traits, usedName: claim.usedName, usedFirstName: claim.usedFirstName,
            identityMode: claim.identityMode)
        try checkBirthPlace(identity)
        try apply(record, onto: &identity, strict: strict, stored: nil)
        return identity
    }

    /// An update of a stored identity: traits, attributes and evidence from the record, through the lifecycle.
    ///
    /// A strict trait that changes without an INSi result that came with the new traits ends the qualification
    /// (RNIV: the INS is bound to the traits INSi returned; PAM FR §6.6.2): the INS is set aside in the history,
    /// QUAL falls to VALI when the document evidence stands, else PROV; RECUP to PROV.
    mutating func update(_ stored: Identity, with record: RIRecord, strict: Bool) throws(RIError) -> Identity {
        var identity = stored
        let claim = record.identity
        identity.usedName = claim.usedName
        identity.usedFirstName = claim.usedFirstName
        if let mode = claim.identityMode { identity.identityMode = mode }
        var changed = claim.traits
        if record.deletesINS, identity.ins != nil {
            try lifecycle(.insDeleted, &identity, field: .ins)
        }
        let reQualified = claim.ins != nil && record.evidence.insi != nil
        if claim.traits != stored.traits && !reQualified {
            changed.birthPlace = claim.traits.birthPlace
            var probe = identity
            probe.traits = changed
            try checkBirthPlace(probe)
            let before = identity.status
            let hadINS = identity.ins != nil
            try lifecycle(.strictTraitsReplaced(changed), &identity, field: .birthName)
            if hadINS && identity.ins == nil {
                notices.append(RINotice(
                    .demoted, .birthName,
                    "strict traits changed without INSi: status \(before.rawValue) -> \(identity.status.rawValue), INS set aside"))
                notices.append(RINotice(.insWithheld, .ins, "INS no longer shared (kept in the identity's history)"))
            }
        }
        try apply(record, onto: &identity, strict: strict, stored: stored)
        return identity
    }

    /// Attributes, corrected date, document and INSi evidence of `record`, onto `identity`.
    private mutating func apply(_ record: RIRecord, onto identity: inout Identity, strict: Bool, stored: Identity?) throws(RIError) {
        let claim = record.identity
        // Attributes: the record is authoritative (PAM FR PID-32 lists them all); removals first.
        for attribute in identity.attributes.subtracting(claim.attributes).sorted(by: { $0.rawValue < $1.rawValue }) {
            try lifecycle(.attributeRemoved(attribute), &identity, field: .attributes)
        }
        for attribute in claim.attributes.subtracting(identity.attributes).sorted(by: { $0.rawValue < $1.rawValue }) {
            try lifecycle(.attributeSet(attribute), &identity, field: .attributes)
        }
        if claim.birthDateCorrected && !identity.birthDateCorrected {
            try lifecycle(.birthDateCorrectedTo(claim.traits.birthDate), &identity, field: .birthDateCorrected)
        }
        // A sender that no longer says VALI withdraws what rested on its word (PAM FR §4.4.4: demotion by the sender).
        if record.evidence.withdrawsSenderDocument, stored != nil,
            identity.documentAttestedBy != nil || (identity.hasHighTrustDocument != nil && identity.hasHighTrustDocument?.checkedBy == nil)
        {
            try lifecycle(.documentCheckWithdrawn, &identity, field: .document)
        }
        // Document evidence: a high-trust check, or a sender's VALI attestation.
        if let document = record.evidence.document, identity.hasHighTrustDocument != document {
            if document.isHighTrust {
                try lifecycle(.documentChecked(document), &identity, field: .document)
            } else {
                try refuseOrNotice(
                    strict, .statusNotGranted, .document,
                    "document type \(document.type.rawValue) is not a high-trust identification device")
                if identity.hasHighTrustDocument == nil { identity.hasHighTrustDocument = document }
            }
        } else if record.evidence.document == nil, let sender = record.evidence.documentAttestedBy, !identity.hasDocumentEvidence {
            try lifecycle(.documentAttested(by: sender), &identity, field: .document)
        }
        // INSi evidence: the INS and the traits that came with it.
        if let ins = claim.ins {
            if let evidence = record.evidence.insi {
                let place = claim.traits.birthPlace
                if place?.isUnknown == true {
                    try refuseOrNotice(strict, .notIntegrated, .birthPlace, "INS not integrated: birth place 99999 (unknown) cannot be qualified")
                } else if identity.attributes.contains(where: \.blocksQualification) || identity.birthDateCorrected {
                    try refuseOrNotice(strict, .notIntegrated, .ins, "INS not integrated: DOUT, FICT or a corrected birth date forbids it")
                } else if identity.ins != ins || !identity.insiRetrieved || identity.traits != claim.traits {
                    try lifecycle(.insiIdentityAccepted(ins, history: claim.insHistory, traits: claim.traits), &identity, field: .ins)
                    switch evidence {
                    case .sender(_, let date): identity.insiQueryDate = date ?? identity.insiQueryDate
                    case .teleservice(let date): identity.insiQueryDate = date ?? identity.insiQueryDate
                    }
                }
            } else {
                try refuseOrNotice(strict, .notIntegrated, .ins, "INS not integrated: no INSi evidence (RECUP or QUAL needs it)")
            }
        }
        // The claimed status, when above what the evidence gives.
        if rank(claim.status) > rank(identity.status), stored == nil || claim.status != stored?.status {
            try refuseOrNotice(
                strict, .statusNotGranted, claim.status == .qualified || claim.status == .recovered ? .insi : .document,
                "status \(claim.status.rawValue) not granted without its evidence; status is \(identity.status.rawValue)")
        }
    }

    /// Birth place at intake: a COG code valid at the birth date (its history), a country code, or 99999.
    func checkBirthPlace(_ identity: Identity) throws(RIError) {
        guard let place = identity.traits.birthPlace, !place.isUnknown, !place.isAbroad else { return }
        let cog = COG.shared
        guard cog.contains(place) else {
            throw RIError(.invalidValue, .birthPlace, "birth place: not a COG commune code")
        }
        guard cog.isValid(place, on: identity.traits.birthDate) else {
            throw RIError(.invalidValue, .birthPlace, "birth place: the COG code did not exist at the birth date")
        }
    }

    private mutating func lifecycle(_ event: IdentityEvent, _ identity: inout Identity, field: RIField) throws(RIError) {
        do { try apply(event, to: &identity) } catch {
            throw RIError(.forbidden, field, error.description)
        }
    }

    private mutating func refuseOrNotice(_ strict: Bool, _ kind: RINotice.Kind, _ field: RIField, _ message: String) throws(RIError) {
        if strict { throw RIError(.forbidden, field, message) }
        notices.append(RINotice(kind, field, message))
    }

    private func rank(_ status: IdentityStatus) -> Int {
        switch status {
        case .provisional: 0
        case .recovered: 1
        case .validated: 2
        case .qualified: 3
        }
    }
}
