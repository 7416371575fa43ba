/// What answers the messages an MLLP server receives. The server calls it once per message, one message at a time
/// per connection (so answers come back in order on each connection), from many connections at once.
public protocol MLLPHandler: Sendable {
    /// The answer to one message (its payload, without the block characters), or nil to close the connection
    /// without answering (the server is stopping: the sender will send it again).
    func answer(message: [UInt8]) async -> [UInt8]?
    /// The answer to a frame the decoder refused (an HL7 AR), or nil to send nothing. Whether the connection stays
    /// open is the error's `closesConnection`.
    func refusal(for error: MLLPFramingError) async -> [UInt8]?
}
