/// The frame of every page: header with the application's name, navigation, the operator and logout.
enum Layout {
    enum Section { case queue, indicators, none }

    static func page(title: String, principal: Principal?, section: Section = .none, body: String) -> String {
        var nav = ""
        var account = ""
        if let principal {
            func link(_ href: String, _ label: String, _ this: Section) -> String {
                "<a href=\"\(href)\"\(section == this ? " aria-current=\"page\"" : "")>\(label)</a>"
            }
            nav = "<nav class=\"main-nav\" aria-label=\"Navigation principale\">"
                + link("/", "File de revue", .queue) + link("/indicateurs", "Indicateurs", .indicators) + "</nav>"
            let role = switch principal.role {
            case .cell: "Cellule d’identitovigilance"
            case .viewer: "Consultation"
            case .system: "Système"
            }
            account = """
                <div class="account"><span class="who" id="operateur">\(HTML.h(principal.login))</span>\
                <span class="role">\(role)</span>\
                <form method="post" action="/deconnexion" class="logout">\
                <input type="hidden" name="csrf_token" value="\(HTML.h(principal.csrfToken ?? ""))">\
                <button type="submit" class="link-button" id="deconnexion">Se déconnecter</button></form></div>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="\(HTML.h(principal?.csrfToken ?? ""))">
            <title>\(HTML.h(title)) — Vigie</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/assets/vigie.css">
            <script src="/assets/vigie.js" defer></script>
            </head>
            <body>
            <header class="top">
            <a class="brand" href="/">\(Assets.logo)\
            <span>Vigie</span><small>Référentiel d’identité</small></a>
            \(nav)
            \(account)
            </header>
            <main id="contenu">
            \(body)
            </main>
            <footer class="bottom">Vigie — identitovigilance. Chaque consultation et chaque décision sont tracées au journal.</footer>
            </body>
            </html>
            """
    }

    /// An error page (403, 404, 409…), in French.
    static func error(title: String, message: String, principal: Principal?) -> String {
        page(title: title, principal: principal, body: """
            <section class="card error-card"><h1>\(HTML.h(title))</h1><p>\(HTML.h(message))</p>\
            <p><a href="/">Retour à la file de revue</a></p></section>
            """)
    }
}
