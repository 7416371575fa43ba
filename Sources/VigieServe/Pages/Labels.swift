import VigieIdentity
import VigieStore

/// French words for the RI's values, as the cell reads them.
enum Labels {
    static func kind(_ kind: ReviewItem.Kind) -> String {
        switch kind {
        case .potentialDuplicate: "Doublon potentiel"
        case .potentialCollision: "Collision potentielle"
        }
    }

    static func resolution(_ resolution: ReviewItem.Resolution) -> String {
        switch resolution {
        case .merged: "Fusionnées"
        case .confirmedDuplicate: "Doublon confirmé"
        case .notDuplicate: "Pas un doublon"
        case .confirmedCollision: "Collision confirmée"
        case .noCollision: "Pas de collision"
        case .homonym: "Homonymes"
        }
    }

    static func action(_ action: JournalEntry.Action) -> String {
        switch action {
        case .created: "Création"
        case .updated: "Modification"
        case .merged: "Fusion"
        case .linked: "Lien"
        case .unlinked: "Lien supprimé"
        case .localIdentifierAdded: "Identifiant local ajouté"
        case .localIdentifierRemoved: "Identifiant local retiré"
        case .reviewOpened: "Mise en revue"
        case .reviewResolved: "Revue tranchée"
        case .reviewDeferred: "Revue reportée"
        case .viewed: "Consultation"
        case .insiCalled: "Appel INSi"
        case .statusChanged: "Changement de statut"
        case .unmerged: "Fusion annulée"
        }
    }

    static func sex(_ sex: Sex) -> String {
        switch sex {
        case .male: "Masculin"
        case .female: "Féminin"
        default: "Inconnu"
        }
    }

    static func status(_ status: IdentityStatus) -> String {
        "<span class=\"badge status-\(status.rawValue)\" title=\"\(HTML.h(status.label))\">\(status.rawValue)</span> \(HTML.h(status.label))"
    }

    static func attributes(_ attributes: Set<IdentityAttribute>) -> String {
        if attributes.isEmpty { return "<span class=\"missing\">aucun</span>" }
        return attributes.sorted { $0.rawValue < $1.rawValue }
            .map { "<span class=\"badge attr\" title=\"\(HTML.h($0.label))\">\($0.rawValue)</span> \(HTML.h($0.label))" }
            .joined(separator: " ")
    }

    /// A birth date as the cell writes it (`31/02/1950`; `00` kept for unknown parts).
    static func birthDate(_ date: BirthDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    /// The place's code with its COG name when known.
    static func birthPlace(_ place: BirthPlace?) -> String {
        guard let place else { return "" }
        if let name = COG.shared.name(of: place) { return "\(place.code) (\(name))" }
        return place.code
    }

    /// The INS as a page may show it: only for a qualified identity (EXI SI 08); otherwise a note.
    static func ins(_ identity: Identity) -> String? {
        guard identity.mayShareINS, let ins = identity.ins else { return nil }
        return "\(ins.matricule.value) (\(ins.authority.shortName))"
    }
}
