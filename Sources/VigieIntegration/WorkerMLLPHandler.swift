import VigieMLLP
import VigieWorker

/// The worker behind an MLLP listener: each frame's payload is one worker request (an HL7 message with CR
/// between segments), answered through a `WorkerQueue`, hence with group commit across connections, an ACK only
/// after the commit and idempotency on MSH-10, exactly as on stdin.
public struct WorkerMLLPHandler: MLLPHandler {
    public let queue: WorkerQueue
    let worker: Worker

    public init(worker: Worker, queue: WorkerQueue) {
        self.worker = worker
        self.queue = queue
    }

    public func answer(message: [UInt8]) async -> [UInt8]? {
        let started = ContinuousClock.now
        let answer = await queue.answer(message)
        MLLPMessageMetrics.record(request: message, answer: answer, started: started)
        return answer
    }

    /// An oversized frame gets the worker's AR (addressed from its MSH); bytes outside a frame get no answer (the
    /// connection is closed: there is no message to acknowledge).
    public func refusal(for error: MLLPFramingError) async -> [UInt8]? {
        MLLPMessageMetrics.recordRefusal()
        return switch error {
        case .messageTooLarge(_, let prefix): Array(worker.refusal(forOversizedMessageStartingWith: prefix).utf8)
        case .bytesOutsideFrame: nil
        }
    }
}
