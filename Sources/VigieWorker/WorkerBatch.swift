import Logging
import VigieStore

/// What one request line asks for, decoded but not yet run.
enum WorkerStep {
    /// A write message: joins the batch's store transaction, in its own savepoint.
    case write(PendingWrite)
    /// Anything else (a query, a read, a refusal): answered in its turn, after the writes before it are committed.
    case answer(() -> String)
}

/// What a write message did inside its savepoint, for the live index and the log line.
final class WriteEffects {
    /// The live-index changes of the message, applied once its savepoint is released.
    var changes: [IndexChange] = []
    /// The message's result (nil for a replay, whose body does not run).
    var summary: RIResult?
}

/// A write message waiting for its batch's commit.
struct PendingWrite {
    /// The idempotency key.
    let key: MessageKey
    /// Filled by `run`.
    let effects: WriteEffects
    /// Runs inside the message's savepoint; returns the answer stored for idempotency.
    let run: (StoreTransaction) throws -> String
    /// Logs a committed (or replayed) message; returns its answer line.
    let completed: (MessageOutcome<String>) -> String
    /// Logs a refused message (nothing of it was kept); returns its error answer line.
    let failed: (any Error) -> String
}

extension Worker {
    /// The most lines `vigie worker` hands to one `handle(lines:)` call (one commit).
    public static let maxBatchLines = 256

    /// Answers several request lines (without their line terminators), one answer per line, in order.
    ///
    /// Consecutive write messages are processed in one store transaction — each in its own savepoint, so that a
    /// refused message changes nothing and undoes no other — and committed once (one fsync for all: group
    /// commit). A message sees the effects of the earlier ones in the batch, in the store and in the live
    /// index. A line that is not a write (a query, a read, a refusal) first commits the writes before it, so
    /// that it sees them too. The answers are returned only once every change they acknowledge is committed;
    /// if the commit itself fails, every write of the group is answered with an error and nothing of it is kept.
    ///
    /// Calls from several threads are safe (the store serialises the writes), but a query running on another
    /// thread during a batch may find the batch's identities in the live index before they are committed: a PDQ
    /// query leaves them out (it reads its candidates from committed data), a JSON `search` lists their ids.
    /// `vigie worker` calls this from one thread only.
    public func handle(lines: [[UInt8]]) -> [String] {
        var answers: [String] = []
        answers.reserveCapacity(lines.count)
        var group: [PendingWrite] = []
        for line in lines {
            switch step(for: line) {
            case .write(let write):
                group.append(write)
            case .answer(let run):
                commit(group, into: &answers)
                group.removeAll(keepingCapacity: true)
                answers.append(run())
            }
        }
        commit(group, into: &answers)
        return answers
    }

    /// Runs a group of write messages in one transaction and appends their answers.
    private func commit(_ group: [PendingWrite], into answers: inout [String]) {
        guard !group.isEmpty else { return }
        // What undoes the live-index changes already applied, should the commit fail.
        var undo: [IndexChange] = []
        let results: [Result<MessageOutcome<String>, any Error>]
        do {
            results = try store.performBatch(
                group.map(\.key), { index, transaction in try group[index].run(transaction) },
                released: { index, outcome in
                    if !outcome.isReplay { undo += self.index.apply(group[index].effects.changes) }
                })
        } catch {
            index.revert(undo)
            logger.error("batch not committed", metadata: ["messages": "\(group.count)", "detail": "\(error.description)"])
            for write in group { answers.append(write.failed(error)) }
            return
        }
        if group.count > 1 { logger.info("batch committed", metadata: ["messages": "\(group.count)"]) }
        for (write, result) in zip(group, results) {
            switch result {
            case .success(let outcome): answers.append(write.completed(outcome))
            case .failure(let error): answers.append(write.failed(error))
            }
        }
    }
}
