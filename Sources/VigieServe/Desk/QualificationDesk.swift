import Foundation
import VigieINSi
import VigieIdentity
import VigieStore

/// The identity page's "qualify" action: the operator's document check, INSi, the RNIV status machine
/// (`Qualification` from VigieINSi), then the new identity stored — or nothing when the identity changed in
/// the meantime. Every call is journaled with its outcome and the operator.
public struct QualificationDesk: Sendable {
    let store: IdentityStore
    let client: INSiClient

    public init(store: IdentityStore, insiURL: String) throws(INSiClientError) {
        self.store = store
        self.client = try INSiClient(configuration: INSiClientConfiguration(endpoint: insiURL))
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case notFound(String)
        case changedMeanwhile(String)
        case qualification(QualificationError)
        case store(StoreError)

        public var description: String {
            switch self {
            case .notFound(let id): "identity \(id) not found"
            case .changedMeanwhile(let id): "identity \(id) changed during the INSi call: nothing was stored, try again"
            case .qualification(let error): error.description
            case .store(let error): error.description
            }
        }
    }

    /// Qualifies identity `id` with the document the operator checked; returns the decision and the stored identity.
    public func qualify(_ id: String, document: DocumentCheck, actor: String, now: Date = Date()) async throws(Failure)
        -> (QualificationDecision, StoredIdentity)
    {
        let before: StoredIdentity
        do {
            guard let found = try store.identity(id: id) else { throw Failure.notFound(id) }
            before = found
        } catch let error as Failure { throw error } catch { throw .store(error as? StoreError ?? .closed) }
        let outcome: QualificationOutcome
        do {
            outcome = try await Qualification(client: client, actor: actor).qualify(before.identity, document: document, at: now)
        } catch {
            let change = ChangeContext(actor: actor, reason: "INSi: failed (\(Self.code(of: error)))", time: now)
            _ = try? store.writeTransaction { transaction throws(StoreError) in
                try transaction.journalINSiCall(of: before.id, outcome: "failed", change: change)
            }
            throw .qualification(error)
        }
        let change = ChangeContext(
            actor: actor, reason: "INSi: \(outcome.decision.code); document \(document.type.rawValue) checked by \(actor)", time: now)
        do {
            let stored = try store.writeTransaction { transaction throws(StoreError) -> StoredIdentity? in
                guard let current = try transaction.identity(id: before.id), current.version == before.version else { return nil }
                try transaction.journalINSiCall(of: before.id, outcome: outcome.decision.code, change: change)
                return try transaction.update(id: before.id, to: outcome.identity, change: change)
            }
            guard let stored else { throw Failure.changedMeanwhile(before.id) }
            return (outcome.decision, stored)
        } catch let error as Failure { throw error } catch { throw .store(error as? StoreError ?? .closed) }
    }

    /// A short code for the journal.
    static func code(of error: QualificationError) -> String {
        switch error {
        case .blocked(let attribute): "blocked-\(attribute.rawValue)"
        case .birthDateCorrected: "birth-date-corrected"
        case .client: "insi-unreachable-or-refused"
        case .invalidAnswer(let field): "invalid-answer-\(field)"
        case .transition: "transition-refused"
        }
    }
}
