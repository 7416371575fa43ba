import Foundation

/// Reads LF-terminated lines from a file descriptor. A line longer than the limit is returned cut at
/// `maxLineBytes + 1` bytes (so the worker sees it is too long) and the rest of it is skipped unread into memory.
public struct LineReader {
    let fd: Int32
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    public init(fd: Int32, maxLineBytes: Int) {
        self.fd = fd
        self.maxLineBytes = maxLineBytes
        buffer.reserveCapacity(1 << 16)
    }

    /// Whether `next()` has a line to return without waiting: one is buffered, or the descriptor has bytes
    /// ready that complete one (read now without blocking), or the input ended with bytes left.
    public mutating func hasWaitingLine() -> Bool {
        while true {
            if buffer[start...].contains(0x0A) { return true }
            if finished { return start < buffer.count }
            // A line longer than the limit is `next()`'s to cut; do not buffer it here.
            if buffer.count - start > maxLineBytes { return true }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 0) > 0 else { return false }
            readChunk()
        }
    }

    /// Reads what the descriptor has into the buffer (waiting for it when nothing is there yet); an error or the
    /// end of input ends the reading.
    private mutating func readChunk() {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]) } else { finished = true }
            return
        }
    }

    public mutating func next() -> [UInt8]? {
        var line: [UInt8] = []
        var overflow = false
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                if !overflow {
                    line += buffer[start..<newline]
                    if line.count > maxLineBytes { line.removeLast(line.count - maxLineBytes - 1) }
                }
                start = newline + 1
                return line
            }
            if !overflow {
                line += buffer[start...]
                if line.count > maxLineBytes {
                    line.removeLast(line.count - maxLineBytes - 1)
                    overflow = true
                }
            }
            buffer.removeAll(keepingCapacity: true)
            start = 0
            if finished { return line.isEmpty && !overflow ? nil : line }
            readChunk()
        }
    }
}

