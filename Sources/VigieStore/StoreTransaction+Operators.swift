import Foundation

extension StoreTransaction {
    /// Creates the operator `login`, or replaces its role and password hash when it exists (a password reset;
    /// its sessions end). Logins are 1–64 characters of letters, digits, `.`, `-`, `_`, `@`: they appear in
    /// the journal and the logs, so they are plain identifiers.
    public func saveOperator(login: String, role: OperatorRole, passwordHash: String?, time: Date = Date()) throws(StoreError) -> StoredOperator {
        try Self.validate(login: login)
        return try savepoint("save operator") { () throws(StoreError) -> StoredOperator in
            let upsert = try connection.statement(
                """
                INSERT INTO operators (login, role, password_hash, token_hash, created_at, updated_at)
                VALUES (?1, ?2, ?3, NULL, ?4, ?4)
                ON CONFLICT (login) DO UPDATE SET role = ?2, password_hash = ?3, updated_at = ?4
                """, operation: "save operator")
            try upsert.bind(.text(login), .text(role.rawValue), .optionalText(passwordHash), .real(time.timeIntervalSince1970))
            try upsert.run()
            try endSessions(login: login)
            guard let stored = try storedOperator(login: login) else { throw .corrupt(reason: "operator not saved") }
            return stored
        }
    }

    /// Replaces the operator's bearer-token hash (the old token stops working). Fails with `operatorNotFound`.
    public func setOperatorToken(login: String, tokenHash: String, time: Date = Date()) throws(StoreError) {
        let update = try connection.statement(
            "UPDATE operators SET token_hash = ?, updated_at = ? WHERE login = ?", operation: "set operator token")
        try update.bind(.text(tokenHash), .real(time.timeIntervalSince1970), .text(login))
        try update.run()
        guard connection.changes == 1 else { throw .operatorNotFound(login: login) }
    }

    /// The operator `login`, or nil.
    public func storedOperator(login: String) throws(StoreError) -> StoredOperator? {
        try operatorRow("SELECT login, role, password_hash, token_hash, created_at, updated_at FROM operators WHERE login = ?", login)
    }

    /// The operator whose bearer token hashes to `tokenHash`, or nil.
    public func storedOperator(tokenHash: String) throws(StoreError) -> StoredOperator? {
        try operatorRow("SELECT login, role, password_hash, token_hash, created_at, updated_at FROM operators WHERE token_hash = ?", tokenHash)
    }

    private func operatorRow(_ sql: String, _ key: String) throws(StoreError) -> StoredOperator? {
        let query = try connection.statement(sql, operation: "read operator")
        defer { query.reset() }
        try query.bind(.text(key))
        guard try query.step() else { return nil }
        guard let role = OperatorRole(rawValue: query.text(1) ?? "") else {
            throw .corrupt(reason: "an operator has an unknown role")
        }
        return StoredOperator(
            login: query.text(0) ?? "", role: role, passwordHash: query.text(2), tokenHash: query.text(3),
            createdAt: Date(timeIntervalSince1970: query.double(4)), updatedAt: Date(timeIntervalSince1970: query.double(5)))
    }

    /// Stores a new session (and forgets expired ones).
    public func createSession(_ session: StoredSession) throws(StoreError) {
        let purge = try connection.statement("DELETE FROM sessions WHERE expires_at < ?", operation: "purge sessions")
        try purge.bind(.real(session.createdAt.timeIntervalSince1970))
        try purge.run()
        let insert = try connection.statement(
            "INSERT INTO sessions (id_hash, login, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            operation: "create session")
        try insert.bind(
            .text(session.idHash), .text(session.login), .text(session.csrfToken),
            .real(session.createdAt.timeIntervalSince1970), .real(session.expiresAt.timeIntervalSince1970))
        try insert.run()
    }

    /// The session whose cookie hashes to `idHash`, if it has not expired at `now`.
    public func session(idHash: String, now: Date = Date()) throws(StoreError) -> StoredSession? {
        let query = try connection.statement(
            "SELECT id_hash, login, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?",
            operation: "read session")
        defer { query.reset() }
        try query.bind(.text(idHash), .real(now.timeIntervalSince1970))
        guard try query.step() else { return nil }
        return StoredSession(
            idHash: query.text(0) ?? "", login: query.text(1) ?? "", csrfToken: query.text(2) ?? "",
            createdAt: Date(timeIntervalSince1970: query.double(3)), expiresAt: Date(timeIntervalSince1970: query.double(4)))
    }

    /// Ends one session (logout). Ending an unknown session is not an error.
    public func endSession(idHash: String) throws(StoreError) {
        let delete = try connection.statement("DELETE FROM sessions WHERE id_hash = ?", operation: "end session")
        try delete.bind(.text(idHash))
        try delete.run()
    }

    /// Ends every session of `login` (its password or role changed).
    func endSessions(login: String) throws(StoreError) {
        let delete = try connection.statement("DELETE FROM sessions WHERE login = ?", operation: "end sessions")
        try delete.bind(.text(login))
        try delete.run()
    }

    static func validate(login: String) throws(StoreError) {
        let allowed = login.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || ".-_@".unicodeScalars.contains(scalar))
        }
        guard !login.isEmpty, login.utf8.count <= 64, allowed else {
            throw .invalidOperator(field: "login", reason: "must be 1-64 ASCII letters, digits, '.', '-', '_' or '@'")
        }
    }
}
