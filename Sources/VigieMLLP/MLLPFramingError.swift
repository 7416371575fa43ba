/// What is wrong with the bytes a peer sent, as the frame decoder found it.
public enum MLLPFramingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A byte other than white space outside a frame (before a start block), at this offset of the connection's
    /// stream. The stream cannot be resynchronised safely: the connection is closed.
    case bytesOutsideFrame(offset: Int)
    /// A frame longer than the limit. `prefix` holds its first bytes (up to 4 KiB, enough for the MSH segment),
    /// so that the refusal can be addressed; the rest of the frame is read and dropped, and the connection goes on.
    case messageTooLarge(limit: Int, prefix: [UInt8])

    /// Whether the connection must be closed after this error (rather than answered and kept).
    public var closesConnection: Bool {
        switch self {
        case .bytesOutsideFrame: true
        case .messageTooLarge: false
        }
    }

    public var description: String {
        switch self {
        case .bytesOutsideFrame(let offset): "MLLP: byte outside a frame at offset \(offset) (expected 0x0B)"
        case .messageTooLarge(let limit, _): "MLLP: message exceeds \(limit) bytes"
        }
    }
}
