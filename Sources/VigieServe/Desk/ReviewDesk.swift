import Foundation
import VigieIdentity
import VigieMatch
import VigieRI
import VigieStore

/// The cell's operations, mapped onto the référentiel (`VigieRI`): resolve a review item, look at identities
/// (each view journaled by the RI with the operator), explain a pair. The RI applies the rules (merges, the RNIV
/// status machine for HOMA, the share policy, the live index's memory of separated pairs); this type only maps
/// the web's decisions and checks what the web contract adds (a comment for merge and not-duplicate).
public struct ReviewDesk: Sendable {
    let ri: Referentiel

    public init(ri: Referentiel) { self.ri = ri }

    var store: IdentityStore { ri.store }

    /// Why a decision was refused (nothing changed).
    public enum DeskError: Error, Sendable, CustomStringConvertible {
        case commentRequired(ReviewDecision)
        case notApplicable(ReviewDecision, ReviewItem.Kind, reason: String)
        case invalidSurvivor(String)
        case alreadyResolved(Int64)
        case notFound(Int64)
        case refused(RIError)

        public var description: String {
            switch self {
            case .commentRequired(let decision): "a comment is required for \(decision.rawValue)"
            case .notApplicable(let decision, let kind, let reason): "\(decision.rawValue) does not apply to this \(kind.rawValue) item: \(reason)"
            case .invalidSurvivor(let id): "survivor \(id) is not one of the item's identities"
            case .alreadyResolved(let id): "review item \(id) is already resolved"
            case .notFound(let id): "review item \(id) not found"
            case .refused(let error): error.description
            }
        }
    }

    /// The outcome of a decision: the item after it, and the surviving identity of a merge.
    public struct Outcome: Sendable, Hashable {
        public var item: ReviewItem
        public var survivor: String?
    }

    /// Applies `decision` to open item `id` on behalf of operator `login`, through `RICommand.resolveReview`.
    ///
    /// - merge: `survivor` (default: the RI's, `Referentiel.defaultSurvivor`) absorbs the
    ///   other; the RI refuses two different INS.
    /// - not-duplicate: closed as two patients (a collision item between two identities: collision confirmed; on
    ///   one identity: no collision); the RI never proposes the pair again.
    /// - homonym: two patients who share their traits: closed, and HOMA (homonyme avéré) set on both.
    /// - defer: the item stays open, marked as postponed.
    public func decide(
        item id: Int64, _ decision: ReviewDecision, survivor: String?, comment: String, login: String
    ) throws(DeskError) -> Outcome {
        let comment = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        if decision.requiresComment && comment.isEmpty { throw .commentRequired(decision) }
        guard let item = try? store.reviewItem(id) else { throw .notFound(id) }
        guard item.status == .open else { throw .alreadyResolved(id) }
        let ids = item.identityIDs
        let keep = try survivorFor(decision, ids, requested: survivor)
        let command = try Self.command(for: decision, item, survivor: keep)
        let reason = "review \(id): \(decision.rawValue)" + (comment.isEmpty ? "" : " — " + comment)
        let outcome = try execute(.resolveReview(item: id, decision: command), login: login, reason: reason)
        guard let after = try? store.reviewItem(id) else { throw .notFound(id) }
        return Outcome(item: after, survivor: keep == nil ? nil : outcome.identityID)
    }

    private func execute(_ command: RICommand, login: String, reason: String) throws(DeskError) -> RIOutcome {
        do {
            return try ri.execute(command, by: .person(login), reason: reason)
        } catch {
            throw .refused(error)
        }
    }

    /// The survivor of a merge: the one asked for (it must be in the pair), else the default.
    func survivorFor(_ decision: ReviewDecision, _ ids: [String], requested: String?) throws(DeskError) -> String? {
        guard decision == .merge, ids.count == 2 else { return nil }
        guard let requested else {
            do { return try ri.defaultSurvivor(of: ids) } catch { throw .refused(error) }
        }
        guard ids.contains(requested) else { throw .invalidSurvivor(requested) }
        return requested
    }

    /// The RI's decision for the web's, by the item's kind.
    static func command(for decision: ReviewDecision, _ item: ReviewItem, survivor: String?) throws(DeskError) -> RIReviewDecision {
        let two = item.identityIDs.count == 2
        switch decision {
        case .defer:
            return .deferred
        case .merge:
            guard let survivor else { throw .notApplicable(decision, item.kind, reason: "it names one identity") }
            return .merge(survivor: survivor)
        case .notDuplicate:
            if item.kind == .potentialDuplicate { return .notDuplicate }
            return two ? .collisionConfirmed : .noCollision
        case .homonym:
            guard two, item.kind == .potentialDuplicate else {
                throw .notApplicable(decision, item.kind, reason: two ? "homonyms are decided on duplicates" : "it names one identity")
            }
            return .homonymConfirmed
        }
    }

    // MARK: - Reads journaled as views (by the RI)

    /// The identity as it may be shown (share policy applied), journaled as viewed by `login`; nil when unknown.
    public func viewIdentity(_ id: String, login: String) throws -> StoredIdentity? {
        guard let view = try lookUp(id, login: login), var stored = try store.identity(id: view.id) else { return nil }
        stored.identity = view.shareable
        return stored
    }

    /// The RI's view of the identity (journaled), nil when unknown.
    private func lookUp(_ id: String, login: String) throws(RIError) -> RIIdentityView? {
        do {
            return try ri.get(.id(id), by: .person(login))
        } catch {
            if error.code == .notFound { return nil }
            throw error
        }
    }

    /// The identity's history, journaled as read by `login`; nil when unknown.
    public func viewHistory(_ id: String, login: String) throws -> [JournalEntry]? {
        guard try store.identity(id: id) != nil else { return nil }
        return try ri.history(id, by: .person(login))
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

    public func viewPair(item id: Int64, login: String) throws -> PairView? {
        guard let item = try? store.reviewItem(id) else { return nil }
        var identities: [StoredIdentity] = []
        var histories: [[JournalEntry]] = []
        var scored: [StoredIdentity] = []
        for identityID in item.identityIDs {
            guard let shown = try viewIdentity(identityID, login: login), let whole = try store.identity(id: shown.id) else { continue }
            identities.append(shown)
            scored.append(whole)  // scored with its INS, shown without it unless QUAL
            histories.append(try store.history(id: shown.id))
        }
        return PairView(item: item, identities: identities, histories: histories, score: explain(scored))
    }

    /// The pair scored with the RI's model, from the identities as they are now.
    func explain(_ identities: [StoredIdentity]) -> PairScore? {
        guard identities.count == 2,
            let a = try? PreparedRecord(identity: identities[0].identity, id: identities[0].id),
            let b = try? PreparedRecord(identity: identities[1].identity, id: identities[1].id)
        else { return nil }
        return score(a, b, model: ri.model)
    }
}
