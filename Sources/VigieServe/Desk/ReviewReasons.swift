/// The reasons of a review item, read from its stored explanation, with their French labels.
///
/// The store keeps the matcher's explanation as the one-line text `MatchExplanation.description` writes
/// (`field=level(+w) … alerts=a+b`), after prefixes the RI adds (`same-ins; `,
/// `update-incoherent-with-stored-traits; `). The queue needs only the alert and prefix words, so they are
/// read back here; the pair page re-scores the pair instead, with typed values.
public enum ReviewReasons {
    /// The reasons named by `explanation`, in order: prefixes, then alerts.
    public static func of(explanation: String) -> [String] {
        var reasons: [String] = []
        var rest = Substring(explanation)
        while let semicolon = rest.range(of: "; ") {
            let word = rest[..<semicolon.lowerBound]
            guard !word.contains(" "), !word.contains("=") else { break }
            reasons.append(String(word))
            rest = rest[semicolon.upperBound...]
        }
        if let alerts = rest.range(of: "alerts=") {
            let list = rest[alerts.upperBound...].prefix { $0 != " " }
            reasons += list.split(separator: "+").map(String.init)
        }
        return reasons
    }

    /// French label of a reason; the word itself when unknown.
    public static func label(_ reason: String) -> String { labels[reason] ?? reason }

    /// Alerts that point at two different patients mixed up: shown in red.
    public static func isSevere(_ reason: String) -> Bool {
        ["ins-collision", "conflicting-ins", "same-ins", "update-incoherent-with-stored-traits", "sex-differs"].contains(reason)
    }

    /// The reasons the queue filters offer, in this order.
    public static let known: [String] = [
        "same-ins", "ins-collision", "conflicting-ins", "update-incoherent-with-stored-traits", "first-names-differ",
        "later-first-names-differ", "birth-dates-differ", "birth-date-missing", "birth-names-differ", "birth-places-differ",
        "sex-differs", "used-names-differ", "possible-twins",
    ]

    static let labels: [String: String] = [
        "same-ins": "Même INS",
        "ins-collision": "Même INS, traits incohérents",
        "conflicting-ins": "INS différents",
        "update-incoherent-with-stored-traits": "Mise à jour incohérente avec les traits",
        "first-names-differ": "Prénoms différents",
        "later-first-names-differ": "Prénoms suivants différents",
        "birth-dates-differ": "Dates de naissance différentes",
        "birth-date-missing": "Date de naissance absente",
        "birth-names-differ": "Noms de naissance différents",
        "birth-places-differ": "Lieux de naissance différents",
        "sex-differs": "Sexes différents",
        "used-names-differ": "Noms utilisés différents",
        "possible-twins": "Jumeaux possibles",
        "cluster-conflict": "Conflit de regroupement",
        "ambiguous-record": "Enregistrement ambigu",
    ]
}
