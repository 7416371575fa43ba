import Foundation
import VigieRI

/// How a `Worker` behaves: limits, the name it answers under, and its clock.
public struct WorkerConfiguration: Sendable {
    /// The longest request line accepted, in bytes (without the newline). Longer lines are refused.
    public var maxLineBytes: Int
    /// The most potential duplicates scored and reported per identity (and the default PDQ answer size).
    public var candidateLimit: Int
    /// MSH-3 of answers when the request names no receiving application, and the journal's actor for JSON.
    public var application: String
    /// The clock (answers' MSH-7, journal times). Tests pass a fixed one.
    public var now: @Sendable () -> Date
    /// INSi, for the JSON `qualify` operation (`vigie worker --insi URL`); nil: `qualify` answers `unavailable`.
    public var qualifier: (any RIQualifier)?

    /// Creates a configuration; the defaults suit a production worker.
    public init(
        maxLineBytes: Int = 1 << 20, candidateLimit: Int = 10, application: String = "VIGIE",
        now: @escaping @Sendable () -> Date = { Date() }, qualifier: (any RIQualifier)? = nil
    ) {
        self.qualifier = qualifier
        self.maxLineBytes = maxLineBytes
        self.candidateLimit = candidateLimit
        self.application = application
        self.now = now
    }
}
