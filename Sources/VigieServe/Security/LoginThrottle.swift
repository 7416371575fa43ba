import Foundation
import NIOConcurrencyHelpers

/// Slows down password guessing: after `freeAttempts` failures for a login, or from a client address, every
/// further attempt must wait, twice as long after each failure (up to `maximumDelay`). A success clears the
/// login's count. Kept in memory: a restart forgets it, which costs an attacker a restart per few guesses.
public final class LoginThrottle: Sendable {
    public struct Policy: Sendable, Hashable {
        public var freeAttempts: Int
        public var firstDelay: TimeInterval
        public var maximumDelay: TimeInterval
        public init(freeAttempts: Int = 5, firstDelay: TimeInterval = 1, maximumDelay: TimeInterval = 900) {
            self.freeAttempts = freeAttempts
            self.firstDelay = firstDelay
            self.maximumDelay = maximumDelay
        }
    }

    private struct Record {
        var failures = 0
        var lastFailure = Date.distantPast
    }

    let policy: Policy
    private let records = NIOLockedValueBox<[String: Record]>([:])

    public init(policy: Policy) { self.policy = policy }

    /// Seconds to wait before `keys` (the login, the client address) may try again; 0 when allowed now.
    public func wait(for keys: [String], now: Date = Date()) -> TimeInterval {
        records.withLockedValue { records in
            keys.map { key -> TimeInterval in
                guard let record = records[key], record.failures >= policy.freeAttempts else { return 0 }
                let delay = min(policy.maximumDelay, policy.firstDelay * pow(2, Double(record.failures - policy.freeAttempts)))
                return max(0, record.lastFailure.addingTimeInterval(delay).timeIntervalSince(now))
            }.max() ?? 0
        }
    }

    /// Counts a failed attempt against each key.
    public func failed(_ keys: [String], now: Date = Date()) {
        records.withLockedValue { records in
            for key in keys {
                records[key, default: Record()].failures += 1
                records[key]?.lastFailure = now
            }
            // Bounded memory under a guessing flood: forget the oldest records.
            if records.count > 10_000 {
                for (key, _) in records.sorted(by: { $0.value.lastFailure < $1.value.lastFailure }).prefix(records.count - 5_000) {
                    records[key] = nil
                }
            }
        }
    }

    /// Clears the login's failures after a successful login.
    public func succeeded(_ key: String) {
        _ = records.withLockedValue { $0.removeValue(forKey: key) }
    }
}
