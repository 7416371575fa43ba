import NIOCore

/// One item the frame decoder reads from a connection: a message's payload (without the block characters), or
/// what was wrong with the bytes.
public enum MLLPInbound: Sendable, Equatable {
    case message([UInt8])
    case refused(MLLPFramingError)
}

/// Splits a byte stream into MLLP frames (`<VT> payload <FS><CR>`), within a maximum message size.
///
/// White space between frames (CR, LF, space, tab: some senders add a line feed after `<FS><CR>`) is skipped.
/// A frame ends at `<FS>`; the `<CR>` that follows is consumed as white space, so that a sender omitting it is
/// still understood. Any other byte outside a frame is refused (`bytesOutsideFrame`) and everything after it is
/// dropped: the server closes such a connection. A frame over `maxMessageBytes` is refused as soon as the limit
/// is passed (`messageTooLarge`, with its first bytes), then read to its end and dropped, holding no more than the
/// limit in memory: the connection stays usable.
public struct MLLPFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = MLLPInbound

    /// The largest payload accepted, in bytes.
    public let maxMessageBytes: Int
    /// How many bytes of an oversized frame are kept for its refusal.
    static let refusalPrefixBytes = 4096

    private enum State {
        case between
        /// Inside a frame; `scanned` payload bytes are known to hold no end block.
        case inFrame(scanned: Int)
        /// Dropping the rest of an oversized frame.
        case discarding
        /// After a byte outside a frame: nothing more is decoded.
        case failed
    }

    private var state = State.between
    /// Bytes consumed from the connection so far (for error offsets).
    private var consumed = 0

    public init(maxMessageBytes: Int) {
        self.maxMessageBytes = maxMessageBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let item = next(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(item))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A frame cut by the end of the connection is dropped: it was never complete, so never answered.
        while let item = next(&buffer) { context.fireChannelRead(wrapInboundOut(item)) }
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }

    /// The next complete item in `buffer`, consuming its bytes; nil when more bytes are needed.
    /// Separate from NIO's context so that tests can drive it on plain buffers.
    public mutating func next(_ buffer: inout ByteBuffer) -> MLLPInbound? {
        while true {
            switch state {
            case .failed:
                consume(&buffer, buffer.readableBytes)
                return nil
            case .between:
                guard let byte = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
                switch byte {
                case MLLPFraming.startBlock:
                    consume(&buffer, 1)
                    state = .inFrame(scanned: 0)
                case 0x0D, 0x0A, 0x20, 0x09:
                    consume(&buffer, 1)
                default:
                    let offset = consumed
                    state = .failed
                    consume(&buffer, buffer.readableBytes)
                    return .refused(.bytesOutsideFrame(offset: offset))
                }
            case .inFrame(let scanned):
                let view = buffer.readableBytesView
                let searchStart = view.index(view.startIndex, offsetBy: scanned)
                if let end = view[searchStart...].firstIndex(of: MLLPFraming.endBlock) {
                    let length = end - view.startIndex
                    if length > maxMessageBytes {
                        let prefix = Array(view.prefix(Self.refusalPrefixBytes))
                        consume(&buffer, length + 1)
                        state = .between
                        return .refused(.messageTooLarge(limit: maxMessageBytes, prefix: prefix))
                    }
                    let payload = buffer.readBytes(length: length) ?? []
                    consumed += length
                    consume(&buffer, 1)
                    state = .between
                    return .message(payload)
                }
                if view.count > maxMessageBytes {
                    let prefix = Array(view.prefix(Self.refusalPrefixBytes))
                    consume(&buffer, buffer.readableBytes)
                    state = .discarding
                    return .refused(.messageTooLarge(limit: maxMessageBytes, prefix: prefix))
                }
                state = .inFrame(scanned: view.count)
                return nil
            case .discarding:
                let view = buffer.readableBytesView
                if let end = view.firstIndex(of: MLLPFraming.endBlock) {
                    consume(&buffer, end - view.startIndex + 1)
                    state = .between
                } else {
                    consume(&buffer, view.count)
                    return nil
                }
            }
        }
    }

    private mutating func consume(_ buffer: inout ByteBuffer, _ count: Int) {
        buffer.moveReaderIndex(forwardBy: count)
        consumed += count
    }
}

/// Frames each outbound payload as `<VT> payload <FS><CR>`.
public struct MLLPFrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = ByteBuffer

    public init() {}

    public func encode(data: ByteBuffer, out: inout ByteBuffer) throws {
        out.reserveCapacity(minimumWritableBytes: data.readableBytes + 3)
        out.writeInteger(MLLPFraming.startBlock)
        out.writeImmutableBuffer(data)
        out.writeInteger(MLLPFraming.endBlock)
        out.writeInteger(MLLPFraming.carriageReturn)
    }
}
