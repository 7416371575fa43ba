import VigieStore

/// Who is making a request: an operator with a browser session, or a system with a bearer token.
public struct Principal: Sendable, Hashable {
    public var login: String
    public var role: OperatorRole
    /// How the request proved it.
    public var credential: Credential

    public enum Credential: Sendable, Hashable {
        /// A session cookie: state-changing requests must carry `csrfToken`.
        case session(idHash: String, csrfToken: String)
        /// A bearer token (not sent by browsers on their own: no CSRF check).
        case bearerToken
    }

    public init(login: String, role: OperatorRole, credential: Credential) {
        self.login = login
        self.role = role
        self.credential = credential
    }

    /// The session's CSRF token, for the pages' forms.
    public var csrfToken: String? {
        if case .session(_, let token) = credential { return token }
        return nil
    }
}
