import Foundation

/// What an operator of the cell's workspace may do.
public enum OperatorRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// The identitovigilance cell: reads and decides (merge, not a duplicate, defer, homonym, qualify).
    case cell
    /// Reads only (a physician, an auditor).
    case viewer
    /// A system calling the API or FHIR with a bearer token.
    case system

    /// True for the role that may change the RI through the workspace.
    public var mayDecide: Bool { self == .cell }
}

/// An operator as the store keeps it: the login, the role, and hashes only (never a password or a token).
public struct StoredOperator: Sendable, Hashable {
    /// The login, shown in the journal as the actor of every view and decision.
    public var login: String
    public var role: OperatorRole
    /// The password's bcrypt hash, nil for an operator without a password (a system with a token only).
    public var passwordHash: String?
    /// The SHA-256 (hex) of the current bearer token, nil when none was issued.
    public var tokenHash: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(login: String, role: OperatorRole, passwordHash: String?, tokenHash: String?, createdAt: Date, updatedAt: Date) {
        self.login = login
        self.role = role
        self.passwordHash = passwordHash
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A browser session: the hash of its cookie, its operator, its CSRF token and its expiry.
public struct StoredSession: Sendable, Hashable {
    /// SHA-256 (hex) of the cookie value.
    public var idHash: String
    public var login: String
    /// The token every state-changing request of this session must carry (`X-CSRF-Token` or a form field).
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(idHash: String, login: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.login = login
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
