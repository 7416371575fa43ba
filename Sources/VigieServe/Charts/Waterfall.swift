import VigieMatch

/// A pair's score as a waterfall chart (inline SVG, as Splink draws it): the prior, then each field's
/// weight in bits stacked on the running total, then the final score, with the model's review and match
/// thresholds. Green raises the odds of one patient, red lowers them.
enum Waterfall {
    static func svg(_ explanation: MatchExplanation, score: Double, matchThreshold: Double, reviewThreshold: Double) -> String {
        var steps: [(label: String, detail: String, start: Double, end: Double, kind: String)] = []
        var total = 0.0
        for contribution in explanation.contributions {
            let label = contribution.field == "prior" ? "a priori" : fieldLabel(contribution.field)
            let kind = contribution.field == "prior" ? "prior" : (contribution.weight >= 0 ? "pos" : "neg")
            steps.append((label, contribution.level, total, total + contribution.weight, kind))
            total += contribution.weight
        }
        steps.append(("score", "", 0, score, "total"))
        var values: [Double] = [matchThreshold, reviewThreshold, 0]
        for step in steps { values += [step.start, step.end] }
        let low: Double = (values.min() ?? 0) - 2
        let high: Double = (values.max() ?? 0) + 2
        let width = 760.0, left = 230.0, right = 60.0, rowHeight = 28.0, top = 26.0
        let height: Double = top + rowHeight * Double(steps.count) + 30
        func x(_ v: Double) -> Double { left + (v - low) / (high - low) * (width - left - right) }
        var svg = "<svg class=\"chart waterfall\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Contribution de chaque trait au score, en bits\">"
        // Grid every 5 bits.
        var tick = (low / 5).rounded(.up) * 5
        while tick <= high {
            svg += "<line class=\"gridline\" x1=\"\(f(x(tick)))\" y1=\"\(f(top - 6))\" x2=\"\(f(x(tick)))\" y2=\"\(f(height - 26))\"/>"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(height - 10))\" text-anchor=\"middle\">\(Int(tick))</text>"
            tick += 5
        }
        svg += "<line class=\"axis\" x1=\"\(f(x(0)))\" y1=\"\(f(top - 6))\" x2=\"\(f(x(0)))\" y2=\"\(f(height - 26))\"/>"
        for (value, css, name) in [(reviewThreshold, "threshold review", "revue"), (matchThreshold, "threshold", "fusion auto")] {
            svg += "<line class=\"\(css)\" x1=\"\(f(x(value)))\" y1=\"\(f(top - 10))\" x2=\"\(f(x(value)))\" y2=\"\(f(height - 26))\"/>"
            svg += "<text x=\"\(f(x(value)))\" y=\"\(f(top - 12))\" text-anchor=\"middle\">\(name) \(HTML.signed(value))</text>"
        }
        for (index, step) in steps.enumerated() {
            let y = top + Double(index) * rowHeight
            let x0 = x(min(step.start, step.end)), x1 = x(max(step.start, step.end))
            let label = step.detail.isEmpty ? step.label : "\(step.label) · \(levelLabel(step.detail))"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 16))\" text-anchor=\"end\">\(HTML.h(label))</text>"
            svg += "<rect class=\"\(step.kind)\" x=\"\(f(x0))\" y=\"\(f(y + 4))\" width=\"\(f(max(1.5, x1 - x0)))\" height=\"\(f(rowHeight - 8))\" rx=\"2\">"
            svg += "<title>\(HTML.h(label)) : \(HTML.signed(step.end - step.start)) bits</title></rect>"
            let amount = step.kind == "total" ? HTML.signed(step.end) : HTML.signed(step.end - step.start)
            svg += "<text x=\"\(f(x1 + 4))\" y=\"\(f(y + 16))\">\(amount)</text>"
            if index + 1 < steps.count && step.kind != "total" {
                svg += "<line class=\"connector\" x1=\"\(f(x(step.end)))\" y1=\"\(f(y + rowHeight - 4))\" x2=\"\(f(x(step.end)))\" y2=\"\(f(y + rowHeight + 4))\"/>"
            }
        }
        return svg + "</svg>"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func fieldLabel(_ field: String) -> String {
        switch field {
        case "birth_name": "nom de naissance"
        case "first_names": "prénoms"
        case "sex": "sexe"
        case "birth_date": "date de naissance"
        case "birth_place": "lieu de naissance"
        case "used_name": "nom utilisé"
        case "ins": "INS"
        default: field
        }
    }

    static func levelLabel(_ level: String) -> String { levels[level] ?? level.replacingOccurrences(of: "-", with: " ") }

    /// The matcher's level names (VigieMatch `MatchField.levels`) in French.
    static let levels: [String: String] = [
        "missing": "absent", "exact": "identique", "equal": "identique", "different": "différent",
        "exact-compact": "identique sans séparateurs", "birth-used-crossed": "nom d’usage croisé",
        "inverted-with-first-name": "inversé avec le prénom", "phonetic": "phonétique",
        "one-part-of-compound": "une partie du nom composé", "part-of-compound": "partie d’un composé",
        "component-only": "un composant", "jaro-winkler-0.94": "très proche", "jaro-winkler-0.92": "proche",
        "jaro-winkler-0.88": "voisin", "first-equal": "premier prénom identique", "any-equal": "un prénom commun",
        "hyphen-space-variant": "tiret ou espace", "day-month-swapped": "jour et mois inversés",
        "one-digit": "un chiffre d’écart", "same-year": "même année", "equal-where-known": "identique où connue",
        "01-01-placeholder": "01/01 de convention", "distant": "éloignée", "same-place-cog-history": "même commune (COG)",
        "same-department": "même département", "conflicting": "contradictoire",
    ]
}
