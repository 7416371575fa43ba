import Foundation
import VigieIdentity
import VigieStore

/// One identity: traits, RNIV status and attributes, local identifiers per domain, links, merges, the journal
/// as a timeline, and (with `--insi`) the qualification form with its document evidence.
enum IdentityPage {
    static func render(
        _ stored: StoredIdentity, history: [JournalEntry], principal: Principal, insiEnabled: Bool, message: (String, Bool)?
    ) -> String {
        let identity = stored.identity
        var body = "<div class=\"pair-head\"><h1>Identité \(stored.id) \(Labels.status(identity.status))</h1>"
        body += "<span class=\"meta\">Version \(stored.version) · créée le \(HTML.dateTime(stored.createdAt)) · modifiée le \(HTML.dateTime(stored.updatedAt))</span></div>"
        if let message { body += "<p class=\"message \(message.1 ? "ok" : "bad")\" role=\"status\" id=\"message-identite\">\(HTML.h(message.0))</p>" }
        body += "<div class=\"grid2\"><section class=\"card\"><h2>Traits stricts et complémentaires</h2><dl class=\"facts\" id=\"traits\">"
        let traits = identity.traits
        let facts: [(String, String)] = [
            ("Nom de naissance", traits.birthName), ("Prénoms de naissance", traits.firstNames.joined(separator: " ")),
            ("Sexe", Labels.sex(traits.sex)), ("Date de naissance", Labels.birthDate(traits.birthDate)),
            ("Lieu de naissance", Labels.birthPlace(traits.birthPlace)), ("Nom utilisé", identity.usedName ?? ""),
            ("Prénom utilisé", identity.usedFirstName ?? ""),
        ]
        for (label, value) in facts {
            body += "<dt>\(label)</dt><dd>\(value.isEmpty ? "<span class=\"missing\">non renseigné</span>" : HTML.h(value))</dd>"
        }
        body += "</dl></section><section class=\"card\"><h2>Statut RNIV</h2><dl class=\"facts\">"
        body += "<dt>Statut</dt><dd id=\"statut\">\(Labels.status(identity.status))</dd>"
        body += "<dt>Attributs</dt><dd id=\"attributs\">\(Labels.attributes(identity.attributes))</dd>"
        let ins = Labels.ins(identity) ?? (identity.ins == nil ? "aucun" : "présent, non partagé tant que l’identité n’est pas qualifiée")
        body += "<dt>INS</dt><dd>\(HTML.h(ins))</dd>"
        body += "<dt>Traits issus de l’INSi</dt><dd>\(identity.insiRetrieved ? "oui" : "non")</dd>"
        let document = identity.hasHighTrustDocument.map { "\($0.type.rawValue) — \(HTML.h($0.type.label))\($0.isHighTrust ? "" : " (faible confiance)")" } ?? "aucune"
        body += "<dt>Pièce d’identité vérifiée</dt><dd>\(document)</dd>"
        if identity.birthDateCorrected { body += "<dt>Date de naissance</dt><dd>corrigée localement (ni RECUP ni QUAL possibles)</dd>" }
        body += "</dl></section></div>"

        body += "<div class=\"grid3\"><section class=\"card\"><h2>Identifiants locaux</h2>"
        let domains = Dictionary(grouping: stored.localIDs, by: \.domain).sorted { $0.key < $1.key }
        if domains.isEmpty { body += "<p class=\"muted\">Aucun.</p>" }
        for (domain, ids) in domains {
            body += "<h3>\(HTML.h(domain))</h3><p>\(ids.map { HTML.h($0.value) }.joined(separator: ", "))</p>"
        }
        if !stored.formerLocalIDs.isEmpty {
            body += "<h3>Hérités des fusions</h3><p>\(stored.formerLocalIDs.map { HTML.h("\($0.value)@\($0.domain)") }.joined(separator: ", "))</p>"
        }
        body += "</section><section class=\"card\"><h2>Identités fusionnées</h2>"
        body += stored.mergedIDs.isEmpty ? "<p class=\"muted\">Aucune.</p>" : "<p>" + stored.mergedIDs.map { "<a href=\"/identites/\($0)\">\($0)</a>" }.joined(separator: ", ") + "</p>"
        body += "</section><section class=\"card\"><h2>Identités liées</h2>"
        body += stored.linkedIDs.isEmpty ? "<p class=\"muted\">Aucune.</p>" : "<p>" + stored.linkedIDs.map { "<a href=\"/identites/\($0)\">\($0)</a>" }.joined(separator: ", ") + "</p>"
        body += "</section></div>"

        if insiEnabled && principal.role.mayDecide {
            body += qualifyForm(stored, principal: principal)
        }
        body += "<section class=\"card\"><h2>Journal</h2><div class=\"scroll\" id=\"journal\">\(Timeline.render(history))</div></section>"
        return Layout.page(title: "Identité \(stored.id)", principal: principal, body: body)
    }

    static func qualifyForm(_ stored: StoredIdentity, principal: Principal) -> String {
        var out = "<section class=\"card\"><h2>Qualifier l’identité (téléservice INSi)</h2>"
        out += "<p class=\"muted\">La qualification exige une pièce d’identité à haut niveau de confiance, vérifiée par vous, et la réponse de l’INSi : indiquez la pièce présentée.</p>"
        out += "<form method=\"post\" action=\"/identites/\(stored.id)/qualifier\" class=\"filters\" id=\"qualifier\">"
        out += "<input type=\"hidden\" name=\"csrf_token\" value=\"\(HTML.h(principal.csrfToken ?? ""))\">"
        out += "<label>Pièce présentée<select name=\"document\" required><option value=\"\">— choisir —</option>"
        for type in IdentityDocumentType.allCases {
            out += "<option value=\"\(type.rawValue)\">\(type.rawValue) — \(HTML.h(type.label))</option>"
        }
        out += "</select></label>"
        out += "<label>Date d’expiration de la pièce<input type=\"date\" name=\"expires\"></label>"
        out += "<label><span>Cas particulier RNIV attesté (mineur, EHPAD)</span><select name=\"special_case\"><option value=\"non\">non</option><option value=\"oui\">oui</option></select></label>"
        out += "<button type=\"submit\" class=\"button\">Vérifier la pièce et appeler l’INSi</button></form></section>"
        return out
    }
}
