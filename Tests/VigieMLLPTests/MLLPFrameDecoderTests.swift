import NIOCore
import Testing
@testable import VigieMLLP

/// The frame decoder on plain buffers: `<VT> payload <FS><CR>` (HL7 v2 Implementation Guide, Appendix C, C.4).
@Suite struct MLLPFrameDecoderTests {
    /// Feeds `chunks` one after the other and collects every item decoded.
    func decode(_ chunks: [[UInt8]], limit: Int = 64) -> [MLLPInbound] {
        var decoder = MLLPFrameDecoder(maxMessageBytes: limit)
        var buffer = ByteBuffer()
        var items: [MLLPInbound] = []
        for chunk in chunks {
            buffer.writeBytes(chunk)
            while let item = decoder.next(&buffer) { items.append(item) }
            buffer.discardReadBytes()
        }
        return items
    }

    @Test func oneFrame() {
        #expect(decode([MLLPFraming.frame(Array("MSH|x".utf8))]) == [.message(Array("MSH|x".utf8))])
    }

    @Test func frameArrivingByteByByte() {
        let bytes = MLLPFraming.frame(Array("MSH|abc\rPID|1".utf8))
        #expect(decode(bytes.map { [$0] }) == [.message(Array("MSH|abc\rPID|1".utf8))])
    }

    @Test func twoFramesInOneReadWithLineFeedBetween() {
        let bytes = MLLPFraming.frame(Array("A".utf8)) + [0x0A] + MLLPFraming.frame(Array("B".utf8))
        #expect(decode([bytes]) == [.message([0x41]), .message([0x42])])
    }

    @Test func endBlockWithoutCarriageReturnStillEndsTheFrame() {
        #expect(decode([[0x0B, 0x41, 0x1C, 0x0B, 0x42, 0x1C, 0x0D]]) == [.message([0x41]), .message([0x42])])
    }

    @Test func bytesOutsideAFrameAreRefusedAndNothingAfterIsDecoded() {
        let items = decode([Array("GET / HTTP/1.1\r\n".utf8), MLLPFraming.frame([0x41])])
        #expect(items == [.refused(.bytesOutsideFrame(offset: 0))])
        #expect(MLLPFramingError.bytesOutsideFrame(offset: 0).closesConnection)
    }

    @Test func garbageOffsetCountsEarlierFrames() {
        let items = decode([MLLPFraming.frame([0x41]) + [0x58]])
        #expect(items == [.message([0x41]), .refused(.bytesOutsideFrame(offset: 4))])
    }

    /// A frame over the limit is refused as soon as the limit is passed, with its first bytes, then dropped to its
    /// end; the next frame is decoded normally.
    @Test func oversizedFrameIsRefusedThenTheStreamGoesOn() {
        let big = Array(repeating: UInt8(ascii: "x"), count: 100)
        let items = decode([[0x0B] + Array(big[0..<70]), Array(big[70...]) + [0x1C, 0x0D], MLLPFraming.frame([0x41])], limit: 64)
        #expect(items.count == 2)
        guard case .refused(.messageTooLarge(let limit, let prefix)) = items.first else {
            Issue.record("expected messageTooLarge, got \(items)")
            return
        }
        #expect(limit == 64)
        #expect(prefix == Array(big[0..<70]))
        #expect(items.last == .message([0x41]))
        #expect(!MLLPFramingError.messageTooLarge(limit: 64, prefix: []).closesConnection)
    }

    @Test func oversizedFrameCompleteInOneRead() {
        let items = decode([MLLPFraming.frame(Array(repeating: 0x78, count: 65)), MLLPFraming.frame([0x41])], limit: 64)
        #expect(items.count == 2)
        #expect(items.last == .message([0x41]))
    }

    @Test func frameAtTheLimitIsAccepted() {
        let payload = Array(repeating: UInt8(0x78), count: 64)
        #expect(decode([MLLPFraming.frame(payload)], limit: 64) == [.message(payload)])
    }

    @Test func encoderFramesThePayload() throws {
        var out = ByteBuffer()
        try MLLPFrameEncoder().encode(data: ByteBuffer(bytes: [0x41, 0x42]), out: &out)
        #expect(Array(out.readableBytesView) == [0x0B, 0x41, 0x42, 0x1C, 0x0D])
    }
}
