import Benchmark
import Foundation
import VigieEngine

// Matching benchmarks on the committed generated sample (corpus/sample/records.csv), each next to a naive
// reference measured in the same run: the same comparisons done on `String`s, re-normalised per pair,
// all pairs within a birth-year block (what a straightforward implementation does).
// Run: cd Benchmarks && swift package benchmark --target MatchBenchmarks

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(5))

    let sample = Sample.load()
    let pairs = sample.candidatePairs

    Benchmark("score pair (PreparedRecord, hashes + bytes)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let model = MatchModel.builtIn
        var total = 0.0
        for i in benchmark.scaledIterations {
            let (a, b) = pairs[i % pairs.count]
            total += score(sample.prepared[a], sample.prepared[b], model: model).score
        }
        blackHole(total)
    }

    Benchmark("score pair, naive reference (String, normalised per pair)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var total = 0.0
        for i in benchmark.scaledIterations {
            let (a, b) = pairs[i % pairs.count]
            total += NaiveScorer.score(sample.raw[a], sample.raw[b])
        }
        blackHole(total)
    }

    Benchmark("dedupe (prepare + blocking + scoring + clustering), 2 threads") { benchmark in
        for _ in benchmark.scaledIterations {
            let prepared = sample.raw.compactMap { try? PreparedRecord($0) }
            blackHole(Deduplicator(model: .builtIn, threads: 2).run(prepared).pairs.count)
        }
    }

    Benchmark("dedupe, naive reference (all pairs within birth year, String)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(NaiveScorer.dedupe(sample.raw))
        }
    }

    Benchmark("LiveMatcher.candidates (index of the sample)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let live = LiveMatcher(model: .builtIn)
        for r in sample.prepared { live.upsert(r) }
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            blackHole(live.candidates(for: sample.prepared[i % sample.prepared.count], limit: 5).count)
        }
    }

    // Same question without the index: score the query against every record, keep the best 5 review/match.
    Benchmark("LiveMatcher.candidates, naive reference (linear scan, score every record)") { benchmark in
        let model = MatchModel.builtIn
        for i in benchmark.scaledIterations {
            let query = sample.prepared[i % sample.prepared.count]
            var found: [(id: String, score: PairScore)] = []
            for r in sample.prepared where r.id != query.id {
                let s = score(query, r, model: model)
                if s.decision != .nonMatch { found.append((r.id, s)) }
            }
            found.sort { $0.score.score > $1.score.score }
            blackHole(found.prefix(5).count)
        }
    }
}

/// The committed sample, prepared once, with the candidate pairs a dedupe scores.
struct Sample: Sendable {
    var raw: [RawRecord]
    var prepared: [PreparedRecord]
    var candidatePairs: [(Int, Int)]

    static func load() -> Sample {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let raw = try! BatchCSV.read(contentsOf: root + "/corpus/sample/records.csv").records
        let kept = raw.filter { (try? PreparedRecord($0)) != nil }
        let prepared = kept.map { try! PreparedRecord($0) }
        // Pairs sharing a birth year and the first letter of the name: a realistic mix of matches and not.
        var byKey: [String: [Int]] = [:]
        for (i, r) in kept.enumerated() { byKey[String(r.birthDate.prefix(4)) + String(r.birthName.prefix(1)), default: []].append(i) }
        var pairs: [(Int, Int)] = []
        for (_, list) in byKey.sorted(by: { $0.key < $1.key }) {
            for x in 0..<list.count { for y in (x + 1)..<list.count { pairs.append((list[x], list[y])) } }
        }
        return Sample(raw: kept, prepared: prepared, candidatePairs: pairs)
    }
}

/// A straightforward implementation: normalise both records' strings for every pair, compare with a
/// `Character`-based Jaro–Winkler, parse the dates each time.
enum NaiveScorer {
    static func normalise(_ s: String) -> String {
        s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
            .filter { $0.isLetter || $0 == " " }
    }

    static func jaroWinkler(_ s1: String, _ s2: String) -> Double {
        let a = Array(s1)
        let b = Array(s2)
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var ma = [Bool](repeating: false, count: a.count)
        var mb = [Bool](repeating: false, count: b.count)
        var m = 0
        for i in a.indices {
            let lo = max(0, i - window)
            let hi = min(b.count - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !mb[j] && a[i] == b[j] {
                ma[i] = true
                mb[j] = true
                m += 1
                break
            }
        }
        if m == 0 { return 0 }
        var t = 0
        var k = 0
        for i in a.indices where ma[i] {
            while !mb[k] { k += 1 }
            if a[i] != b[k] { t += 1 }
            k += 1
        }
        let md = Double(m)
        let jaro = (md / Double(a.count) + md / Double(b.count) + (md - Double(t / 2)) / md) / 3
        var p = 0
        while p < min(4, a.count, b.count) && a[p] == b[p] { p += 1 }
        return jaro + Double(p) * 0.1 * (1 - jaro)
    }

    static func score(_ x: RawRecord, _ y: RawRecord) -> Double {
        var s = 0.0
        let n1 = normalise(x.birthName)
        let n2 = normalise(y.birthName)
        s += n1 == n2 ? 10 : (jaroWinkler(n1, n2) > 0.9 ? 4 : -5)
        let f1 = normalise(x.firstNames).split(separator: " ").first.map(String.init) ?? ""
        let f2 = normalise(y.firstNames).split(separator: " ").first.map(String.init) ?? ""
        s += f1 == f2 ? 7 : (jaroWinkler(f1, f2) > 0.9 ? 3 : -5)
        let d1 = x.birthDate.split(separator: "-").compactMap { Int($0) }
        let d2 = y.birthDate.split(separator: "-").compactMap { Int($0) }
        s += d1 == d2 ? 14 : -6
        s += x.birthPlace == y.birthPlace && !x.birthPlace.isEmpty ? 8 : 0
        s += x.sex == y.sex ? 1 : -4
        return s
    }

    static func dedupe(_ records: [RawRecord]) -> Int {
        var byYear: [String: [Int]] = [:]
        for (i, r) in records.enumerated() { byYear[String(r.birthDate.prefix(4)), default: []].append(i) }
        var matches = 0
        for (_, list) in byYear {
            for x in 0..<list.count {
                for y in (x + 1)..<list.count where score(records[list[x]], records[list[y]]) > 20 { matches += 1 }
            }
        }
        return matches
    }
}
