// Measurement probe for Benchmarks/size (built by make-probe.sh; not part of Vigie): what `vigie dedupe` does (lenient reading, EM from 10 000 records,
// the records' own term frequencies), then figures against truth.csv, in one process.
//   probe generate PERSONS SEED OUT           (as `vigie corpus generate`)
//   probe measure DIR [switch-off,names] [pairs-out.tsv]
import Foundation
import VigieCorpus
import VigieIdentity
#if BEFORE
import VigieMatchBefore
#else
import VigieMatch
#endif

let args = CommandLine.arguments
let threads = ProcessInfo.processInfo.activeProcessorCount
if args[1] == "generate" {
    let profile = try CorpusProfile.load(from: .embedded)
    let reference = try CorpusData.load(from: .embedded, profile: profile)
    let corpus = CorpusGenerator(data: reference, profile: profile).generate(
        persons: Int(args[2])!, seed: UInt64(args[3])!, threads: threads)
    try FileManager.default.createDirectory(atPath: args[4], withIntermediateDirectories: true)
    try CorpusFiles.write(corpus, to: args[4], threads: threads)
    print("\(corpus.records.count) records")
    exit(0)
}
let dir = args[2]
let t0 = Date()
let read = try BatchCSV.read(contentsOf: dir + "/records.csv")
let batch = PreparedRecord.prepare(read.records, threads: threads, leniency: .lenient)
let records = batch.records
var model = MatchModel.builtIn
if args.count > 3 && !args[3].isEmpty && args[3] != "-" {
    model.switchedOff = try SwitchedOff(names: args[3].split(separator: ",").map(String.init))
}
if records.count >= 10_000 { model = MatchModel.trained(on: records, starting: model, threads: threads) }
let tf = TermFrequencies(records: records)
let result = Deduplicator(model: model, threads: threads).run(records, termFrequencies: tf)
let seconds = Date().timeIntervalSince(t0)

// Truth.
let truthText = try String(contentsOfFile: dir + "/truth.csv", encoding: .utf8)
var personOf: [String: String] = [:]
for line in truthText.split(separator: "\n").dropFirst() {
    let parts = line.split(separator: ",", omittingEmptySubsequences: false)
    if parts.count >= 2 { personOf[String(parts[0])] = String(parts[1]) }
}
var groupsByPerson: [String: [Int]] = [:]
for (i, r) in records.enumerated() { groupsByPerson[personOf[r.id] ?? "self:\(r.id)", default: []].append(i) }
let groups = groupsByPerson.values.filter { $0.count > 1 }
var truePairs = 0
var autoTrue = 0
for g in groups {
    truePairs += g.count * (g.count - 1) / 2
    var perCluster: [Int32: Int] = [:]
    for i in g { perCluster[result.clusterOf[i], default: 0] += 1 }
    for (_, n) in perCluster { autoTrue += n * (n - 1) / 2 }
}
var clusterSize: [Int32: Int] = [:]
for c in result.clusterOf { clusterSize[c, default: 0] += 1 }
let autoPairs = clusterSize.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
// Review coverage: a true pair whose two clusters are joined by a review item.
var reviewed: Set<UInt64> = []
func key(_ a: Int32, _ b: Int32) -> UInt64 { UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b))) }
for p in result.reviewQueue { reviewed.insert(key(result.clusterOf[Int(p.a)], result.clusterOf[Int(p.b)])) }
var reviewTrue = 0
for g in groups {
    for x in 0..<g.count {
        for y in (x + 1)..<g.count {
            let (ca, cb) = (result.clusterOf[g[x]], result.clusterOf[g[y]])
            if ca != cb && reviewed.contains(key(ca, cb)) { reviewTrue += 1 }
        }
    }
}
let candidates = Deduplicator(model: model, threads: threads).blockingCandidates(records)
let coverage = BlockingReport.truthCoverage(candidates: candidates, truthGroups: groups)
let oversized = result.blocking.passes.map { "\($0.oversizedBlocks)" }.joined(separator: "/")
let precision = Double(autoTrue) / Double(max(1, autoPairs))
let recall = Double(autoTrue) / Double(max(1, truePairs))
let recallReview = Double(autoTrue + reviewTrue) / Double(max(1, truePairs))
let share = 100 * Double(result.reviewQueue.count) / Double(records.count)
print(String(
    format: "records %d | auto precision %.4f (%d false) | auto recall %.4f | auto+review (cluster pairs) %.4f | review items %d (%.2f %%) | blocking reach %.2f %% | candidates %d | c %.4f | prior %.2f | oversized %@ | %.1f s",
    records.count, precision, autoPairs - autoTrue, recall, recallReview, result.reviewQueue.count, share,
    100 * coverage.share, result.blocking.candidatePairs, model.duplicatePairsPerRecord,
    model.priorLog2Odds(population: records.count), oversized, seconds))
// Per true pair: auto / review / none, with the pair's explanation when it was scored.
if args.count > 4 {
    var scored: [UInt64: ScoredPair] = [:]
    for p in result.pairs { scored[UInt64(UInt32(min(p.a, p.b))) << 32 | UInt64(UInt32(max(p.a, p.b)))] = p }
    var out = ""
    for g in groups {
        for x in 0..<g.count {
            for y in (x + 1)..<g.count {
                let (a, b) = (min(g[x], g[y]), max(g[x], g[y]))
                let (ca, cb) = (result.clusterOf[a], result.clusterOf[b])
                let status = ca == cb ? "auto" : (reviewed.contains(key(ca, cb)) ? "review" : "none")
                let ids = [records[a].id, records[b].id].sorted()
                var expl = ""
                if let p = scored[UInt64(a) << 32 | UInt64(b)] { expl = String(format: "%.1f ", p.score) + result.explanation(of: p).description }
                out += "\(ids[0])\t\(ids[1])\t\(status)\t\(expl)\n"
            }
        }
    }
    try out.write(toFile: args[4], atomically: true, encoding: .utf8)
}
