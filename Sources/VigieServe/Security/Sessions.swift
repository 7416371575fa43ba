import Foundation
import Hummingbird
import NIOPosix
import VigieStore
import VigieSupport

/// Logging in and out: password check (bcrypt, off the event loop), throttle, session creation.
struct Sessions {
    static let cookieName = "vigie_session"

    let services: ServeServices

    /// Checks the password and opens a session; returns the principal and the cookie value (shown once, to
    /// the browser; the store keeps its SHA-256).
    func login(login: String, password: String, clientAddress: String) async throws -> (Principal, cookie: String) {
        let keys = ["login:" + login, "address:" + clientAddress]
        let wait = services.throttle.wait(for: keys, now: services.now())
        if wait > 0 {
            var error = ServeError(.tooManyRequests, "throttled", "too many failed logins: try again later")
            error.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw error
        }
        let stored = try? services.store.readTransaction { transaction throws(StoreError) in
            try transaction.storedOperator(login: login)
        }
        let hash = stored.flatMap { $0 }?.passwordHash ?? Credentials.decoyHash
        // bcrypt takes a fifth of a second: not on the event loop.
        let matches = try await NIOThreadPool.singleton.runIfActive { Credentials.verify(password, hash: hash) }
        guard matches, let account = stored.flatMap({ $0 }), account.passwordHash != nil else {
            services.throttle.failed(keys, now: services.now())
            services.logger.notice("login refused", metadata: ["login": .string(LogSafe.field(login))])
            throw ServeError(.unauthorized, "bad-credentials", "wrong login or password")
        }
        services.throttle.succeeded("login:" + login)
        let cookie = Credentials.randomSecret()
        let now = services.now()
        let session = StoredSession(
            idHash: Credentials.digest(cookie), login: account.login, csrfToken: Credentials.randomSecret(), createdAt: now,
            expiresAt: now.addingTimeInterval(services.configuration.sessionLifetime))
        try services.store.writeTransaction { transaction throws(StoreError) in try transaction.createSession(session) }
        services.logger.info("login", metadata: ["login": .string(account.login)])
        return (
            Principal(login: account.login, role: account.role, credential: .session(idHash: session.idHash, csrfToken: session.csrfToken)),
            cookie
        )
    }

    /// Ends the principal's session, if it has one.
    func logout(_ principal: Principal) throws {
        guard case .session(let idHash, _) = principal.credential else { return }
        try services.store.writeTransaction { transaction throws(StoreError) in try transaction.endSession(idHash: idHash) }
        services.logger.info("logout", metadata: ["login": .string(principal.login)])
    }

    /// The session cookie: HttpOnly, SameSite=Strict, Secure under TLS, expiring with the session.
    func cookie(value: String) -> Cookie {
        Cookie(
            name: Self.cookieName, value: value, maxAge: Int(services.configuration.sessionLifetime), path: "/",
            secure: services.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that deletes the session cookie.
    func expiredCookie() -> Cookie {
        Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: services.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
