/// Why `vigie feed` stopped. Descriptions name outbox sequences, control ids and HL7 codes, never a trait.
public enum FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The destination answered AE or AR (MSA-1 `code`, ERR-3 `errorCode` when given): the feed stops on this
    /// entry, and the subscriber's position stays before it.
    case refused(sequence: Int64, controlID: String, code: String, errorCode: String?)
    /// The destination's answer is not an acknowledgement of the message sent (`reason` says what is wrong).
    case unexpectedAnswer(sequence: Int64, controlID: String, reason: String)
    /// The destination could not be reached (or answered) `attempts` times in a row.
    case unreachable(attempts: Int, reason: String)
    /// The messages could not be written to the output (stdout).
    case outputFailed(reason: String)
    /// The TLS files could not be used (unreadable, not PEM, key not matching the certificate).
    case tlsConfiguration(reason: String)

    public var description: String {
        switch self {
        case .refused(let sequence, let controlID, let code, let errorCode):
            "destination answered \(code)\(errorCode.map { " (error \($0))" } ?? "") to outbox entry \(sequence) (MSH-10 \(controlID)); "
                + "the feed stopped there and will send it again"
        case .unexpectedAnswer(let sequence, let controlID, let reason):
            "the answer to outbox entry \(sequence) (MSH-10 \(controlID)) is not its acknowledgement: \(reason)"
        case .unreachable(let attempts, let reason):
            "destination unreachable after \(attempts) attempts: \(reason)"
        case .outputFailed(let reason): "cannot write the messages: \(reason)"
        case .tlsConfiguration(let reason): "TLS: \(reason)"
        }
    }
}
