import Foundation
import VigieIdentity
import VigieMatch
import VigieStore

/// One review item: both identities side by side with their differing characters marked, the waterfall of
/// the pair's score, the alerts, both histories, and the four decisions with keyboard shortcuts.
enum PairPage {
    static func render(_ view: ReviewDesk.PairView, principal: Principal, model: MatchModel, next: Int64?, now: Date) -> String {
        let item = view.item
        var body = "<div class=\"pair-head\"><h1>Revue n° \(item.id) <span class=\"badge \(item.kind == .potentialCollision ? "collision" : "duplicate")\">\(Labels.kind(item.kind))</span></h1>"
        body += "<span class=\"meta\">Poids à l’ouverture \(HTML.signed(item.score)) bits · ouverte \(HTML.age(item.createdAt, now: now)) (\(HTML.dateTime(item.createdAt)))"
        if let deferred = item.deferredAt { body += " · <span class=\"badge deferred\">reportée le \(HTML.dateTime(deferred))</span>" }
        body += "</span></div>"
        if item.status == .resolved {
            body += "<p class=\"message ok\" id=\"deja-tranchee\">Revue tranchée : \(item.resolution.map(Labels.resolution) ?? "—") par \(HTML.h(item.resolvedBy ?? "?")) le \(HTML.dateTime(item.updatedAt)).</p>"
        }

        // Alerts: the stored reasons and those of the pair scored now.
        var reasons = item.reasons
        for alert in (view.score?.explanation.alerts ?? []).compactMap(ReviewReason.init(rawValue:)) where !reasons.contains(alert) {
            reasons.append(alert)
        }
        body += "<div class=\"pair-top\"><section class=\"card\"><h2>Alertes</h2>"
        if reasons.isEmpty {
            body += "<p class=\"muted\">Aucune alerte : le score se situe entre le seuil de revue et celui de fusion automatique.</p>"
        } else {
            body += "<ul class=\"alerts\" id=\"alertes\">" + reasons.map { "<li class=\"\($0.isSevere ? "severe" : "")\">\(HTML.h(ReviewReasons.label($0)))</li>" }.joined() + "</ul>"
        }
        if let score = view.score {
            let probability = score.probability >= 0.9995 ? "> 99,9" : HTML.decimal(100 * score.probability, digits: 1)
            body += "<p class=\"muted\">Score actuel \(HTML.signed(score.score)) bits — probabilité estimée par le modèle qu’il s’agisse du même patient : \(probability) %. Décision du moteur : \(score.decision == .match ? "fusion possible" : score.decision == .review ? "revue" : "patients distincts").</p>"
        }
        body += "</section>"
        body += "<section class=\"card\"><h2>Contribution de chaque trait (bits)</h2>"
        if let score = view.score {
            body += Waterfall.svg(score.explanation, score: score.score, matchThreshold: model.matchThreshold, reviewThreshold: model.reviewThreshold)
        } else {
            body += "<p class=\"muted\">Élément portant sur une seule identité : pas de score de paire.</p>"
        }
        body += "</section></div>"

        body += "<section class=\"card\"><h2>Traits côte à côte</h2>" + comparison(view.identities) + "</section>"
        body += decisionForm(view, principal: principal, next: next)
        body += "<div class=\"grid2\">"
        for (stored, history) in zip(view.identities, view.histories) {
            body += "<section class=\"card\"><h2>Historique de <a href=\"/identites/\(stored.id)\">\(stored.id)</a></h2><div class=\"scroll\">\(Timeline.render(history, limit: 60))</div></section>"
        }
        body += "</div>"
        return Layout.page(title: "Revue n° \(item.id)", principal: principal, section: .queue, body: body)
    }

    /// The traits as rows, each side with the characters that differ from the other side marked.
    static func comparison(_ identities: [StoredIdentity]) -> String {
        var out = "<table class=\"compare\" id=\"comparaison\"><thead><tr><th>Trait</th>"
        for stored in identities {
            out += "<th><a href=\"/identites/\(stored.id)\">\(stored.id)</a> · <span class=\"badge status-\(stored.identity.status.rawValue)\">\(stored.identity.status.rawValue)</span></th>"
        }
        out += "</tr></thead><tbody>"
        for (label, values, compared) in rows(identities) {
            let differs = compared && values.count == 2 && values[0] != values[1]
            out += "<tr class=\"\(differs ? "differs" : "")\"><th scope=\"row\">\(label)</th>"
            if values.count == 2 {
                let (a, b) = !differs || values[0].isEmpty || values[1].isEmpty ? (HTML.h(values[0]), HTML.h(values[1])) : TextDiff.marked(values[0], values[1])
                for (value, html) in zip(values, [a, b]) { out += value.isEmpty ? "<td class=\"missing\">non renseigné</td>" : "<td>\(html)</td>" }
            } else {
                for value in values { out += value.isEmpty ? "<td class=\"missing\">non renseigné</td>" : "<td>\(HTML.h(value))</td>" }
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// Each row: label, one value per identity, and whether differing characters are marked (traits only).
    static func rows(_ identities: [StoredIdentity]) -> [(String, [String], Bool)] {
        func each(_ value: (StoredIdentity) -> String) -> [String] { identities.map(value) }
        return [
            ("Nom de naissance", each { $0.identity.traits.birthName }, true),
            ("Prénoms de naissance", each { $0.identity.traits.firstNames.joined(separator: " ") }, true),
            ("Sexe", each { Labels.sex($0.identity.traits.sex) }, true),
            ("Date de naissance", each { Labels.birthDate($0.identity.traits.birthDate) }, true),
            ("Lieu de naissance (COG)", each { $0.identity.traits.birthPlace?.code ?? "" }, true),
            ("Commune ou pays", each { $0.identity.traits.birthPlace.flatMap { COG.shared.name(of: $0) } ?? "" }, false),
            ("Nom utilisé", each { $0.identity.usedName ?? "" }, true),
            ("Prénom utilisé", each { $0.identity.usedFirstName ?? "" }, true),
            ("INS", each { Labels.ins($0.identity) ?? ($0.identity.ins == nil ? "" : "présent, non partagé (identité non qualifiée)") }, true),
            ("Attributs", each { $0.identity.attributes.map(\.rawValue).sorted().joined(separator: " ") }, false),
            ("Identifiants locaux", each { $0.localIDs.map { "\($0.value) (\($0.domain))" }.joined(separator: ", ") }, false),
        ]
    }

    static func decisionForm(_ view: ReviewDesk.PairView, principal: Principal, next: Int64?) -> String {
        let item = view.item
        guard item.status == .open else { return "" }
        guard principal.role.mayDecide else {
            return "<section class=\"card\" id=\"decision-interdite\"><h2>Décision</h2><p class=\"muted\">Votre profil (consultation) permet de lire cette revue, pas de la trancher.</p></section>"
        }
        let two = item.identityIDs.count == 2
        let choices: [(ReviewDecision, String, Bool)] = [
            (.merge, "même patient : les deux identités n’en font plus qu’une", two),
            (.notDuplicate, "deux patients : la paire ne reviendra plus", true),
            (.defer, "à revoir plus tard (vérification en cours)", true),
            (.homonym, "deux patients homonymes : attribut HOMA", two),
        ]
        var out = "<section class=\"card\"><h2>Décision</h2>"
        out += "<form method=\"post\" action=\"/revues/\(item.id)/decision\" class=\"decision-form\" id=\"decision-form\" data-api=\"/api/reviews/\(item.id)/decision\" data-item=\"\(item.id)\" data-after=\"/\"\(next.map { " data-next=\"/revues/\($0)\"" } ?? "")>"
        out += "<input type=\"hidden\" name=\"csrf_token\" value=\"\(HTML.h(principal.csrfToken ?? ""))\">"
        out += "<div id=\"decision-message\" class=\"hidden\" role=\"status\"></div><div class=\"decisions\">"
        for (decision, help, enabled) in choices {
            out += "<label class=\"decision\"><input type=\"radio\" name=\"decision\" value=\"\(decision.rawValue)\" id=\"decision-\(decision.rawValue)\"\(enabled ? "" : " disabled")>"
            out += " <strong>\(decision.label) <kbd>\(decision.shortcut)</kbd></strong><small>\(help)\(decision.requiresComment ? " — commentaire obligatoire" : "")</small></label>"
        }
        out += "</div>"
        if two {
            out += "<div class=\"row\"><label>Identité conservée en cas de fusion <select name=\"survivor\" id=\"survivor\">"
            for stored in view.identities { out += "<option value=\"\(stored.id)\">\(stored.id) (\(stored.identity.status.rawValue))</option>" }
            out += "</select></label></div>"
        }
        out += "<label for=\"comment\">Commentaire (motif de la décision, pièce consultée…)</label>"
        out += "<textarea name=\"comment\" id=\"comment\" maxlength=\"2000\"></textarea>"
        out += "<div class=\"row\"><button type=\"submit\" class=\"button\" id=\"valider\">Enregistrer la décision</button>"
        out += "<span class=\"shortcuts\">Raccourcis : <kbd>f</kbd> fusionner · <kbd>n</kbd> pas un doublon · <kbd>r</kbd> reporter · <kbd>h</kbd> homonymes · <kbd>Ctrl</kbd>+<kbd>Entrée</kbd> valider · <kbd>j</kbd> élément suivant · <kbd>q</kbd> file</span></div>"
        out += "</form></section>"
        return out
    }
}
