import Foundation
import Hummingbird
import VigieIdentity
import VigieStore
import VigieSupport

/// The French pages: login, queue, pair, identity, indicators, and their form posts. Pages are for people
/// (cell and viewer roles); a missing session redirects to the login page.
struct PageRoutes {
    let services: ServeServices
    let qualification: QualificationDesk?

    func register(on router: Router<ServeContext>) {
        router.get("favicon.svg") { _, _ in Assets.serve(Assets.favicon, type: "image/svg+xml") }
        router.get("favicon.ico") { _, _ in Assets.serve(Assets.favicon, type: "image/svg+xml") }
        router.get("assets/vigie.css") { _, _ in Assets.serve(Assets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("assets/vigie.js") { _, _ in Assets.serve(Assets.script, type: "text/javascript; charset=utf-8") }
        router.get("connexion", use: loginPage)
        router.post("connexion", use: loginForm)
        router.post("deconnexion", use: logoutForm)
        router.get("/", use: queue)
        router.get("revues/:id", use: pair)
        router.post("revues/:id/decision", use: decisionForm)
        router.get("identites/:id", use: identity)
        router.post("identites/:id/qualifier", use: qualify)
        router.get("indicateurs", use: indicators)
    }

    static let people: Set<OperatorRole> = [.cell, .viewer]

    /// The operator, or the response to send instead (login redirect, 403 page).
    func person(_ request: Request, _ context: ServeContext) -> Result<Principal, PageStop> {
        guard let principal = context.principal else {
            let path = request.uri.path
            return .failure(PageStop(response: HTML.redirect("/connexion?suite=" + (path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))))
        }
        guard Self.people.contains(principal.role) else {
            return .failure(PageStop(response: HTML.response(
                Layout.error(title: "Accès refusé", message: "Le profil « système » sert à l’API et à FHIR, pas aux pages.", principal: principal),
                status: .forbidden)))
        }
        return .success(principal)
    }

    struct PageStop: Error { var response: Response }

    @Sendable func loginPage(_ request: Request, context: ServeContext) async throws -> Response {
        let token = Credentials.randomSecret()
        let next = Self.safeNext(request.uri.queryParameters["suite"].map(String.init))
        var response = HTML.response(LoginPage.render(csrf: token, next: next, error: nil))
        response.setCookie(Cookie(
            name: LoginPage.csrfCookie, value: token, maxAge: 1800, path: "/connexion", secure: services.secureCookies,
            httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func loginForm(_ request: Request, context: ServeContext) async throws -> Response {
        let form = try await FormBody.read(request, context: context)
        let next = Self.safeNext(form["next"])
        // Double submit: the form's token must equal the cookie set with the login page.
        guard let cookie = request.cookies[LoginPage.csrfCookie]?.value, let sent = form["csrf_token"],
            Credentials.constantTimeEquals(cookie, sent)
        else {
            return HTML.response(Layout.error(title: "Formulaire expiré", message: "Rechargez la page de connexion.", principal: nil), status: .forbidden)
        }
        let sessions = Sessions(services: services)
        do {
            let (_, value) = try await sessions.login(login: form["login"] ?? "", password: form["password"] ?? "", clientAddress: context.clientAddress)
            return HTML.redirect(next, cookies: [sessions.cookie(value: value)])
        } catch let error as ServeError {
            let message = error.code == "throttled" ? "Trop de tentatives : réessayez dans quelques minutes." : "Identifiant ou mot de passe incorrect."
            var response = HTML.response(LoginPage.render(csrf: cookie, next: next, error: message), status: error.status)
            response.headers.append(contentsOf: error.headers)
            return response
        }
    }

    @Sendable func logoutForm(_ request: Request, context: ServeContext) async throws -> Response {
        if let principal = context.principal { try Sessions(services: services).logout(principal) }
        return HTML.redirect("/connexion", cookies: [Sessions(services: services).expiredCookie()])
    }

    @Sendable func queue(_ request: Request, context: ServeContext) async throws -> Response {
        let principal: Principal
        switch person(request, context) { case .success(let p): principal = p; case .failure(let stop): return stop.response }
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        return HTML.response(try services.queuePage(for: principal, parameters: parameters))
    }

    @Sendable func pair(_ request: Request, context: ServeContext) async throws -> Response {
        let principal: Principal
        switch person(request, context) { case .success(let p): principal = p; case .failure(let stop): return stop.response }
        guard let id = context.parameters.get("id", as: Int64.self) else { return notFound(principal, "Cette revue n’existe pas.") }
        guard let view = try services.desk.viewPair(item: id, login: principal.login) else {
            return notFound(principal, "La revue n° \(id) n’existe pas.")
        }
        // The next open item of the queue, for the `j` shortcut.
        let next = try services.store.readTransaction { transaction throws(StoreError) in
            try transaction.reviewPage(ReviewQuery(limit: 2)).items.map(\.id).first { $0 != id }
        }
        return HTML.response(PairPage.render(view, principal: principal, model: services.ri.model, next: next, now: services.now()))
    }

    /// The decision form without JavaScript (the script posts to the JSON API instead).
    @Sendable func decisionForm(_ request: Request, context: ServeContext) async throws -> Response {
        let principal: Principal
        switch person(request, context) { case .success(let p): principal = p; case .failure(let stop): return stop.response }
        guard principal.role.mayDecide else {
            return HTML.response(Layout.error(title: "Accès refusé", message: "Votre profil ne permet pas de trancher une revue.", principal: principal), status: .forbidden)
        }
        guard let id = context.parameters.get("id", as: Int64.self) else { return notFound(principal, "Cette revue n’existe pas.") }
        let form = try await FormBody.read(request, context: context)
        guard let decision = form["decision"].flatMap(ReviewDecision.init(rawValue:)) else {
            return HTML.response(Layout.error(title: "Décision manquante", message: "Choisissez une décision.", principal: principal), status: .badRequest)
        }
        do {
            _ = try APIRoutes.apply(services, item: id, decision, survivor: form["survivor"], comment: form["comment"] ?? "", actor: principal.login)
        } catch let error as ServeError {
            return HTML.response(Layout.error(title: "Décision refusée", message: error.message, principal: principal), status: error.status)
        }
        return HTML.redirect("/?fait=\(id)")
    }

    @Sendable func identity(_ request: Request, context: ServeContext) async throws -> Response {
        let principal: Principal
        switch person(request, context) { case .success(let p): principal = p; case .failure(let stop): return stop.response }
        let id = context.parameters.get("id") ?? ""
        guard let stored = try services.desk.viewIdentity(id, login: principal.login) else {
            return notFound(principal, "L’identité \(id) n’existe pas.")
        }
        if stored.id != id { return HTML.redirect("/identites/\(stored.id)") }
        let history = try services.store.history(id: stored.id)
        let message: (String, Bool)? = request.uri.queryParameters["insi"].map { code in
            (Self.qualificationMessage(String(code)), code == "accepted")
        }
        return HTML.response(IdentityPage.render(stored, history: history, principal: principal, insiEnabled: qualification != nil, message: message))
    }

    @Sendable func qualify(_ request: Request, context: ServeContext) async throws -> Response {
        let principal: Principal
        switch person(request, context) { case .success(let p): principal = p; case .failure(let stop): return stop.response }
        guard principal.role.mayDecide, let qualification else {
            return HTML.response(Layout.error(title: "Accès refusé", message: "La qualification est réservée à la cellule, avec --insi.", principal: principal), status: .forbidden)
        }
        let id = context.parameters.get("id") ?? ""
        let form = try await FormBody.read(request, context: context)
        guard let type = form["document"].flatMap(IdentityDocumentType.init(code:)) else {
            return HTML.response(Layout.error(title: "Pièce manquante", message: "Indiquez la pièce d’identité présentée.", principal: principal), status: .badRequest)
        }
        var expires: String?
        if let text = form["expires"], !text.isEmpty {
            guard let day = DocumentCheck.day(text) else {
                return HTML.response(Layout.error(title: "Date invalide", message: "La date d’expiration de la pièce n’est pas une date.", principal: principal), status: .badRequest)
            }
            expires = day
        }
        // The evidence the RI asks for: who checked the document (the operator) and when (today).
        let document = DocumentCheck(
            type: type, specialCaseAttested: form["special_case"] == "oui", expires: expires, checkedBy: principal.login,
            checkedAt: DocumentCheck.day(of: services.now()))
        let (outcome, _) = await qualification.qualify(id, document: document, login: principal.login)
        services.logger.info("qualification", metadata: ["identity": .string(LogSafe.field(id)), "outcome": .string(outcome.rawValue)])
        return HTML.redirect("/identites/\(id)?insi=\(outcome.rawValue)")
    }

    @Sendable func indicators(_ request: Request, context: ServeContext) async throws -> Response {
        let principal: Principal
        switch person(request, context) { case .success(let p): principal = p; case .failure(let stop): return stop.response }
        let now = services.now()
        let (days, stats) = try services.store.readTransaction { transaction throws(StoreError) in
            (try transaction.dailyIndicators(now: now), try transaction.stats())
        }
        return HTML.response(IndicatorsPage.render(days, stats: stats, principal: principal, now: now))
    }

    func notFound(_ principal: Principal, _ message: String) -> Response {
        HTML.response(Layout.error(title: "Introuvable", message: message, principal: principal), status: .notFound)
    }

    /// Only a local path: never redirect to another site after login.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    static func qualificationMessage(_ code: String) -> String {
        switch code {
        case "accepted": "INSi : identité trouvée et cohérente, INS enregistré."
        case "refused": "INSi : pas d’INS retenu (aucune identité, plusieurs, ou traits renvoyés différents). Seule la vérification de la pièce a été enregistrée."
        default: "INSi : l’appel a échoué ou a été refusé, rien n’a changé."
        }
    }
}
