import ArgumentParser
import Foundation
import Vigie

/// `vigie score-blocks --model model.json < blocks`: the pairs of each block with their score, decision and
/// explanation (the Spark job's second step, docs/spark.md).
struct ScoreBlocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score-blocks",
        abstract: "Score the pairs of the blocks read on stdin (one KEY<TAB>RECORD<TAB>RECORD… line per block).",
        discussion: """
            Each stdin line is a block: a key then the records that share it, as `vigie keys` wrote them. The \
            block is paired as `vigie dedupe` pairs it (every pair up to 120 records, else a sorted \
            neighbourhood in file order) and each pair is scored with the model and the term frequencies it \
            carries (`vigie train`). Writes one `id_a,id_b,score,decision,explanation` line per pair scored \
            match or review (id_a first in the file), before clustering; a pair two blocks share is written \
            for each.
            """)

    @Option(name: .long, help: "A model saved by `vigie train` (with term frequencies).")
    var model: String

    @Option(name: .long, help: "Records in the whole batch (sets the prior). Default: the model's record count.")
    var population: Int?

    func run() throws {
        let given = try ModelInput(path: model)
        guard let frequencies = given.termFrequencies else {
            throw ValidationError("model file \(model) has no term frequencies: save it with `vigie train`")
        }
        let scorer = BlockScorer(model: given.model, termFrequencies: frequencies, population: population)
        let log = StderrLog(quiet: false, command: "score-blocks")
        var out: [UInt8] = []
        var lineNumber = 0
        var block: [(ordinal: Int, raw: RawRecord)] = []
        var prepared: [PreparedRecord] = []
        var ids: [[UInt8]] = []
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            block.removeAll(keepingCapacity: true)
            var fields = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).dropFirst().makeIterator()
            var position = 2
            while let f = fields.next() {
                do throws(BlockLine.Malformed) {
                    block.append(try BlockLine.record(f, field: position))
                } catch {
                    log.always("line \(lineNumber): \(error.description); block skipped")
                    block.removeAll()
                    break
                }
                position += 1
            }
            // File order, each record once (a record can carry the same key twice).
            block.sort { $0.ordinal < $1.ordinal }
            prepared.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            var last = -1
            for (ordinal, raw) in block where ordinal != last {
                last = ordinal
                var warnings: [PreparationWarning] = []
                guard let r = try? PreparedRecord(raw, leniency: .lenient, warnings: &warnings) else { continue }
                prepared.append(r)
                var id: [UInt8] = []
                CSVOutput.appendField(raw.id, to: &id)
                ids.append(id)
            }
            guard prepared.count >= 2 else { continue }
            for p in scorer.pairs(in: prepared) {
                DedupeOutput.appendPair(
                    ids[p.a], ids[p.b], score: p.score, decision: p.decision, explanation: p.explanation, to: &out)
            }
            if out.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(out))
                out.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(out))
    }
}
