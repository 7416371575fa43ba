import Foundation
import NIOPosix
import VigieINSi
import VigieIdentity
import VigieRI

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

    /// Qualifies identity `id` with the document the operator checked. The RI calls INSi, applies the answer
    /// through the status machine and journals the call (`insi-called`) with its outcome; the call waits for INSi
    /// on NIO's thread pool, not on the server's event loops.
    public func qualify(_ id: String, document: DocumentCheck, login: String) async -> (Outcome, String) {
        let ri = self.ri
        let endpoint = self.endpoint
        do {
            let done = try await NIOThreadPool.singleton.runIfActive {
                let qualifier = try INSiQualifier(endpoint: endpoint, actor: login)
                return try ri.qualify(identityID: id, document: document, by: .person(login), using: qualifier)
            }
            if done.insiCall == .accepted {
                return (.accepted, "INSi : identité trouvée et cohérente. Statut \(done.status.rawValue).")
            }
            return (.refused, "INSi : pas d’INS retenu (non trouvée, plusieurs identités ou traits différents). Statut \(done.status.rawValue).")
        } catch let error as RIError where error.code == .forbidden {
            return (.failed, "Qualification refusée : pièce de faible confiance, identité douteuse ou fictive, ou date de naissance corrigée.")
        } catch {
            return (.failed, "INSi : l’appel a échoué, rien n’a changé.")
        }
    }
}
