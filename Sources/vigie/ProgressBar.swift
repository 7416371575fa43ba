import Foundation

/// Progress of the long stages on stderr, with an ETA: a bar redrawn in place when stderr is a terminal, else
/// a line at most every 5 seconds or 10 % (a log file gets a few lines, not one per chunk). Counts only, never
/// a trait. Off with `--quiet`.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let prefix: String
    private let terminal: Bool
    private var stage = ""
    private var stageStart = Date()
    private var lastDraw = Date.distantPast
    private var lastShare = -1.0
    private var drawn = false

    init(prefix: String, terminal: Bool = isatty(STDERR_FILENO) != 0) {
        self.prefix = prefix
        self.terminal = terminal
    }

    /// `done` of `total` units of `stage` (total 0: unknown, the stage is only named).
    func update(stage: String, done: Int, total: Int, now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        if stage != self.stage {
            finishLine()
            self.stage = stage
            stageStart = now
            lastShare = -1
            lastDraw = .distantPast
            if total <= 0 || done <= 0 {
                write(prefix + stage + (terminal ? "" : "\n"))
                drawn = terminal
                return
            }
        }
        guard total > 0, done > 0 else { return }
        let share = min(1, Double(done) / Double(total))
        let elapsed = now.timeIntervalSince(stageStart)
        if terminal {
            guard now.timeIntervalSince(lastDraw) >= 0.2 || share >= 1 else { return }
        } else {
            guard now.timeIntervalSince(lastDraw) >= 5 || share - lastShare >= 0.1 || share >= 1 else { return }
        }
        lastDraw = now
        lastShare = share
        let line = Self.render(stage: stage, done: done, total: total, elapsed: elapsed, width: 24)
        if terminal {
            write("\r" + prefix + line + "\u{1B}[K")
            drawn = true
            if share >= 1 { finishLine() }
        } else {
            write(prefix + line + "\n")
        }
    }

    /// `scoring [#######.....] 58% 3 612 000/6 170 000, 4 s left`.
    static func render(stage: String, done: Int, total: Int, elapsed: Double, width: Int) -> String {
        let share = min(1, Double(done) / Double(total))
        let filled = Int((share * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        var s = "\(stage) [\(bar)] \(Int((share * 100).rounded(.down)))% \(done)/\(total)"
        if share >= 1 {
            s += String(format: ", %.1f s", elapsed)
        } else if share > 0.01 && elapsed > 0.5 {
            s += ", " + eta(elapsed * (1 - share) / share) + " left"
        }
        return s
    }

    static func eta(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(s % 60) s" }
        return "\(s / 3600) h \(s / 60 % 60) min"
    }

    /// Ends a bar drawn in place before other lines are written.
    func finishLine() {
        if drawn && terminal { write("\n") }
        drawn = false
    }

    /// A line from elsewhere: ends the bar first.
    func line(_ s: String) {
        lock.lock()
        defer { lock.unlock() }
        finishLine()
        write(s)
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
