import Foundation

/// Group commit across concurrent callers: the messages that arrive while a batch commits form the next batch.
///
/// An MLLP listener has many connections, each waiting for its answer before sending the next message; one store
/// transaction per message would cost one fsync each. The queue hands every message waiting to one
/// `Worker.handleEncoded(lines:)` call (up to `Worker.maxBatchLines`) on its own thread — the store's writes block, so
/// they stay off Swift's cooperative pool — and resumes each caller with its answer once the batch is committed:
/// the worker's guarantees (an answer only after the commit, idempotency on MSH-10) hold unchanged.
public final class WorkerQueue: @unchecked Sendable {
    private let worker: Worker
    private let condition = NSCondition()
    private var pending: [(line: [UInt8], continuation: CheckedContinuation<[UInt8]?, Never>)] = []
    private var closed = false
    private var finished = false
    private var thread: Thread?

    /// Starts the queue's thread on `worker`.
    public init(worker: Worker) {
        self.worker = worker
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "vigie.worker-queue"
        self.thread = thread
        thread.start()
    }

    /// The answer to one request line, once committed, in the character set the request declared (MSH-18); nil
    /// when the queue is closed (nothing was done: the sender will send the message again).
    public func answer(_ line: [UInt8]) async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            if closed {
                continuation.resume(returning: nil)
                return
            }
            pending.append((line, continuation))
            condition.signal()
        }
    }

    /// Refuses new messages, lets the batch in flight and those already queued commit and be answered, then
    /// stops the thread. Returns once done.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            if pending.isEmpty && closed {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let count = min(pending.count, Worker.maxBatchLines)
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            condition.unlock()
            let answers = worker.handleEncoded(lines: batch.map(\.line))
            for (request, answer) in zip(batch, answers) { request.continuation.resume(returning: answer) }
        }
    }
}
