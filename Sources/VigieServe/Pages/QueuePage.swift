import Foundation
import VigieStore

/// The review queue: counts, filters, one page of items (collisions first, then by weight). It shows ids,
/// weights and reasons only — no trait: traits appear when an item is opened, and that view is journaled.
enum QueuePage {
    struct Filters {
        var kind: ReviewItem.Kind?
        var reason: ReviewReason?
        var minAgeDays: Int?
        var page: Int

        var query: String {
            var parts: [String] = []
            if let kind { parts.append("type=\(kind.rawValue)") }
            if let reason { parts.append("motif=\(reason.rawValue)") }
            if let minAgeDays { parts.append("age=\(minAgeDays)") }
            return parts.joined(separator: "&")
        }
    }

    static func render(
        page: ReviewPage, filters: Filters, pageSize: Int, principal: Principal, now: Date, done: Int64?
    ) -> String {
        let collisions = page.openByKind[.potentialCollision] ?? 0
        let duplicates = page.openByKind[.potentialDuplicate] ?? 0
        var body = "<div class=\"pair-head\"><h1>File de revue</h1>"
        body += "<span class=\"meta\">Collisions d’abord, puis par poids décroissant</span></div>"
        if let done {
            body += "<p class=\"message ok\" role=\"status\" id=\"decision-faite\">Décision enregistrée pour la revue n° \(done).</p>"
        }
        body += "<div class=\"stats\">"
        body += stat("\(collisions + duplicates)", "éléments ouverts", css: "", id: "total-ouverts")
        body += stat("\(collisions)", "collisions potentielles", css: collisions > 0 ? "alert" : "", id: "total-collisions")
        body += stat("\(duplicates)", "doublons potentiels", css: "", id: "total-doublons")
        let oldest = page.oldestOpenedAt.map { HTML.age($0, now: now) } ?? "—"
        body += stat(oldest, "plus ancien élément ouvert", css: (page.oldestOpenedAt.map { now.timeIntervalSince($0) > 7 * 86_400 } ?? false) ? "warn" : "", id: "plus-ancien")
        body += "</div>"

        body += "<form class=\"card filters\" method=\"get\" action=\"/\" id=\"filtres\">"
        body += "<label>Type<select name=\"type\" id=\"filtre-type\"><option value=\"\">Tous</option>"
        for kind in ReviewItem.Kind.allCases.reversed() {
            body += "<option value=\"\(kind.rawValue)\"\(filters.kind == kind ? " selected" : "")>\(Labels.kind(kind))</option>"
        }
        body += "</select></label><label>Motif<select name=\"motif\" id=\"filtre-motif\"><option value=\"\">Tous</option>"
        for reason in ReviewReasons.known {
            body += "<option value=\"\(reason.rawValue)\"\(filters.reason == reason ? " selected" : "")>\(HTML.h(ReviewReasons.label(reason)))</option>"
        }
        body += "</select></label><label>Ouvert depuis au moins (jours)<input type=\"number\" min=\"0\" name=\"age\" id=\"filtre-age\" value=\"\(filters.minAgeDays.map(String.init) ?? "")\"></label>"
        body += "<button type=\"submit\" class=\"button\">Filtrer</button>"
        body += "<a class=\"button secondary\" href=\"/\">Réinitialiser</a></form>"

        body += "<section class=\"card\"><h2>\(page.matching) élément\(page.matching > 1 ? "s" : "") correspondant\(page.matching > 1 ? "s" : "") aux filtres</h2>"
        if page.items.isEmpty {
            body += "<p class=\"muted\" id=\"file-vide\">Aucun élément à revoir.</p>"
        } else {
            body += "<table class=\"queue\" id=\"file\"><thead><tr><th>N°</th><th>Type</th><th>Identités</th><th class=\"num\">Poids (bits)</th><th>Motifs</th><th>Ouvert</th><th></th></tr></thead><tbody>"
            let maxWeight = max(1, page.items.map { abs($0.score) }.max() ?? 1)
            for item in page.items {
                let reasons = item.reasons
                body += "<tr data-item=\"\(item.id)\">"
                body += "<td><a class=\"open\" href=\"/revues/\(item.id)\">\(item.id)</a></td>"
                body += "<td><span class=\"badge \(item.kind == .potentialCollision ? "collision" : "duplicate")\">\(Labels.kind(item.kind))</span>"
                if item.deferredAt != nil { body += " <span class=\"badge deferred\">reportée</span>" }
                body += "</td><td>\(item.identityIDs.map { "<a href=\"/identites/\($0)\">\($0)</a>" }.joined(separator: " ↔ "))</td>"
                let fraction = min(1, abs(item.score) / maxWeight)
                body += "<td class=\"num\"><span class=\"weight\">\(HTML.signed(item.score))<svg class=\"weightbar\" viewBox=\"0 0 60 6\" aria-hidden=\"true\"><rect class=\"bg\" width=\"60\" height=\"6\" rx=\"3\"/><rect class=\"fg\" width=\"\(String(format: "%.1f", 60 * fraction))\" height=\"6\" rx=\"3\"/></svg></span></td>"
                body += "<td>" + (reasons.isEmpty ? "<span class=\"reason\">Score entre les seuils</span>" : reasons.map { "<span class=\"reason\">\(HTML.h(ReviewReasons.label($0)))</span>" }.joined()) + "</td>"
                body += "<td title=\"\(HTML.dateTime(item.createdAt))\">\(HTML.age(item.createdAt, now: now))</td>"
                body += "<td><a class=\"button secondary\" href=\"/revues/\(item.id)\">Examiner</a></td></tr>"
            }
            body += "</tbody></table>"
            let pages = max(1, (page.matching + pageSize - 1) / pageSize)
            let base = filters.query.isEmpty ? "/?" : "/?\(filters.query)&"
            body += "<div class=\"pager\">Page \(filters.page) sur \(pages)"
            if filters.page > 1 { body += " <a class=\"button secondary\" href=\"\(HTML.h(base))page=\(filters.page - 1)\">Précédente</a>" }
            if filters.page < pages { body += " <a class=\"button secondary\" href=\"\(HTML.h(base))page=\(filters.page + 1)\" id=\"page-suivante\">Suivante</a>" }
            body += "</div>"
        }
        body += "</section>"
        return Layout.page(title: "File de revue", principal: principal, section: .queue, body: body)
    }

    private static func stat(_ value: String, _ label: String, css: String, id: String) -> String {
        "<div class=\"stat \(css)\"><span class=\"value\" id=\"\(id)\">\(HTML.h(value))</span><span class=\"label\">\(label)</span></div>"
    }
}
