import VigieIdentity
import VigieStore

/// The one place where the référentiel records its typed events inside the command's transaction.
///
/// The store journals every write itself (created, updated, merged, identifiers, reviews); the status machine's
/// events are journaled here as `status-changed` entries, and every committed change is appended to the outbox
/// (`committed(_:basis:outcome:)`) in the same transaction, so that the outbound feed (`vigie feed`) sees a change
/// exactly when it is durable, in commit order.
struct RIEventLog {
    let transaction: StoreTransaction
    let change: ChangeContext

    /// Journals the status machine's events of one identity.
    func statusEvents(_ events: [AuditEvent], of id: String) throws {
        for event in events where event.statusBefore != event.statusAfter || event.hadINS != event.hasINS
            || event.attributesBefore != event.attributesAfter
        {
            try transaction.journalStatusEvent(id: id, event, change: change)
        }
    }

    /// What the outbox needs from before a command: the identities it designates as they were (their shared INS,
    /// their local identifiers) and, for a merge, the identity merged away.
    struct Basis {
        var before: [String: StoredIdentity] = [:]
        var mergedAway: StoredIdentity?
    }

    /// Reads the basis before `command` runs. Lookups that fail are left out: the command reports its own errors.
    func basis(for command: RICommand) -> Basis {
        var basis = Basis()
        func keep(_ stored: StoredIdentity?) { if let stored { basis.before[stored.id] = stored } }
        switch command {
        case .upsert(let record), .create(let record):
            keep(record.localIDs.lazy.compactMap { try? transaction.identity(localID: $0) }.first)
        case .update(let ref, _):
            keep(resolve(ref))
        case .merge(let survivor, let away, _):
            keep(resolve(survivor))
            basis.mergedAway = resolve(away)
        case .unmerge(let id):
            keep(try? transaction.identity(id: id))  // the survivor it was merged into
        case .link, .unlink:
            break
        case .changeIdentifiers(let request):
            keep(
                request.prior.lazy.compactMap { try? transaction.identity(localID: $0) }.first
                    ?? request.priorINS.lazy.compactMap { try? transaction.identities(insMatricule: $0).first }.first
                    ?? request.record.localIDs.lazy.compactMap { try? transaction.identity(localID: $0) }.first)
        case .qualify(let id, _, _), .verify(let id, _):
            keep(try? transaction.identity(id: id))
        case .resolveReview(let item, let decision):
            guard let ids = try? transaction.reviewItem(item).identityIDs else { break }
            for id in ids { keep(try? transaction.identity(id: id)) }
            if case .merge(let survivor) = decision, let away = ids.first(where: { $0 != survivor }) {
                basis.mergedAway = basis.before[away]
            }
        }
        return basis
    }

    /// Called once per successful command, in its transaction (rolled back with it): appends what it changed to
    /// the outbox, one row per message the feed will send (docs/integration.md, "Feed").
    func committed(_ command: RICommand, basis: Basis, outcome: RIOutcome) throws {
        if case .changeIdentifiers(let request) = command, outcome.action != .unchanged, outcome.action != .alreadyDone {
            // An A47 is announced as one, even when it also demoted the identity (its action is then `demoted`).
            try identifiersChanged(outcome.identityID, prior: request.prior, basis: basis)
            return
        }
        switch outcome.action {
        case .unchanged, .alreadyDone:
            // A merge already made may still have updated the survivor with the message's record.
            if let before = basis.before[outcome.identityID], try transaction.identity(id: outcome.identityID)?.identity != before.identity {
                try updated(outcome.identityID, basis: basis)
            }
        case .created:
            try append(.created(try snapshot(outcome.identityID)))
        case .updated, .demoted, .qualified:
            try updated(outcome.identityID, basis: basis)
        case .merged:
            let away = basis.mergedAway
            let prior = OutboxPrior(
                id: away?.id, localIDs: away?.localIDs ?? [], ins: away.flatMap { RISharePolicy.sharedINS(of: $0.identity) })
            try append(.merged(survivor: try snapshot(outcome.identityID), mergedAway: prior))
        case .unmerged:
            // ITI-30 has no message that undoes a merge: the restored identity is announced as new (A28) and
            // its former survivor, which lost its identifiers, as updated (A31).
            try append(.unmerged(try snapshot(outcome.identityID)))
            for survivor in basis.before.keys.sorted() where survivor != outcome.identityID {
                try updated(survivor, basis: basis)
            }
        case .identifiersChanged:
            try identifiersChanged(outcome.identityID, prior: [], basis: basis)
        case .linked, .unlinked:
            let refs: (RIIdentityRef, RIIdentityRef)
            switch command {
            case .link(let a, let b), .unlink(let a, let b): refs = (a, b)
            default: return
            }
            guard let first = resolve(refs.0), let second = resolve(refs.1) else { return }
            let pair = (try snapshot(first.id), try snapshot(second.id))
            try append(outcome.action == .linked ? .linked(pair.0, pair.1) : .unlinked(pair.0, pair.1))
        case .reviewed:
            // Homonym decisions set HOMD/HOMA on both identities: each that changed is updated.
            for (id, before) in basis.before.sorted(by: { $0.key < $1.key }) {
                guard let after = try transaction.identity(id: id), after.id == id, after.identity != before.identity else { continue }
                try updated(id, basis: basis)
            }
        }
    }

    /// A31, or A47 when the INS receivers hold changed or was withdrawn: PAM FR §4.4.4 signals the end of a
    /// qualification by an A47 deleting the INS, never by an A31 that merely omits it.
    private func updated(_ id: String, basis: Basis) throws {
        let current = try snapshot(id)
        if let shared = basis.before[id].flatMap({ RISharePolicy.sharedINS(of: $0.identity) }), shared != current.identity.ins {
            try append(.identifiersChanged(current, prior: OutboxPrior(ins: shared)))
        } else {
            try append(.updated(current))
        }
    }

    /// A47 (PAM FR §4.4.3): MRG-1 holds the local identifiers the command retired and the INS receivers held, if
    /// it changed; with nothing retired, the change is an A31.
    private func identifiersChanged(_ id: String, prior retired: [LocalIdentifier], basis: Basis) throws {
        let current = try snapshot(id)
        let before = basis.before[id]
        var prior = OutboxPrior(localIDs: retired.filter { before?.localIDs.contains($0) ?? false })
        if let shared = before.flatMap({ RISharePolicy.sharedINS(of: $0.identity) }), shared != current.identity.ins {
            prior.ins = shared
        }
        try append(prior.isEmpty ? .updated(current) : .identifiersChanged(current, prior: prior))
    }

    /// The identity as it may leave the RI now (share policy applied).
    private func snapshot(_ id: String) throws -> ListedIdentity {
        guard let stored = try transaction.identity(id: id) else { throw StoreError.notFound(id: id) }
        return ListedIdentity(id: stored.id, identity: RISharePolicy.shareable(stored.identity), localIDs: stored.localIDs)
    }

    private func append(_ outboxChange: OutboxChange) throws {
        try transaction.appendOutbox(outboxChange, change: change)
    }

    private func resolve(_ ref: RIIdentityRef) -> StoredIdentity? {
        switch ref {
        case .id(let id): return try? transaction.identity(id: id)
        case .localIDs(let locals): return locals.lazy.compactMap { try? transaction.identity(localID: $0) }.first
        case .ins(let matricule): return try? transaction.identities(insMatricule: matricule).first
        }
    }
}
