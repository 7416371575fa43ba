import Foundation
import HTTPTypes
import Hummingbird
import VigieStore

/// Finds who is asking (session cookie or `Authorization: Bearer`), and refuses a state-changing request of a
/// browser session that does not carry its CSRF token (`X-CSRF-Token` header, or the `csrf_token` form field).
///
/// It never refuses a request for lack of credentials: routes say what they need (`requirePrincipal`,
/// `requireRole`), so that public routes (login page, favicon, assets) and routes the integration adds stay free.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let services: ServeServices

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            let token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
            let hash = Credentials.digest(token)
            if let account = try services.store.readTransaction({ transaction throws(StoreError) in try transaction.storedOperator(tokenHash: hash) }) {
                context.principal = Principal(login: account.login, role: account.role, credential: .bearerToken)
            } else {
                throw ServeError(.unauthorized, "bad-token", "unknown or revoked bearer token")
            }
        } else if let cookie = request.cookies[Sessions.cookieName]?.value, !cookie.isEmpty {
            let hash = Credentials.digest(cookie)
            let now = services.now()
            let found = try services.store.readTransaction { transaction throws(StoreError) -> (StoredSession, StoredOperator)? in
                guard let session = try transaction.session(idHash: hash, now: now),
                    let account = try transaction.storedOperator(login: session.login)
                else { return nil }
                return (session, account)
            }
            if let (session, account) = found {
                context.principal = Principal(
                    login: account.login, role: account.role, credential: .session(idHash: session.idHash, csrfToken: session.csrfToken))
            }
        }
        var request = request
        if let principal = context.principal, let expected = principal.csrfToken, !Self.isSafe(request.method) {
            var sent = request.headers[.csrfToken]
            if sent == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") ?? false {
                // A form's token is in its body: read it here (the body stays readable for the route).
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                sent = FormBody(String(buffer: body))["csrf_token"]
            }
            guard let sent, Credentials.constantTimeEquals(sent, expected) else { throw ServeError.csrf }
        }
        return try await next(request, context)
    }

    static func isSafe(_ method: HTTPRequest.Method) -> Bool { method == .get || method == .head || method == .options }
}

extension HTTPField.Name {
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}

extension ServeContext {
    /// The principal, or 401.
    func requirePrincipal() throws -> Principal {
        guard let principal else { throw ServeError.unauthenticated }
        return principal
    }

    /// The principal if its role is among `roles`, else 401 (nobody) or 403 (wrong role).
    func requireRole(_ roles: Set<OperatorRole>, to action: String) throws -> Principal {
        let principal = try requirePrincipal()
        guard roles.contains(principal.role) else {
            throw ServeError.forbidden("the \(principal.role.rawValue) role may not \(action)")
        }
        return principal
    }
}
