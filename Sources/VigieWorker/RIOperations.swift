import VigieHL7
import VigieIdentity
import VigieMatch
import VigieStore

/// An identity to create or update, with what the request said besides the identity itself.
struct UpsertRequest: Sendable {
    var identity: Identity
    var localIDs: [LocalIdentifier]
    /// The request asks to delete the INS (PAM FR A47 with `""`).
    var deletesINS: Bool
    /// Warnings from decoding, acknowledged with the result.
    var warnings: [HL7ErrorReport]
    /// Where the fields came from, to name them in errors.
    var locations: FieldLocations
    /// Where the local identifiers came from (PID-3, or `record.local_ids`).
    var identifiersLocation: FieldLocations.HL7Place
}

/// The RI's operations inside one store transaction. Index changes are collected in `pending` and applied by
/// the caller only once the transaction has committed, so that the live index never holds an uncommitted identity.
struct RIOperations {
    let transaction: StoreTransaction
    let index: IdentityIndex
    let change: ChangeContext
    let candidateLimit: Int
    var pending: [IndexChange] = []

    init(transaction: StoreTransaction, index: IdentityIndex, change: ChangeContext, candidateLimit: Int) {
        self.transaction = transaction
        self.index = index
        self.change = change
        self.candidateLimit = candidateLimit
    }

    // MARK: Create / update

    /// Creates the identity, or updates the one its local identifiers already designate, then scores it
    /// against its candidates and queues potential duplicates and collisions.
    mutating func upsert(_ request: UpsertRequest) throws -> RIResult {
        guard !request.localIDs.isEmpty else {
            throw RequestError(.requiredFieldMissing, request.identifiersLocation.location, field: request.identifiersLocation.field,
                               "no local identifier (IPP) to key the identity on")
        }
        var owners: [String: StoredIdentity] = [:]
        for local in request.localIDs {
            if let owner = try transaction.identity(localID: local) { owners[owner.id] = owner }
        }
        guard owners.count <= 1 else {
            let ids = owners.keys.sorted().joined(separator: ", ")
            throw RequestError(.duplicateKeyIdentifier, request.identifiersLocation.location, field: request.identifiersLocation.field,
                               "the local identifiers belong to different identities (\(ids)); merge them first (A40)")
        }
        let stored: StoredIdentity
        let action: RIResult.Action
        var collisions: [RICandidate] = []
        if let existing = owners.values.first {
            let next = Self.reconcile(existing.identity, with: request)
            var changed = false
            for local in request.localIDs where !existing.localIDs.contains(local) && !existing.formerLocalIDs.contains(local) {
                _ = try transaction.addLocalIdentifier(local, to: existing.id, change: change)
                changed = true
            }
            let updated = try transaction.update(id: existing.id, to: next, change: change)
            changed = changed || updated.identity != existing.identity
            stored = updated
            action = changed ? .updated : .unchanged
            if existing.identity.traits != next.traits {
                collisions += try checkUpdateCoherence(id: existing.id, before: existing.identity, after: next, locations: request.locations)
            }
        } else {
            stored = try transaction.create(request.identity, localIDs: request.localIDs, change: change)
            action = .created
        }
        let prepared = try index.prepare(stored.identity, id: stored.id, locations: request.locations)
        let candidates = try match(prepared, stored: stored) + collisions
        pending.append(.upsert(prepared))
        return result(stored, action: action, candidates: candidates, warnings: request.warnings)
    }

    /// The identity to keep when a message updates a known one. The message is authoritative for the traits,
    /// used names, status and attributes; the INS follows PAM FR: a new INS replaces the old one (kept in the
    /// history), `""` deletes all INS (§4.4.3), and a message without INS leaves the stored one (only A47 deletes).
    static func reconcile(_ stored: Identity, with request: UpsertRequest) -> Identity {
        var next = request.identity
        if let ins = next.ins {
            var history = stored.insHistory
            if let old = stored.ins, old != ins, !history.contains(old) { history.insert(old, at: 0) }
            next.insHistory = (next.insHistory + history).reduce(into: [INS]()) { list, item in
                if item != ins, !list.contains(item) { list.append(item) }
            }
        } else if request.deletesINS {
            next.ins = nil
            next.insHistory = []
            next.insiRetrieved = false
        } else if stored.ins != nil {
            next.ins = stored.ins
            next.insHistory = stored.insHistory
            next.insiRetrieved = stored.insiRetrieved
            // A sender that does not transmit the INS still says VALI for a qualified identity.
            if stored.status == .qualified, next.status == .validated, !next.birthDateCorrected { next.status = .qualified }
        }
        if next.hasHighTrustDocument == nil { next.hasHighTrustDocument = stored.hasHighTrustDocument }
        return next
    }

    /// An update whose strict traits no longer fit the stored ones may put a second patient on the identity:
    /// a potential collision for the cell (never silently accepted as a correction).
    private mutating func checkUpdateCoherence(
        id: String, before: Identity, after: Identity, locations: FieldLocations
    ) throws -> [RICandidate] {
        guard let old = try? index.prepare(before, id: id + "-before", locations: locations) else { return [] }
        let new = try index.prepare(after, id: id, locations: locations)
        let pair = score(old, new, model: index.model)
        guard pair.decision == .nonMatch else { return [] }
        let item = try transaction.enqueueReview(
            ReviewItem(kind: .potentialCollision, identityIDs: [id], score: pair.score,
                       explanation: "update-incoherent-with-stored-traits; " + pair.explanation.description),
            change: change)
        return [RICandidate(
            identityID: id, score: pair.score, decision: pair.decision.rawValue, kind: .collision,
            reviewItem: item.status == .open ? item.id : nil, explanation: item.explanation)]
    }

    /// Scores the identity against its candidates and the other holders of its INS; queues each pair.
    private mutating func match(_ record: PreparedRecord, stored: StoredIdentity) throws -> [RICandidate] {
        // Pairs the cell judged to be two patients (`not-duplicate`, possibly from `vigie serve` in another
        // process) are not proposed again: read from the store, so every process's index knows them.
        let excluded = Set(stored.linkedIDs + stored.mergedIDs + [stored.id] + (try transaction.separatedIdentities(of: stored.id)))
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
                guard let otherRecord = try? PreparedRecord(RawRecord(identity: other.identity, id: other.id)) else { continue }
                let pair = score(record, otherRecord, model: index.model)
                found.append(try queue(stored.id, other.id, pair, kind: pair.decision == .match ? .duplicate : .collision))
            }
        }
        return found.sorted { $0.score > $1.score }
    }

    private mutating func queue(_ a: String, _ b: String, _ pair: PairScore, kind: RICandidate.Kind) throws -> RICandidate {
        let explanation = (kind == .collision ? "same-ins; " : "") + pair.explanation.description
        let item = try transaction.enqueueReview(
            ReviewItem(kind: kind == .collision ? .potentialCollision : .potentialDuplicate, identityIDs: [a, b],
                       score: pair.score, explanation: explanation),
            change: change)
        return RICandidate(
            identityID: b, score: pair.score, decision: pair.decision.rawValue, kind: kind,
            reviewItem: item.status == .open ? item.id : nil, explanation: explanation)
    }

    // MARK: Merge, link, identifiers

    /// Merges `mergedAway` into `survivor` (A40, JSON merge). Already merged into the same survivor: done.
    mutating func merge(survivor: String, mergedAway: String, field: FieldLocations.HL7Place) throws -> RIResult {
        let outcome: Result<StoredIdentity, StoreError>
        do { outcome = .success(try transaction.merge(survivor: survivor, mergedAway: mergedAway, change: change)) } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let stored):
            pending.append(.remove(mergedAway))
            return result(stored, action: .merged, candidates: [], warnings: [])
        case .failure(.mergedAway(let id, let into)) where id == mergedAway:
            guard let current = try transaction.identity(id: survivor), current.id == into || current.mergedIDs.contains(mergedAway) else {
                throw RequestError(.unknownKeyIdentifier, field.location, field: field.field, "identity \(mergedAway) was already merged into \(into)")
            }
            return result(current, action: .alreadyDone, candidates: [], warnings: [])
        case .failure(.conflictingINS(let s, let m)):
            throw RequestError(.applicationInternalError, field.location, field: field.field,
                               "cannot merge \(m) into \(s): they carry different INS (two patients); review as a collision")
        case .failure(let error):
            throw error
        }
    }

    /// Links (A24) or unlinks (A37) two identities.
    mutating func link(_ a: String, _ b: String, unlink: Bool) throws -> RIResult {
        let changed = unlink
            ? try transaction.unlink(a, b, change: change)
            : try transaction.link(a, b, change: change)
        guard let stored = try transaction.identity(id: a) else { throw StoreError.notFound(id: a) }
        return result(stored, action: changed ? (unlink ? .unlinked : .linked) : .alreadyDone, candidates: [], warnings: [])
    }

    /// Replaces obsolete local identifiers by new ones on one identity (A47).
    mutating func changeIdentifiers(
        identity id: String, removing old: [LocalIdentifier], adding new: [LocalIdentifier]
    ) throws -> StoredIdentity {
        for local in old { _ = try transaction.removeLocalIdentifier(local, change: change) }
        var stored = try transaction.identity(id: id)
        for local in new where !(stored?.localIDs.contains(local) ?? false) {
            stored = try transaction.addLocalIdentifier(local, to: id, change: change)
        }
        guard let stored else { throw StoreError.notFound(id: id) }
        return stored
    }

    func result(_ stored: StoredIdentity, action: RIResult.Action, candidates: [RICandidate], warnings: [HL7ErrorReport]) -> RIResult {
        let decision: String
        if candidates.contains(where: { $0.kind == .collision }) {
            decision = "collision"
        } else {
            decision = candidates.first?.decision ?? MatchDecision.nonMatch.rawValue
        }
        return RIResult(
            identityID: stored.id, status: stored.identity.status, action: action, decision: decision,
            candidates: candidates, warnings: warnings)
    }
}
