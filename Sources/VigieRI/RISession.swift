import Foundation
import VigieIdentity
import VigieMatch
import VigieStore

/// The référentiel's commands inside one store transaction (one message of a batch, in its savepoint).
///
/// Index changes are collected in `pending` and applied by the `Referentiel` only once the command's savepoint
/// is released, so that the live index never holds a change that was rolled back.
public struct RISession {
    let transaction: StoreTransaction
    let index: LiveIndex
    let change: ChangeContext
    let candidateLimit: Int
    var pending: [IndexChange] = []
    let events: RIEventLog

    init(transaction: StoreTransaction, index: LiveIndex, change: ChangeContext, candidateLimit: Int) {
        self.transaction = transaction
        self.index = index
        self.change = change
        self.candidateLimit = candidateLimit
        self.events = RIEventLog(transaction: transaction, change: change)
    }

    /// Runs one command. A command that throws must be rolled back by the caller (the `Referentiel` does).
    public mutating func execute(_ command: RICommand) throws(RIError) -> RIOutcome {
        let basis = events.basis(for: command)
        let outcome = try run(command)
        do { try events.committed(command, basis: basis, outcome: outcome) } catch { throw RIError(error) }
        return outcome
    }

    private mutating func run(_ command: RICommand) throws(RIError) -> RIOutcome {
        do {
            switch command {
            case .upsert(let record): return try upsert(record, target: nil, mustBeNew: false)
            case .create(let record): return try upsert(record, target: nil, mustBeNew: true)
            case .update(let ref, let record):
                guard let target = try identity(ref) else { throw RIError(.notFound, .identity, "identity not found") }
                return try upsert(record, target: target, mustBeNew: false)
            case .merge(let survivor, let mergedAway, let record): return try merge(survivor, mergedAway, record: record)
            case .unmerge(let id): return try unmerge(id)
            case .link(let a, let b): return try link(a, b, unlink: false)
            case .unlink(let a, let b): return try link(a, b, unlink: true)
            case .changeIdentifiers(let change): return try changeIdentifiers(change)
            case .qualify(let id, let document, let result): return try qualify(id, document: document, result: result)
            case .verify(let id, let result): return try verify(id, result: result)
            case .resolveReview(let item, let decision): return try resolveReview(item, decision)
            }
        } catch let error as RIError {
            throw error
        } catch {
            throw RIError(error)
        }
    }

    /// The identity a reference designates (survivor of a merged one), or nil.
    public func identity(_ ref: RIIdentityRef) throws(RIError) -> StoredIdentity? {
        do {
            switch ref {
            case .id(let id): return try transaction.identity(id: id)
            case .localIDs(let locals):
                for local in locals { if let found = try transaction.identity(localID: local) { return found } }
                return nil
            case .ins(let matricule): return try transaction.identities(insMatricule: matricule).first
            }
        } catch { throw RIError(error) }
    }

    // MARK: Create / update

    /// Creates the identity, or updates the one its local identifiers (or `target`) designate, then scores it
    /// against its candidates and queues potential duplicates and collisions.
    mutating func upsert(_ record: RIRecord, target: StoredIdentity?, mustBeNew: Bool) throws -> RIOutcome {
        guard target != nil || !record.localIDs.isEmpty else {
            throw RIError(.missingValue, .localIDs, "no local identifier (IPP) to key the identity on")
        }
        var owners: [String: StoredIdentity] = [:]
        if let target { owners[target.id] = target }
        for local in record.localIDs {
            if let owner = try transaction.identity(localID: local) { owners[owner.id] = owner }
        }
        guard owners.count <= 1 else {
            let ids = owners.keys.sorted().joined(separator: ", ")
            throw RIError(.conflict, .localIDs, "the local identifiers belong to different identities (\(ids)); merge them first (A40)")
        }
        if mustBeNew, let owner = owners.values.first {
            throw RIError(.conflict, .localIDs, "the local identifiers already designate identity \(owner.id)")
        }
        var machine = RIStatusMachine(actor: change.actor, time: change.time, reason: change.reason)
        let strict = record.refusesUnsupportedClaims
        let stored: StoredIdentity
        var action: RIAction
        var collisions: [RICandidate] = []
        if let existing = owners.values.first {
            let next = try machine.update(existing.identity, with: record, strict: strict)
            var changed = false
            for local in record.localIDs where !existing.localIDs.contains(local) && !existing.formerLocalIDs.contains(local) {
                _ = try transaction.addLocalIdentifier(local, to: existing.id, change: change)
                changed = true
            }
            let updated = try transaction.update(id: existing.id, to: next, change: change)
            changed = changed || updated.identity != existing.identity
            stored = updated
            action = changed ? .updated : .unchanged
            if machine.notices.contains(where: { $0.kind == .demoted }) { action = .demoted }
            if existing.identity.traits != next.traits {
                collisions += try checkUpdateCoherence(id: existing.id, before: existing.identity, after: next)
            }
        } else {
            let identity = try machine.admit(record, strict: strict)
            stored = try transaction.create(identity, localIDs: record.localIDs, change: change)
            action = .created
        }
        try events.statusEvents(machine.events, of: stored.id)
        let prepared = try index.prepare(stored.identity, id: stored.id)
        let candidates = try match(prepared, stored: stored) + collisions
        pending.append(.upsert(prepared))
        return outcome(stored, action: action, candidates: candidates, notices: machine.notices, statusChanges: machine.events)
    }

    /// An update whose strict traits no longer fit the stored ones may put a second patient on the identity:
    /// a potential collision for the cell (never silently accepted as a correction).
    private mutating func checkUpdateCoherence(id: String, before: Identity, after: Identity) throws -> [RICandidate] {
        guard let old = try? index.prepare(before, id: id + "-before") else { return [] }
        let new = try index.prepare(after, id: id)
        let pair = score(old, new, model: index.model)
        guard pair.decision == .nonMatch else { return [] }
        let item = try transaction.enqueueReview(
            ReviewItem(kind: .potentialCollision, identityIDs: [id], score: pair.score,
                       explanation: ReviewReason.explanation([.updateIncoherentWithStoredTraits], then: pair.explanation.description)),
            change: change)
        return [RICandidate(
            identityID: id, score: pair.score, decision: RIDecision(pair.decision), kind: .collision,
            reviewItem: item.status == .open ? item.id : nil, explanation: item.explanation)]
    }

    /// Scores the identity against its candidates and the other holders of its INS; queues each pair.
    private mutating func match(_ record: PreparedRecord, stored: StoredIdentity) throws -> [RICandidate] {
        let excluded = Set(stored.linkedIDs + stored.mergedIDs + [stored.id])
        var found: [RICandidate] = []
        var seen: Set<String> = []
        for (id, pair) in index.candidates(for: record, limit: candidateLimit) where !excluded.contains(id) {
            seen.insert(id)
            let kind: RICandidate.Kind = pair.explanation.alerts.contains("ins-collision") ? .collision : .duplicate
            found.append(try queue(stored.id, id, pair, kind: kind))
        }
        // Same INS on another identity: a duplicate if the traits fit, else a potential collision.
        if let ins = stored.identity.ins {
            for other in try transaction.identities(insMatricule: ins.matricule.value)
            where !excluded.contains(other.id) && !seen.contains(other.id) {
                guard let otherRecord = try? PreparedRecord(identity: other.identity, id: other.id) else { continue }
                let pair = score(record, otherRecord, model: index.model)
                found.append(try queue(stored.id, other.id, pair, kind: pair.decision == .match ? .duplicate : .collision))
            }
        }
        return found.sorted { $0.score > $1.score }
    }

    private mutating func queue(_ a: String, _ b: String, _ pair: PairScore, kind: RICandidate.Kind) throws -> RICandidate {
        let explanation = ReviewReason.explanation(kind == .collision ? [.sameINS] : [], then: pair.explanation.description)
        let item = try transaction.enqueueReview(
            ReviewItem(kind: kind == .collision ? .potentialCollision : .potentialDuplicate, identityIDs: [a, b],
                       score: pair.score, explanation: explanation),
            change: change)
        return RICandidate(
            identityID: b, score: pair.score, decision: RIDecision(pair.decision), kind: kind,
            reviewItem: item.status == .open ? item.id : nil, explanation: explanation)
    }

    // MARK: Merge, unmerge, link, identifiers

    /// Merges `mergedAway` into `survivor` (A40, JSON merge), then applies the record to the survivor.
    /// Already merged into the same survivor: done. Two different INS: refused (a potential collision).
    mutating func merge(_ survivorRef: RIIdentityRef, _ awayRef: RIIdentityRef, record: RIRecord?) throws -> RIOutcome {
        guard let survivor = try identity(survivorRef) else { throw RIError(.notFound, .survivor, "surviving patient unknown") }
        guard let mergedAway = try identity(awayRef) else { throw RIError(.notFound, .mergedAway, "merged-away patient unknown") }
        var action = RIAction.alreadyDone
        var notices: [RINotice] = []
        if mergedAway.id != survivor.id {
            let awayID: String
            if case .id(let id) = awayRef { awayID = id } else { awayID = mergedAway.id }
            let failure: StoreError?
            do {
                _ = try transaction.merge(survivor: survivor.id, mergedAway: awayID, change: change)
                failure = nil
            } catch {
                failure = error
            }
            switch failure {
            case nil:
                action = .merged
                pending.append(.remove(awayID))
                notices += Self.mergeNotices(survivor: survivor.identity, mergedAway: mergedAway.identity)
            case .mergedAway(let id, let into)? where id == awayID:
                guard into == survivor.id || survivor.mergedIDs.contains(awayID) else {
                    throw RIError(.notFound, .mergedAway, "identity \(awayID) was already merged into \(into)")
                }
            case .conflictingINS(let s, let m)?:
                throw RIError(.collision, .mergedAway, "cannot merge \(m) into \(s): they carry different INS (two patients); review as a collision")
            case let error?:
                throw error
            }
        }
        guard var result = try record.map({ record in try upsert(record, target: survivor, mustBeNew: false) }) else {
            guard let current = try transaction.identity(id: survivor.id) else { throw RIError(.notFound, .survivor, "surviving patient unknown") }
            return outcome(current, action: action, candidates: [], notices: notices, statusChanges: [])
        }
        result.action = action
        result.notices = notices + result.notices
        return result
    }

    /// PAM FR A40 (Mediboard's PatientMergeService warns likewise): the sender should know when the identity
    /// merged away was the better one.
    static func mergeNotices(survivor: Identity, mergedAway: Identity) -> [RINotice] {
        var notices: [RINotice] = []
        let order: [IdentityStatus] = [.provisional, .recovered, .validated, .qualified]
        if (order.firstIndex(of: mergedAway.status) ?? 0) > (order.firstIndex(of: survivor.status) ?? 0) {
            notices.append(RINotice(
                .mergedAwayHigherStatus, .mergedAway,
                "the merged-away identity was \(mergedAway.status.rawValue), the survivor \(survivor.status.rawValue)"))
        }
        if mergedAway.ins != nil, survivor.ins == nil {
            notices.append(RINotice(.mergedAwayOnlyINS, .mergedAway, "only the merged-away identity held an INS; the survivor has none"))
        }
        return notices
    }

    /// Restores a merged-away identity from the journal.
    mutating func unmerge(_ id: String) throws -> RIOutcome {
        let restored: StoredIdentity
        do { restored = try transaction.unmerge(mergedAway: id, change: change) } catch {
            switch error {
            case .invalidChange(_, let reason): throw RIError(.conflict, .mergedAway, reason)
            case .notFound: throw RIError(.notFound, .mergedAway, "identity \(id) not found")
            default: throw error
            }
        }
        let prepared = try index.prepare(restored.identity, id: restored.id)
        pending.append(.upsert(prepared))
        return outcome(restored, action: .unmerged, candidates: [], notices: [], statusChanges: [])
    }

    /// Links (A24) or unlinks (A37) two identities.
    mutating func link(_ a: RIIdentityRef, _ b: RIIdentityRef, unlink: Bool) throws -> RIOutcome {
        guard let first = try identity(a) else { throw RIError(.notFound, .identity, "patient unknown") }
        guard let second = try identity(b) else { throw RIError(.notFound, .other, "patient unknown") }
        guard first.id != second.id else { throw RIError(.conflict, .other, "both designate identity \(first.id)") }
        let changed = unlink
            ? try transaction.unlink(first.id, second.id, change: change)
            : try transaction.link(first.id, second.id, change: change)
        guard let stored = try transaction.identity(id: first.id) else { throw StoreError.notFound(id: first.id) }
        return outcome(stored, action: changed ? (unlink ? .unlinked : .linked) : .alreadyDone, candidates: [], notices: [], statusChanges: [])
    }

    /// A47 (PAM FR §4.4.3): the patient is found by the identifiers in MRG, the INS included; never created.
    mutating func changeIdentifiers(_ request: RIIdentifierChange) throws -> RIOutcome {
        var target: StoredIdentity?
        var bound: [LocalIdentifier] = []
        for local in request.prior {
            if let owner = try transaction.identity(localID: local) {
                target = target ?? owner
                if owner.localIDs.contains(local) { bound.append(local) }
            }
        }
        for matricule in request.priorINS where target == nil {
            target = try transaction.identities(insMatricule: matricule).first
        }
        if target == nil {
            // Already applied (the new identifiers are bound, the old ones gone).
            for local in request.record.localIDs where target == nil { target = try transaction.identity(localID: local) }
        }
        guard let target else { throw RIError(.notFound, .priorIdentifiers, "prior identifier unknown") }
        // PAM FR §4.4.3: the INS named in MRG-1 must be the one the identity holds (unless already replaced by
        // the message's new INS: a re-sent A47).
        if !request.priorINS.isEmpty, let stored = target.identity.ins, !request.priorINS.contains(stored.matricule.value),
            stored != request.record.identity.ins
        {
            throw RIError(.conflict, .priorIdentifiers, "the INS in MRG-1 is not the identity's INS")
        }
        if !request.priorINS.isEmpty, request.record.identity.ins == nil, !request.record.deletesINS {
            throw RIError(.missingValue, .ins, "INS change without a new INS or a deletion (\"\") in PID-3")
        }
        for local in bound { _ = try transaction.removeLocalIdentifier(local, change: change) }
        for local in request.record.localIDs {
            let current = try transaction.identity(id: target.id)
            if !(current?.localIDs.contains(local) ?? false) { _ = try transaction.addLocalIdentifier(local, to: target.id, change: change) }
        }
        guard let current = try transaction.identity(id: target.id) else { throw RIError(.notFound, .priorIdentifiers, "prior identifier unknown") }
        var record = request.record
        record.localIDs = []
        var result = try upsert(record, target: current, mustBeNew: false)
        if result.action != .demoted { result.action = .identifiersChanged }
        return result
    }

    // MARK: Qualification and review

    /// Applies a document check and an INSi result through the status machine.
    mutating func qualify(_ id: String, document: DocumentCheck, result: RIQualificationResult) throws -> RIOutcome {
        guard let stored = try transaction.identity(id: id) else { throw RIError(.notFound, .identity, "identity \(id) not found") }
        var machine = RIStatusMachine(actor: change.actor, time: change.time, reason: change.reason)
        var record = RIRecord(identity: stored.identity, localIDs: [], evidence: RIEvidence(document: document))
        record.refusesUnsupportedClaims = true
        record.identity.status = .provisional
        var notices: [RINotice] = []
        switch result {
        case .accepted(let ins, let history, let traits, let date):
            record.identity.ins = ins
            record.identity.insHistory = history
            record.identity.traits = traits
            record.evidence.insi = .teleservice(queriedOn: date)
        case .refused(let reason):
            notices.append(RINotice(.statusNotGranted, .insi, "INSi: \(reason)"))
        }
        let next = try machine.update(stored.identity, with: record, strict: true)
        let updated = try transaction.update(id: id, to: next, change: change)
        try events.statusEvents(machine.events, of: id)
        let call = RIINSiCallOutcome(result)
        try transaction.journalINSiCall(of: id, call, change: change)
        let prepared = try index.prepare(updated.identity, id: id)
        pending.append(.upsert(prepared))
        let action: RIAction = updated.identity.status == .qualified && stored.identity.status != .qualified ? .qualified
            : (updated.identity != stored.identity ? .updated : .unchanged)
        var done = outcome(updated, action: action, candidates: [], notices: notices + machine.notices, statusChanges: machine.events)
        done.insiCall = call
        return done
    }

    /// The periodic INSi re-check of a QUAL identity, journaled whatever its outcome.
    mutating func verify(_ id: String, result: RIQualificationResult) throws -> RIOutcome {
        guard let stored = try transaction.identity(id: id) else { throw RIError(.notFound, .identity, "identity \(id) not found") }
        let confirmed: Bool
        var notices: [RINotice] = []
        switch result {
        case .accepted(let ins, _, let traits, _):
            confirmed = ins.matricule == stored.identity.ins?.matricule && traits == stored.identity.traits
            if !confirmed { notices.append(RINotice(.demoted, .insi, "INSi no longer returns this INS with the stored traits")) }
        case .refused(let reason):
            confirmed = false
            notices.append(RINotice(.demoted, .insi, "INSi: \(reason)"))
        }
        let (next, audit) = try IdentityLifecycle.apply(
            confirmed ? .insiVerified : .insiVerificationFailed, to: stored.identity, actor: change.actor, at: change.time,
            reason: change.reason)
        // Journaled even when nothing changed: the periodic check's outcome is evidence too.
        try transaction.journalStatusEvent(id: id, audit, change: change)
        let call = RIINSiCallOutcome(result, confirmed: confirmed)
        try transaction.journalINSiCall(of: id, call, change: change)
        var updated = stored
        if next != stored.identity {
            updated = try transaction.update(id: id, to: next, change: change)
            pending.append(.upsert(try index.prepare(updated.identity, id: id)))
        }
        let action: RIAction = confirmed ? .unchanged : (next.status != stored.identity.status ? .demoted : .updated)
        var done = outcome(updated, action: action, candidates: [], notices: notices, statusChanges: [audit])
        done.insiCall = call
        return done
    }

    /// Resolves a review item as the cell decided.
    mutating func resolveReview(_ id: Int64, _ decision: RIReviewDecision) throws -> RIOutcome {
        let item = try transaction.reviewItem(id)
        let first = item.identityIDs[0]
        switch decision {
        case .merge(let survivor):
            guard item.identityIDs.count == 2, item.identityIDs.contains(survivor) else {
                throw RIError(.invalidValue, .reviewItem, "the survivor must be one of the item's identities")
            }
            let away = item.identityIDs.first { $0 != survivor }!
            var result = try merge(.id(survivor), .id(away), record: nil)
            result.reviewItem = try transaction.reviewItem(id)
            return result
        case .deferred:
            let kept = try transaction.deferReview(id: id, change: change)
            guard let stored = try transaction.identity(id: first) else { throw RIError(.notFound, .reviewItem, "identity \(first) not found") }
            return outcome(stored, action: .reviewed, candidates: [], notices: [], statusChanges: [], item: kept)
        case .notDuplicate, .homonym, .homonymConfirmed:
            let resolution: ReviewItem.Resolution = decision == .notDuplicate ? .notDuplicate : .homonym
            let resolved = try transaction.resolveReview(id: id, as: resolution, change: change)
            var changes: [AuditEvent] = []
            if decision != .notDuplicate {
                // PAM FR table 0445: HOMD (homonym detected), HOMA (homonym confirmed) on both identities.
                let attribute: IdentityAttribute = decision == .homonym ? .homonymDetected : .homonymConfirmed
                for identityID in item.identityIDs {
                    guard let stored = try transaction.identity(id: identityID), !stored.identity.attributes.contains(attribute) else { continue }
                    let (next, audit) = try IdentityLifecycle.apply(
                        .attributeSet(attribute), to: stored.identity, actor: change.actor, at: change.time, reason: change.reason)
                    _ = try transaction.update(id: stored.id, to: next, change: change)
                    try events.statusEvents([audit], of: stored.id)
                    changes.append(audit)
                }
            }
            if item.identityIDs.count == 2 { pending.append(.notDuplicate(item.identityIDs[0], item.identityIDs[1])) }
            guard let stored = try transaction.identity(id: first) else { throw RIError(.notFound, .reviewItem, "identity \(first) not found") }
            return outcome(stored, action: .reviewed, candidates: [], notices: [], statusChanges: changes, item: resolved)
        case .collisionConfirmed, .noCollision:
            let resolved = try transaction.resolveReview(
                id: id, as: decision == .collisionConfirmed ? .confirmedCollision : .noCollision, change: change)
            guard let stored = try transaction.identity(id: first) else { throw RIError(.notFound, .reviewItem, "identity \(first) not found") }
            return outcome(stored, action: .reviewed, candidates: [], notices: [], statusChanges: [], item: resolved)
        }
    }

    func outcome(
        _ stored: StoredIdentity, action: RIAction, candidates: [RICandidate], notices: [RINotice], statusChanges: [AuditEvent],
        item: ReviewItem? = nil
    ) -> RIOutcome {
        let decision: RIDecision = candidates.contains { $0.kind == .collision } ? .collision : (candidates.first?.decision ?? .nonMatch)
        var notices = notices
        if stored.identity.ins != nil, !stored.identity.mayShareINS, !notices.contains(where: { $0.kind == .insWithheld }) {
            notices.append(RINotice(.insWithheld, .ins, "INS kept but not shared: the identity is \(stored.identity.status.rawValue), not QUAL"))
        }
        return RIOutcome(
            identityID: stored.id, status: stored.identity.status, action: action, decision: decision, candidates: candidates,
            notices: notices, statusChanges: statusChanges, reviewItem: item)
    }
}

extension RIError {
    /// Any error as the condition it means (a store error, or `storage` for anything unexpected).
    public init(_ error: any Error) {
        if let error = error as? RIError { self = error; return }
        guard let error = error as? StoreError else { self = RIError(.storage, nil, "internal error"); return }
        switch error {
        case .localIdentifierTaken, .selfMerge, .selfLink, .messageIDReused:
            self = RIError(.conflict, .localIDs, error.description)
        case .notFound, .localIdentifierNotFound, .mergedAway, .reviewNotFound:
            self = RIError(.notFound, .identity, error.description)
        case .invalidLocalIdentifier:
            self = RIError(.invalidValue, .localIDs, error.description)
        case .invalidReview:
            self = RIError(.invalidValue, .reviewItem, error.description)
        case .conflictingINS:
            self = RIError(.collision, .mergedAway, error.description + " (potential collision)")
        default:
            self = RIError(.storage, nil, "store: \(error.description)")
        }
    }
}
