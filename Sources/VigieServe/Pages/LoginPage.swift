/// The login page. Its form carries a pre-session CSRF token, also set as a cookie (double submit).
enum LoginPage {
    static let csrfCookie = "vigie_login_csrf"

    static func render(csrf: String, next: String, error: String?) -> String {
        Layout.page(title: "Connexion", principal: nil, body: """
            <section class="card login">
            <h1>Connexion</h1>
            <p class="muted">Espace de la cellule d’identitovigilance. Accès réservé aux personnes habilitées ; \
            chaque consultation d’identité est tracée.</p>
            \(error.map { "<p class=\"message bad\" role=\"alert\" id=\"erreur-connexion\">\(HTML.h($0))</p>" } ?? "")
            <form method="post" action="/connexion" id="login-form">
            <input type="hidden" name="csrf_token" value="\(HTML.h(csrf))">
            <input type="hidden" name="next" value="\(HTML.h(next))">
            <label>Identifiant <input type="text" name="login" id="login" autocomplete="username" required autofocus></label>
            <label>Mot de passe <input type="password" name="password" id="password" autocomplete="current-password" required></label>
            <button type="submit" class="button" id="se-connecter">Se connecter</button>
            </form>
            </section>
            """)
    }
}
