import Foundation
import NIOPosix
import VigieINSi
import VigieIdentity
import VigieRI
import VigieStore

/// The identity page's "qualify" action: the operator's document check and INSi through the référentiel
/// (`Referentiel.qualify`, which applies the RNIV status machine and journals the change), and the call's outcome
/// journaled for the indicators.
public struct QualificationDesk: Sendable {
    let ri: Referentiel
    let endpoint: String

    public init(ri: Referentiel, insiURL: String) {
        self.ri = ri
        self.endpoint = insiURL
    }

    /// What the call concluded, for the page and the indicators.
    public enum Outcome: String, Sendable {
        case accepted, refused, failed
    }

    /// Qualifies identity `id` with the document the operator checked. The RI call waits for INSi; it runs on
    /// NIO's thread pool, not on the server's event loops.
    public func qualify(_ id: String, document: DocumentCheck, login: String) async -> (Outcome, String) {
        let ri = self.ri
        let endpoint = self.endpoint
        let result: Result<RIOutcome, any Error>
        do {
            result = .success(try await NIOThreadPool.singleton.runIfActive {
                let qualifier = try INSiQualifier(endpoint: endpoint, actor: login)
                return try ri.qualify(identityID: id, document: document, by: .person(login), using: qualifier)
            })
        } catch {
            result = .failure(error)
        }
        let outcome: Outcome
        let message: String
        switch result {
        case .success(let done):
            outcome = done.status.hasINSiTraits ? .accepted : .refused
            message = outcome == .accepted
                ? "INSi : identité trouvée et cohérente. Statut \(done.status.rawValue)."
                : "INSi : pas d’INS retenu (non trouvée, plusieurs identités ou traits différents). Statut \(done.status.rawValue)."
        case .failure(let error as RIError) where error.code == .forbidden:
            outcome = .failed
            message = "Qualification refusée : pièce de faible confiance, identité douteuse ou fictive, ou date de naissance corrigée."
        case .failure:
            outcome = .failed
            message = "INSi : l’appel a échoué, rien n’a changé."
        }
        let change = ChangeContext(actor: login, reason: "INSi: \(outcome.rawValue)")
        _ = try? ri.store.writeTransaction { transaction throws(StoreError) in
            try transaction.journalINSiCall(of: id, outcome: outcome.rawValue, change: change)
        }
        return (outcome, message)
    }
}
