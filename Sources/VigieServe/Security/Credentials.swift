import Crypto
import Foundation
import HummingbirdBcrypt

/// Password hashing and random secrets.
///
/// Passwords: bcrypt (HummingbirdBcrypt, a slow salted KDF; cost 12 ≈ 0.2 s here). Bcrypt reads at most 72
/// bytes, so longer passwords are refused rather than silently cut. Session cookies and bearer tokens: 256
/// random bits from the system's CSPRNG; the store keeps only their SHA-256, so a copy of the store file
/// opens no session.
public enum Credentials {
    /// The bcrypt cost of new hashes.
    public static let defaultCost: UInt8 = 12

    /// Why a password is refused.
    public enum PasswordError: Error, Sendable, Hashable, CustomStringConvertible {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        public var description: String {
            switch self {
            case .tooShort(let minimum): "the password must have at least \(minimum) characters"
            case .tooLong(let maximum): "the password must have at most \(maximum) bytes (bcrypt reads no further)"
            }
        }
    }

    public static let minimumPasswordLength = 12
    public static let maximumPasswordBytes = 72

    /// The bcrypt hash of `password`, after the length checks.
    public static func hashPassword(_ password: String, cost: UInt8 = defaultCost) throws(PasswordError) -> String {
        guard password.count >= minimumPasswordLength else { throw .tooShort(minimum: minimumPasswordLength) }
        guard password.utf8.count <= maximumPasswordBytes else { throw .tooLong(maximum: maximumPasswordBytes) }
        return Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` matches the bcrypt `hash` (constant work whatever the answer).
    public static func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= maximumPasswordBytes else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A bcrypt hash of nothing anyone knows: verified against when the login is unknown, so that an unknown
    /// login costs the same time as a wrong password (no login enumeration by timing).
    static let decoyHash = Bcrypt.hash(randomSecret(), cost: defaultCost)

    /// 256 random bits, base64url without padding (cookie- and header-safe).
    public static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 32)
        for i in bytes.indices { bytes[i] = generator.next() }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 of a secret, hex: what the store keeps of session cookies and bearer tokens.
    public static func digest(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time independent of where they differ (CSRF tokens).
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
