import Foundation
import VigieStore

/// Creates operators and issues their bearer tokens (`vigie operator add|token`).
public struct OperatorAdmin: Sendable {
    let store: IdentityStore
    let cost: UInt8

    public init(store: IdentityStore, cost: UInt8 = Credentials.defaultCost) {
        self.store = store
        self.cost = cost
    }

    /// Creates `login` with `role` and a bcrypt hash of `password`, or resets them (ending its sessions). A
    /// system may have no password (it uses a bearer token); a person must have one.
    public func add(login: String, role: OperatorRole, password: String) throws {
        let hash = role == .system && password.isEmpty ? nil : try Credentials.hashPassword(password, cost: cost)
        _ = try store.writeTransaction { transaction throws(StoreError) in
            try transaction.saveOperator(login: login, role: role, passwordHash: hash)
        }
    }

    /// A new bearer token for `login`; the store keeps its SHA-256 only, and the previous token stops working.
    public func issueToken(login: String) throws -> String {
        let token = Credentials.randomSecret()
        try store.writeTransaction { transaction throws(StoreError) in
            try transaction.setOperatorToken(login: login, tokenHash: Credentials.digest(token))
        }
        return token
    }
}
