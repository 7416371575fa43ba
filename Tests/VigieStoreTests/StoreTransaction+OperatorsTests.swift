import Foundation
import Testing
@testable import VigieStore

@Suite struct StoreTransactionOperatorsTests {
    @Test func operatorsKeepHashesOnlyAndAPasswordResetEndsTheirSessions() throws {
        let fixture = try TemporaryStore()
        let time = Date(timeIntervalSince1970: 1_764_000_000)
        let saved = try fixture.store.writeTransaction { t throws(StoreError) in
            try t.saveOperator(login: "cellule.martin", role: .cell, passwordHash: "$2b$10$hash", time: time)
        }
        #expect(saved.role == .cell && saved.passwordHash == "$2b$10$hash" && saved.tokenHash == nil)
        try fixture.store.writeTransaction { t throws(StoreError) in
            try t.setOperatorToken(login: "cellule.martin", tokenHash: "abc", time: time)
            try t.createSession(StoredSession(idHash: "s1", login: "cellule.martin", csrfToken: "c1", createdAt: time, expiresAt: time + 60))
        }
        #expect(try fixture.store.readTransaction { t throws(StoreError) in try t.storedOperator(tokenHash: "abc") }?.login == "cellule.martin")
        #expect(try fixture.store.readTransaction { t throws(StoreError) in try t.session(idHash: "s1", now: time + 30) }?.csrfToken == "c1")
        // Expired sessions are not returned.
        #expect(try fixture.store.readTransaction { t throws(StoreError) in try t.session(idHash: "s1", now: time + 61) } == nil)
        // A reset (new hash or role) ends the sessions.
        _ = try fixture.store.writeTransaction { t throws(StoreError) in
            try t.saveOperator(login: "cellule.martin", role: .viewer, passwordHash: "$2b$10$other", time: time + 1)
        }
        #expect(try fixture.store.readTransaction { t throws(StoreError) in try t.session(idHash: "s1", now: time + 30) } == nil)
        #expect(try fixture.store.readTransaction { t throws(StoreError) in try t.storedOperator(login: "cellule.martin") }?.role == .viewer)
    }

    @Test func loginsArePlainIdentifiers() throws {
        let fixture = try TemporaryStore()
        for bad in ["", "with space", "émile", String(repeating: "a", count: 65), "a;b"] {
            #expect(throws: StoreError.invalidOperator(field: "login", reason: "must be 1-64 ASCII letters, digits, '.', '-', '_' or '@'")) {
                _ = try fixture.store.writeTransaction { t throws(StoreError) in try t.saveOperator(login: bad, role: .cell, passwordHash: nil) }
            }
        }
        #expect(throws: StoreError.operatorNotFound(login: "nobody")) {
            try fixture.store.writeTransaction { t throws(StoreError) in try t.setOperatorToken(login: "nobody", tokenHash: "x") }
        }
    }
}
