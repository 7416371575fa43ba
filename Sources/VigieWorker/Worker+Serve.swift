import Foundation

extension Worker {
    /// Why `serve` stopped.
    public enum ServeEnd: Sendable, Hashable {
        /// The input ended: every line was answered.
        case inputClosed(served: Int)
        /// The output could not be written (closed): the lines of the last batch were processed, not answered.
        case outputClosed(served: Int)
    }

    /// Serves the line protocol: reads request lines from `input`, writes one answer line each to `output`.
    ///
    /// Group commit: wait for one line, take the lines already waiting behind it (never waiting for more, at most
    /// `maxBatchLines`), process them as one batch (one fsync), then write their answers, which are all durable
    /// by then.
    public func serve(input: Int32, output: Int32) -> ServeEnd {
        var reader = LineReader(fd: input, maxLineBytes: configuration.maxLineBytes)
        var served = 0
        while let first = reader.next() {
            var lines = [first]
            while lines.count < Self.maxBatchLines, reader.hasWaitingLine(), let line = reader.next() { lines.append(line) }
            var answers: [UInt8] = []
            for answer in handleEncoded(lines: lines) {
                answers += answer
                answers.append(0x0A)
            }
            guard writeAll(output, answers) else {
                logger.error("output closed; stopping", metadata: ["served": "\(served)"])
                return .outputClosed(served: served)
            }
            served += lines.count
        }
        logger.notice("input closed; stopping", metadata: ["served": "\(served)"])
        return .inputClosed(served: served)
    }
}

/// Writes every byte (retrying short writes and EINTR); false when the descriptor is closed.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return false
        }
        offset += written
    }
    return true
}
