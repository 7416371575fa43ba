import Foundation
import VigieIdentity
import VigieMatch
import VigieStore

/// The cell's operations on the RI: resolve a review item, look at identities (journaled), explain a pair.
///
/// Every change is one store transaction that journals the operator's login as the actor and the comment as
/// the reason. The rules themselves are the store's and the RNIV status machine's (`IdentityLifecycle`):
/// this type only maps a decision onto them. It is the piece meant to move into the RI service layer.
public struct ReviewDesk: Sendable {
    let store: IdentityStore
    let model: MatchModel

    public init(store: IdentityStore, model: MatchModel) {
        self.store = store
        self.model = model
    }

    /// Why a decision was refused (nothing changed).
    public enum DeskError: Error, Sendable, Hashable, CustomStringConvertible {
        case commentRequired(ReviewDecision)
        case notApplicable(ReviewDecision, ReviewItem.Kind, reason: String)
        case invalidSurvivor(String)
        case alreadyResolved(Int64)
        case store(StoreError)

        public var description: String {
            switch self {
            case .commentRequired(let decision): "a comment is required for \(decision.rawValue)"
            case .notApplicable(let decision, let kind, let reason): "\(decision.rawValue) does not apply to this \(kind.rawValue) item: \(reason)"
            case .invalidSurvivor(let id): "survivor \(id) is not one of the item's identities"
            case .alreadyResolved(let id): "review item \(id) is already resolved"
            case .store(let error): error.description
            }
        }
    }

    /// The outcome of a decision: the item after it, and the surviving identity of a merge.
    public struct Outcome: Sendable, Hashable {
        public var item: ReviewItem
        public var survivor: String?
    }

    /// Applies `decision` to open item `id` on behalf of `actor`.
    ///
    /// - merge: `survivor` (default: the identity with the higher RNIV status, else the older one) absorbs the
    ///   other (the store refuses two different INS); the pair's open duplicate items close as merged and a
    ///   collision item closes as "no collision".
    /// - not-duplicate: the item closes as not a duplicate (a collision item between two identities as a
    ///   confirmed collision, a one-identity collision as no collision); the store never queues the pair again.
    /// - homonym: as not-duplicate, and both identities get HOMA (homonyme avéré) through the RNIV status
    ///   machine, HOMD (détecté) giving way to it.
    /// - defer: the item stays open, marked as postponed.
    public func decide(
        item id: Int64, _ decision: ReviewDecision, survivor: String?, comment: String, actor: String, time: Date = Date()
    ) throws(DeskError) -> Outcome {
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        if decision.requiresComment && comment.isEmpty { throw .commentRequired(decision) }
        let reason = "review \(id): \(decision.rawValue)" + (comment.isEmpty ? "" : " — " + comment)
        let change = ChangeContext(actor: actor, reason: reason, time: time)
        do {
            return try store.writeTransaction { transaction throws(StoreError) -> Result<Outcome, DeskError> in
                let item = try transaction.reviewItem(id)
                guard item.status == .open else { return .failure(.alreadyResolved(id)) }
                let ids = item.identityIDs
                switch decision {
                case .defer:
                    return .success(Outcome(item: try transaction.deferReview(id: id, change: change), survivor: nil))
                case .merge:
                    guard ids.count == 2 else { return .failure(.notApplicable(decision, item.kind, reason: "it names one identity")) }
                    let keep: String
                    if let survivor {
                        guard ids.contains(survivor) else { return .failure(.invalidSurvivor(survivor)) }
                        keep = survivor
                    } else {
                        keep = try Self.defaultSurvivor(ids, transaction)
                    }
                    let away = ids.first { $0 != keep }!
                    let merged = try transaction.merge(survivor: keep, mergedAway: away, change: change)
                    if item.kind == .potentialCollision {
                        _ = try transaction.resolveReview(id: id, as: .noCollision, change: change)
                    }
                    return .success(Outcome(item: try transaction.reviewItem(id), survivor: merged.id))
                case .notDuplicate, .homonym:
                    let resolution: ReviewItem.Resolution = switch (item.kind, ids.count) {
                    case (.potentialDuplicate, _): .notDuplicate
                    case (.potentialCollision, 2): .confirmedCollision
                    default: .noCollision
                    }
                    if decision == .homonym {
                        guard ids.count == 2 else { return .failure(.notApplicable(decision, item.kind, reason: "it names one identity")) }
                        for identityID in ids { try Self.markHomonym(identityID, transaction, change) }
                    }
                    return .success(Outcome(item: try transaction.resolveReview(id: id, as: resolution, change: change), survivor: nil))
                }
            }.get()
        } catch let error as DeskError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.corrupt(reason: "unexpected error"))
        }
    }

    /// The higher RNIV status survives (its INS and document evidence are the better ones); on a tie, the
    /// older identity (the one the other systems have known longest).
    static func defaultSurvivor(_ ids: [String], _ transaction: StoreTransaction) throws(StoreError) -> String {
        let rank: [IdentityStatus: Int] = [.provisional: 0, .recovered: 1, .validated: 2, .qualified: 3]
        var best: (String, Int)?
        for id in ids {
            guard let stored = try transaction.identity(id: id) else { throw .notFound(id: id) }
            let score = rank[stored.identity.status] ?? 0
            if best == nil || score > best!.1 { best = (stored.id, score) }
        }
        return best!.0
    }

    /// HOMA on the identity through the status machine (HOMD removed first), journaled as an update.
    static func markHomonym(_ id: String, _ transaction: StoreTransaction, _ change: ChangeContext) throws(StoreError) {
        guard let stored = try transaction.identity(id: id) else { throw .notFound(id: id) }
        var identity = stored.identity
        do {
            if identity.attributes.contains(.homonymDetected) {
                identity = try IdentityLifecycle.apply(
                    .attributeRemoved(.homonymDetected), to: identity, actor: change.actor, at: change.time, reason: change.reason).0
            }
            if !identity.attributes.contains(.homonymConfirmed) {
                identity = try IdentityLifecycle.apply(
                    .attributeSet(.homonymConfirmed), to: identity, actor: change.actor, at: change.time, reason: change.reason).0
            }
        } catch {
            throw .invalidChange(field: "attributes", reason: error.description)
        }
        _ = try transaction.update(id: stored.id, to: identity, change: change)
    }

    // MARK: - Reads journaled as views

    /// The identity, journaled as viewed by `actor` (`place` says where: a page or an API call).
    public func viewIdentity(_ id: String, actor: String, place: String, time: Date = Date()) throws(StoreError) -> StoredIdentity? {
        try store.writeTransaction { transaction throws(StoreError) -> StoredIdentity? in
            guard let stored = try transaction.identity(id: id) else { return nil }
            try transaction.journalView(of: stored.id, change: ChangeContext(actor: actor, reason: place, time: time))
            return stored
        }
    }

    /// The identity's history, journaled as viewed by `actor`.
    public func viewHistory(_ id: String, actor: String, place: String, time: Date = Date()) throws(StoreError) -> [JournalEntry]? {
        try store.writeTransaction { transaction throws(StoreError) -> [JournalEntry]? in
            guard let stored = try transaction.identity(id: id) else { return nil }
            try transaction.journalView(of: stored.id, change: ChangeContext(actor: actor, reason: place, time: time))
            return try transaction.history(id: stored.id)
        }
    }

    /// A review item with both identities (each journaled as viewed) and their histories.
    public struct PairView: Sendable {
        public var item: ReviewItem
        public var identities: [StoredIdentity]
        public var histories: [[JournalEntry]]
        /// The pair scored now, with the current traits (nil for a one-identity item or when a side cannot be
        /// prepared).
        public var score: PairScore?
    }

    public func viewPair(item id: Int64, actor: String, place: String, time: Date = Date()) throws(StoreError) -> PairView {
        let (item, identities, histories) = try store.writeTransaction { transaction throws(StoreError) -> (ReviewItem, [StoredIdentity], [[JournalEntry]]) in
            let item = try transaction.reviewItem(id)
            var identities: [StoredIdentity] = []
            var histories: [[JournalEntry]] = []
            for identityID in item.identityIDs {
                guard let stored = try transaction.identity(id: identityID) else { throw .notFound(id: identityID) }
                try transaction.journalView(of: stored.id, change: ChangeContext(actor: actor, reason: place, time: time))
                identities.append(stored)
                histories.append(try transaction.history(id: stored.id))
            }
            return (item, identities, histories)
        }
        return PairView(item: item, identities: identities, histories: histories, score: explain(identities))
    }

    /// The pair scored with the server's model, from the identities as they are now.
    func explain(_ identities: [StoredIdentity]) -> PairScore? {
        guard identities.count == 2,
            let a = try? PreparedRecord(RawRecord(identity: identities[0].identity, id: identities[0].id)),
            let b = try? PreparedRecord(RawRecord(identity: identities[1].identity, id: identities[1].id))
        else { return nil }
        return score(a, b, model: model)
    }
}
