import Foundation
import VigieStore

/// The cell's indicators over time (replayed from the journal), each as an SVG chart.
enum IndicatorsPage {
    static func render(_ days: [DailyIndicators], stats: StoreStats, principal: Principal, now: Date) -> String {
        let shown = Array(days.suffix(90))
        let dates = shown.map(\.day)
        func perThousand(_ value: Int, _ day: DailyIndicators) -> Double {
            day.activeIdentities == 0 ? 0 : 1000 * Double(value) / Double(day.activeIdentities)
        }
        var body = "<div class=\"pair-head\"><h1>Indicateurs</h1><span class=\"meta\">\(shown.count) derniers jours, recalculés depuis le journal</span></div>"
        let active = stats.activeIdentities
        let qual = stats.identitiesByStatus["QUAL"] ?? 0
        body += "<div class=\"stats\">"
        body += "<div class=\"stat\"><span class=\"value\" id=\"identites-actives\">\(active)</span><span class=\"label\">identités actives</span></div>"
        body += "<div class=\"stat\"><span class=\"value\">\(stats.openReviews)</span><span class=\"label\">éléments en revue</span></div>"
        body += "<div class=\"stat\"><span class=\"value\">\(HTML.decimal(active == 0 ? 0 : 1000 * Double(stats.openReviews) / Double(active)))</span><span class=\"label\">en revue pour 1 000 identités</span></div>"
        body += "<div class=\"stat\"><span class=\"value\">\(HTML.decimal(active == 0 ? 0 : 100 * Double(qual) / Double(active))) %</span><span class=\"label\">identités qualifiées</span></div>"
        body += "<div class=\"stat\"><span class=\"value\">\(stats.mergedIdentities)</span><span class=\"label\">identités fusionnées</span></div>"
        body += "</div>"
        if shown.isEmpty {
            body += "<section class=\"card\"><p class=\"muted\">Le journal est vide : aucun indicateur.</p></section>"
            return Layout.page(title: "Indicateurs", principal: principal, section: .indicators, body: body)
        }
        let charts: [(String, String, TimeChart)] = [
            ("Taux de doublons", "Éléments mis en revue et tranchés par jour, pour 1 000 identités actives.",
             TimeChart(days: dates, series: [
                .init(name: "ouverts / 1 000", css: "line1", values: shown.map { perThousand($0.reviewsOpened, $0) }),
                .init(name: "tranchés / 1 000", css: "line2", values: shown.map { perThousand($0.reviewsResolved, $0) }),
             ], style: .lines, unit: "", label: "Taux de doublons pour 1 000 identités")),
            ("Collisions", "Collisions potentielles ouvertes par jour (deux patients sur une identité, ou un INS partagé).",
             TimeChart(days: dates, series: [.init(name: "collisions ouvertes", css: "bar2", values: shown.map { Double($0.collisionsOpened) })],
                       style: .bars, unit: "", label: "Collisions ouvertes par jour")),
            ("Stock à revoir", "Éléments ouverts en fin de journée.",
             TimeChart(days: dates, series: [.init(name: "éléments ouverts", css: "line1", values: shown.map { Double($0.backlog) })],
                       style: .lines, unit: "", label: "Stock d’éléments ouverts")),
            ("Âge du stock", "Âge moyen des éléments ouverts en fin de journée, en jours.",
             TimeChart(days: dates, series: [.init(name: "âge moyen (jours)", css: "line3", values: shown.map { $0.backlogMeanAgeDays ?? 0 })],
                       style: .lines, unit: " j", label: "Âge moyen du stock")),
            ("Statuts RNIV", "Part des identités actives par statut (PROV, RECUP, VALI, QUAL), en %.",
             TimeChart(days: dates, series: ["PROV", "RECUP", "VALI", "QUAL"].map { status in
                .init(name: status, css: "s-\(status)", values: shown.map { day in
                    let total = day.identitiesByStatus.values.reduce(0, +)
                    return total == 0 ? 0 : 100 * Double(day.identitiesByStatus[status] ?? 0) / Double(total)
                })
             }, style: .stackedShares, unit: " %", label: "Parts des statuts RNIV")),
            ("Résultats INSi", "Appels au téléservice par résultat, et identités passées à un statut issu de l’INSi (RECUP, QUAL) ou l’ayant perdu.",
             TimeChart(days: dates, series: [
                .init(name: "INS obtenu", css: "bar3", values: shown.map { Double($0.insiRetrieved) }),
                .init(name: "statut INSi perdu", css: "bar2", values: shown.map { Double($0.insiLost) }),
                .init(name: "appels sans INS", css: "bar1", values: shown.map { Double($0.insiCallsWithoutINS) }),
             ], style: .bars, unit: "", label: "Résultats INSi par jour")),
        ]
        body += "<div class=\"grid2\">"
        for (index, (title, help, chart)) in charts.enumerated() {
            body += "<section class=\"card\" id=\"indicateur-\(index + 1)\"><h2>\(title)</h2><p class=\"muted\">\(help)</p>\(chart.svg())\(chart.legend())</section>"
        }
        body += "</div>"
        return Layout.page(title: "Indicateurs", principal: principal, section: .indicators, body: body)
    }
}
