internal import CSQLite

/// `SQLITE_TRANSIENT`: SQLite copies bound text and blobs, since Swift's bridged buffers are temporary.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite connection with a cache of prepared statements.
///
/// Not thread-safe: `IdentityStore` owns each connection behind a lock. Every failure becomes a
/// `StoreError.sqlite` naming the operation; SQLite's messages name tables and columns, never values,
/// so they carry no identity trait.
final class SQLiteConnection {
    private var handle: OpaquePointer?
    private var statements: [String: SQLiteStatement] = [:]
    /// Statements of SQL written in the code, keyed by the text's address (see `cachedStatement`).
    private var staticStatements: [UnsafeRawPointer: SQLiteStatement] = [:]

    /// Opens (and creates when `readOnly` is false) the database at `path`.
    init(path: String, readOnly: Bool) throws(StoreError) {
        let flags = readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot allocate a connection"
            sqlite3_close_v2(db)
            throw .sqlite(code: code, operation: "open", message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { close() }

    /// Finalises every statement and closes the connection; later calls fail with `StoreError.closed`.
    func close() {
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
        for statement in staticStatements.values { statement.finalize() }
        staticStatements.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    var isOpen: Bool { handle != nil }

    private func db() throws(StoreError) -> OpaquePointer {
        guard let handle else { throw .closed }
        return handle
    }

    /// Runs one or more statements without results (schema, pragmas, transaction control).
    func execute(_ sql: String, operation: String) throws(StoreError) {
        let db = try db()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &errorMessage)
        if code != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(errorMessage)
            throw .sqlite(code: code, operation: operation, message: message)
        }
    }

    /// The cached prepared statement for `sql`, reset and with its bindings cleared.
    func statement(_ sql: String, operation: String) throws(StoreError) -> SQLiteStatement {
        let db = try db()
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var raw: OpaquePointer?
        let code = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard code == SQLITE_OK, let raw else {
            throw .sqlite(code: code, operation: operation, message: String(cString: sqlite3_errmsg(db)))
        }
        let statement = SQLiteStatement(raw, connection: db, operation: operation)
        statements[sql] = statement
        return statement
    }

    /// `statement(_:operation:)` for SQL written in the code, looked up by the address of its text: the hot paths
    /// (a PDQ query's reads) hashed their whole SQL text at every lookup (≈ 1 000 instructions for a long one).
    func cachedStatement(_ sql: StaticString, operation: String) throws(StoreError) -> SQLiteStatement {
        let key = UnsafeRawPointer(sql.utf8Start)
        if let cached = staticStatements[key] {
            cached.reset()
            return cached
        }
        let db = try db()
        var raw: OpaquePointer?
        let code = sql.withUTF8Buffer { text in
            text.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_prepare_v3(db, chars.baseAddress, Int32(chars.count), UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
            }
        }
        guard code == SQLITE_OK, let raw else {
            throw .sqlite(code: code, operation: operation, message: String(cString: sqlite3_errmsg(db)))
        }
        let statement = SQLiteStatement(raw, connection: db, operation: operation)
        staticStatements[key] = statement
        return statement
    }

    /// Reads one integer pragma (`user_version`, `foreign_keys`…).
    func integerPragma(_ name: String) throws(StoreError) -> Int {
        let statement = try statement("PRAGMA \(name)", operation: "read pragma \(name)")
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }

    /// Reads one text pragma (`journal_mode`…).
    func textPragma(_ sql: String) throws(StoreError) -> String {
        let statement = try statement(sql, operation: "read pragma")
        defer { statement.reset() }
        guard try statement.step() else { return "" }
        return statement.text(0) ?? ""
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    /// Row id of the last INSERT.
    var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// True while a transaction is open on this connection.
    var inTransaction: Bool { handle.map { sqlite3_get_autocommit($0) == 0 } ?? false }
}

/// A prepared statement: bind parameters (1-based), step, read columns (0-based).
final class SQLiteStatement {
    private let raw: OpaquePointer
    private let connection: OpaquePointer
    let operation: String

    init(_ raw: OpaquePointer, connection: OpaquePointer, operation: String) {
        self.raw = raw
        self.connection = connection
        self.operation = operation
    }

    func finalize() { sqlite3_finalize(raw) }

    /// Resets the statement and clears its bindings, so that a cached statement never leaks old values.
    func reset() {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
    }

    private func check(_ code: Int32) throws(StoreError) {
        guard code == SQLITE_OK else {
            throw .sqlite(code: code, operation: operation, message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// Binds text with its explicit UTF-8 length: with `-1`, SQLite would stop at the first NUL, so that
    /// `777\0nobody` would be bound, and found, as `777` (another patient; issue #18 §7.1).
    func bind(_ index: Int32, _ value: String?) throws(StoreError) {
        guard var value else { return try check(sqlite3_bind_null(raw, index)) }
        let code: Int32 = value.withUTF8 { bytes in
            // "" still needs a non-nil pointer: a nil one would bind NULL.
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(raw, index, "", 0, transient) }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                sqlite3_bind_text64(raw, index, chars, UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
            }
        }
        try check(code)
    }

    func bind(_ index: Int32, _ value: Int64?) throws(StoreError) {
        guard let value else { return try check(sqlite3_bind_null(raw, index)) }
        try check(sqlite3_bind_int64(raw, index, value))
    }

    func bind(_ index: Int32, _ value: Int) throws(StoreError) {
        try check(sqlite3_bind_int64(raw, index, Int64(value)))
    }

    func bind(_ index: Int32, _ value: Double?) throws(StoreError) {
        guard let value else { return try check(sqlite3_bind_null(raw, index)) }
        try check(sqlite3_bind_double(raw, index, value))
    }

    func bind(_ index: Int32, _ value: Bool) throws(StoreError) {
        try check(sqlite3_bind_int(raw, index, value ? 1 : 0))
    }

    /// Binds all values in order from parameter 1.
    func bind(_ values: SQLiteValue...) throws(StoreError) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .null: try check(sqlite3_bind_null(raw, index))
            case .integer(let v): try bind(index, v)
            case .real(let v): try bind(index, v)
            case .text(let v): try bind(index, v)
            }
        }
    }

    /// Steps once: true when a row is available, false when done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(raw)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_reset(raw)
            throw .sqlite(code: code, operation: operation, message: message)
        }
    }

    /// Steps to completion (INSERT, UPDATE, DELETE), then resets.
    func run() throws(StoreError) {
        defer { reset() }
        while try step() {}
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(raw, column)) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(raw, column) }

    /// `body` on the column's UTF-8 bytes (valid until the statement steps or resets), or nil when NULL.
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        guard let pointer = sqlite3_column_text(raw, column) else { return nil }
        let count = Int(sqlite3_column_bytes(raw, column))
        return body(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// The column as a String, or nil when NULL.
    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(raw, column) else { return nil }
        let count = Int(sqlite3_column_bytes(raw, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The column's UTF-8 bytes (empty when NULL), without building a String.
    func withBytes<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let pointer = sqlite3_column_text(raw, column)
        let count = Int(sqlite3_column_bytes(raw, column))
        return try body(UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }
}

/// A value to bind.
enum SQLiteValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    static func optionalText(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
    static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }
    static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
}
