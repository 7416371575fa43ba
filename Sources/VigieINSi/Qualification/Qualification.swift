import Foundation
import VigieIdentity

/// What a qualification concluded.
public enum QualificationDecision: Sendable, Hashable {
    /// INSi found one identity, coherent with the local traits: INS, history and returned traits stored.
    case insAccepted
    /// `01`: no INS. Only the document check (if any) is recorded.
    case notFound
    /// `02` even with every first name and the birth place: no INS.
    case several
    /// `00`, but the returned traits differ from the local ones (fields named): no INS; to review.
    case incoherent(fields: [String])

    /// Short code for reports.
    public var code: String {
        switch self {
        case .insAccepted: return "accepted"
        case .notFound: return "not-found"
        case .several: return "several"
        case .incoherent: return "incoherent"
        }
    }
}

/// The result of a qualification: the new identity value and how it got there.
public struct QualificationOutcome: Sendable, Hashable {
    /// The identity after qualification (a new value; the input is never modified).
    public var identity: Identity
    /// What was concluded.
    public var decision: QualificationDecision
    /// The audit events of the status changes, in order.
    public var audit: [AuditEvent]
    /// The INSi calls made.
    public var search: INSiSearchOutcome
}

/// The RNIV qualification workflow: an identity (+ a document check) → INSi → comparison of the returned
/// traits with the local ones → new status through the identity layer's status machine, with audit events.
///
/// On any error nothing changes: the function returns a new value or throws, and the caller's identity is
/// a value. An INSi `01`/`02`, or traits that differ, are answers, not errors: the document check (if any)
/// is then recorded alone (e.g. PROV → VALI) and no INS is stored.
public struct Qualification: Sendable {
    /// The INSi client.
    public let client: INSiClient
    /// Who acts (journaled in the audit events).
    public let actor: String
    /// The COG, to compare birth places through history.
    public let cog: COG

    /// Creates a workflow.
    public init(client: INSiClient, actor: String, cog: COG = .shared) {
        self.client = client
        self.actor = actor
        self.cog = cog
    }

    /// Qualifies one identity.
    public func qualify(_ identity: Identity, document: DocumentCheck?, at time: Date = Date()) async throws(QualificationError)
        -> QualificationOutcome
    {
        for attribute in [IdentityAttribute.fictitious, .doubtful] where identity.attributes.contains(attribute) {
            throw .blocked(attribute)
        }
        if identity.birthDateCorrected { throw .birthDateCorrected }
        let search: INSiSearchOutcome
        do { search = try await client.searchINS(for: identity.traits) } catch { throw .client(error) }
        return try conclude(identity, document: document, search: search, at: time)
    }

    /// Applies an INSi search outcome to an identity (the part of ``qualify(_:document:at:)`` after the calls).
    public func conclude(_ identity: Identity, document: DocumentCheck?, search: INSiSearchOutcome, at time: Date) throws(QualificationError)
        -> QualificationOutcome
    {
        var next = identity
        var audit: [AuditEvent] = []
        func apply(_ event: IdentityEvent, reason: String) throws(QualificationError) {
            do {
                let (changed, record) = try IdentityLifecycle.apply(event, to: next, actor: actor, at: time, reason: reason)
                next = changed
                audit.append(record)
            } catch {
                throw .transition("\(error)")
            }
        }
        let decision: QualificationDecision
        var accepted: ReturnedIdentity?
        switch search.result.reportCode {
        case .found:
            guard let individual = search.result.individual else { throw .invalidAnswer(field: "INDIVIDU") }
            let returned = try ReturnedIdentity(individual)
            let differences = TraitComparison.differences(local: identity.traits, returned: returned.traits, cog: cog)
            if differences.isEmpty {
                decision = .insAccepted
                accepted = returned
            } else {
                decision = .incoherent(fields: differences)
            }
        case .notFound: decision = .notFound
        case .several: decision = .several
        case nil: throw .client(.unexpectedReportCode(search.result.code))
        }
        // A document that is not high-trust does not validate anything (RNIV §3.4): no event.
        if let document, document.isHighTrust {
            try apply(.documentChecked(document), reason: "identity document checked (\(document.type.rawValue))")
        }
        if let accepted {
            // INSi's traits become the strict traits, as returned (PAM FR p.36: never altered afterwards).
            try apply(
                .insiIdentityAccepted(accepted.ins, history: accepted.history, traits: accepted.traits),
                reason: "INSi CR 00, returned traits coherent with the local ones")
        }
        return QualificationOutcome(identity: next, decision: decision, audit: audit, search: search)
    }
}
