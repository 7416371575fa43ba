import Logging
import VigieRI
import VigieStore

/// What one request line asks for, decoded but not yet run.
enum WorkerStep {
    /// A write message: joins the batch's group commit, in its own savepoint.
    case write(PendingWrite)
    /// Anything else (a query, a read, a refusal): answered in its turn, after the writes before it are committed.
    case answer(() -> String)
}

/// What a write message did, for the log line.
final class WriteEffects {
    /// The message's outcome (nil for a replay, whose body does not run).
    var summary: RIOutcome?
}

/// A write message waiting for its batch's commit: the référentiel's write, and how to answer it.
struct PendingWrite {
    /// The command(s), run by `Referentiel.performBatch` in the message's savepoint; returns the stored answer.
    let write: RIWrite<String>
    /// Filled by the write's body.
    let effects: WriteEffects
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
    /// Consecutive write messages go to the référentiel as one group commit (`Referentiel.performBatch`): one
    /// transaction, a savepoint per message so that a refused message changes nothing and undoes no other, one
    /// fsync for all. A line that is not a write (a query, a read, a refusal) first commits the writes before
    /// it, so that it sees them too. The answers are returned only once every change they acknowledge is
    /// committed; if the commit itself fails, every write of the group is answered with an error.
    ///
    /// Calls from several threads are safe (the store serialises the writes). `vigie worker` calls this from
    /// one thread only.
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

    /// Runs a group of write messages as one group commit and appends their answers.
    private func commit(_ group: [PendingWrite], into answers: inout [String]) {
        guard !group.isEmpty else { return }
        let results: [Result<MessageOutcome<String>, any Error>]
        do {
            results = try ri.performBatch(group.map(\.write))
        } catch {
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
