import Foundation
import Testing
@testable import VigieServe

@Suite struct CredentialsTests {
    @Test func passwordsAreBcryptHashedSaltedAndChecked() throws {
        let first = try Credentials.hashPassword("correct-horse-battery", cost: 10)
        let second = try Credentials.hashPassword("correct-horse-battery", cost: 10)
        #expect(first.hasPrefix("$2") && first != second)  // salted
        #expect(first.contains("$10$"))
        #expect(Credentials.verify("correct-horse-battery", hash: first))
        #expect(!Credentials.verify("correct-horse-batterz", hash: first))
        #expect(throws: Credentials.PasswordError.tooShort(minimum: 12)) { try Credentials.hashPassword("short") }
        // bcrypt reads 72 bytes: longer passwords are refused rather than silently cut.
        #expect(throws: Credentials.PasswordError.tooLong(maximum: 72)) { try Credentials.hashPassword(String(repeating: "é", count: 40)) }
    }

    @Test func secretsAreRandomURLSafeAndStoredAsSHA256() {
        let a = Credentials.randomSecret(), b = Credentials.randomSecret()
        #expect(a != b && a.count == 43)
        #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        // FIPS 180-2 test vector.
        #expect(Credentials.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Credentials.constantTimeEquals("abc", "abc") && !Credentials.constantTimeEquals("abc", "abd") && !Credentials.constantTimeEquals("abc", "ab"))
    }

    @Test func theThrottleDoublesTheWaitAfterTheFreeAttempts() {
        let throttle = LoginThrottle(policy: .init(freeAttempts: 2, firstDelay: 10, maximumDelay: 25))
        let t0 = Date(timeIntervalSince1970: 1_000)
        #expect(throttle.wait(for: ["login:a"], now: t0) == 0)
        throttle.failed(["login:a", "address:x"], now: t0)
        #expect(throttle.wait(for: ["login:a"], now: t0) == 0)
        throttle.failed(["login:a", "address:x"], now: t0)
        #expect(throttle.wait(for: ["login:a"], now: t0) == 10)
        #expect(throttle.wait(for: ["login:b", "address:x"], now: t0 + 4) == 6)  // the address is throttled too
        throttle.failed(["login:a"], now: t0)
        #expect(throttle.wait(for: ["login:a"], now: t0) == 20)
        throttle.failed(["login:a"], now: t0)
        #expect(throttle.wait(for: ["login:a"], now: t0) == 25)  // capped
        throttle.succeeded("login:a")
        #expect(throttle.wait(for: ["login:a"], now: t0) == 0)
    }
}
