import Foundation
import VigieText

/// Unsupervised training of the Fellegi–Sunter model, as Splink does it:
/// - u from random pairs (almost all of them are two different persons);
/// - m by expectation–maximisation over blocked pairs, in two sessions so that no field is estimated on
///   pairs selected for agreeing on it: pairs sharing the birth date train the name, first-name, place, sex
///   and INS levels; pairs sharing birth name and first name train the date, place, sex and INS levels;
/// - the number of duplicate pairs per record from the first session's match share, corrected by the share
///   of duplicates that agree exactly on the birth date (from the second session).
///
/// The built-in priors act as pseudo-counts so that a level rare in the data keeps a sane weight, and a
/// final guard keeps the weights ordered (agreement ≥ partial agreement, disagreement ≤ 0): EM on real data
/// can drift, and a drift towards trusting disagreement would make false merges.
extension MatchModel {
    /// A model trained on `records` (no labels), starting from `starting`'s priors and thresholds.
    ///
    /// `randomPairs` random pairs estimate u; each EM session keeps every k-th block when its blocks hold more
    /// than `maxSessionPairs` pairs (the duplicate rate is then scaled back to all of them).
    ///
    /// `labels` (the cell's decisions, ``LabelledPairs``) enter both EM sessions as observations whose
    /// responsibility is fixed: a labelled match counts fully towards m at each of its levels, a labelled
    /// non-match towards the session's u, on every iteration; they do not count in the session's duplicate share
    /// (they were chosen from the review queue, not drawn from the blocks).
    public static func trained(
        on records: [PreparedRecord], starting: MatchModel = .builtIn, threads: Int = 2,
        randomPairs: Int = 2_000_000, maxSessionPairs: Int = 3_000_000, labels: LabelledPairs = LabelledPairs(),
        progress: (@Sendable (DedupeProgress) -> Void)? = nil
    ) -> MatchModel {
        var model = starting
        let n = records.count
        guard n >= 50 else { return starting.learning(from: labels, records: records) }
        progress?(DedupeProgress(stage: "training: random pairs", done: 0, total: randomPairs))
        let (u, uCounts) = Self.estimateU(records: records, pairs: randomPairs, threads: threads, prior: starting)
        let off = starting.switchedOff
        let fixed = labels.observations(records, off: off)

        progress?(DedupeProgress(stage: "training: EM", done: 0, total: 2))
        // Session A: same complete birth date.
        let dateKey: @Sendable (PreparedRecord) -> UInt64? = { r in
            guard let d = r.birthDate, d.isComplete else { return nil }
            return UInt64(d.digits)
        }
        let (patternsA, sampleShareA) = Self.blockedPatterns(
            records: records, key: dateKey, threads: threads, maxPairs: maxSessionPairs, off: off)
        let fieldsA: [MatchField] = [.birthName, .firstNames, .birthPlace, .sex, .ins]
        let sessionA = Self.expectationMaximisation(
            patterns: patternsA, fields: fieldsA, start: starting, u: u, fixed: fixed)
        // Session B: same compact birth name and first first name.
        let nameKey: @Sendable (PreparedRecord) -> UInt64? = { r in
            guard let b = r.birthName, let f = r.firstNames else { return nil }
            return FieldHash.combine(99, b.compact, f.names[0])
        }
        let (patternsB, _) = Self.blockedPatterns(
            records: records, key: nameKey, threads: threads, maxPairs: maxSessionPairs, off: off)
        let fieldsB: [MatchField] = [.birthDate, .birthPlace, .sex, .ins]
        let sessionB = Self.expectationMaximisation(
            patterns: patternsB, fields: fieldsB, start: starting, u: u, fixed: fixed)

        for f in MatchField.allCases {
            var m: [Double]
            var mass: [Double]
            switch f {
            case .birthName, .firstNames:
                (m, mass) = (sessionA.m[f.rawValue], sessionA.matchMass[f.rawValue])
            case .birthDate:
                (m, mass) = (sessionB.m[f.rawValue], sessionB.matchMass[f.rawValue])
            default:
                m = zip(sessionA.m[f.rawValue], sessionB.m[f.rawValue]).map { ($0 + $1) / 2 }
                mass = zip(sessionA.matchMass[f.rawValue], sessionB.matchMass[f.rawValue]).map { $0 + $1 }
            }
            for l in 1..<f.levels.count {
                // A level seen on few pairs (few duplicates or few random pairs reach it) gets a weight
                // shrunk towards the prior: 25 pairs of evidence weigh as much as the prior.
                let uValue = max(u[f.rawValue][l], 1e-9)
                let dataWeight = MatchModel.clampWeight(log2(max(m[l], 1e-9) / uValue))
                let priorWeight = starting.weight(f, level: l)
                let evidence = min(mass[l], Double(uCounts[f.rawValue][l]))
                let confidence = evidence / (evidence + 25)
                let weight = confidence * dataWeight + (1 - confidence) * priorWeight
                // In a small file the random pairs include the file's own duplicates, which inflates u of
                // the exact levels (a birth date shared by 1 random pair in 25 000 is seen 1 in 9 000 at 17 000 records);
                // pinning m at 1 would then cut the weight. Keep the weight and let u give way instead.
                let mValue = uValue * exp2(weight)
                model.fields[f.rawValue].levels[l].u = mValue > 1 ? exp2(-weight) : uValue
                model.fields[f.rawValue].levels[l].m = min(1, mValue)
            }
        }
        model.guardOrdering()
        let exactDateShare = max(0.05, sessionB.m[MatchField.birthDate.rawValue][Int(DateLevel.exact.rawValue)])
        // Session A may have seen a subsample of its blocks: its duplicates are counted over all of them.
        let matchesA = sessionA.lambda * Double(sessionA.pairs) / sampleShareA
        let c = matchesA / exactDateShare / Double(n)
        model.duplicatePairsPerRecord = min(5, max(0.001, c))
        model.referencePopulation = n
        model.training = TrainingSummary(
            records: n, randomPairs: randomPairs, sessionPairs: [sessionA.pairs, sessionB.pairs],
            iterations: [sessionA.iterations, sessionB.iterations], sessionMatchShare: [sessionA.lambda, sessionB.lambda])
        return model
    }

    /// Keeps each field's weights ordered: the exact level is the strongest agreement, "different" is never
    /// positive and never above a partial agreement.
    mutating func guardOrdering() {
        for f in MatchField.allCases {
            var levels = fields[f.rawValue].levels
            let count = levels.count
            // The disagreement levels ("different", and "distant" dates after it) are the last ones.
            let differentIndex = f.definitions.firstIndex { $0.role == .disagreement } ?? count
            let exactWeight = levels[1].weight
            // Partial levels never outweigh exact agreement.
            for l in 2..<differentIndex where levels[l].weight > exactWeight {
                levels[l].m = levels[l].u * exp2(exactWeight)
            }
            // Disagreement is evidence against, at least as much as any agreement level is.
            var minAgree = Double.infinity
            for l in 1..<differentIndex { minAgree = min(minAgree, levels[l].weight) }
            let cap = min(0, minAgree)
            for l in differentIndex..<count where count > 2 && levels[l].weight > cap {
                levels[l].m = levels[l].u * exp2(cap)
            }
            fields[f.rawValue].levels = levels
        }
    }

    /// Per field, per level: share of random pairs at that level (missing excluded), with the prior as a
    /// pseudo-count so that a level never seen keeps a small non-zero u.
    static func estimateU(records: [PreparedRecord], pairs: Int, threads: Int, prior: MatchModel) -> ([[Double]], [[Int]]) {
        let n = records.count
        let radices = ComparisonVector.radices
        let chunks = max(1, threads)
        let perChunk = (pairs + chunks - 1) / chunks
        let counts: [[[Int]]] = parallelMap(chunks) { c in
            var rng = SplitMix64(seed: 0x5EED_0000 + UInt64(c))
            var counts = radices.map { [Int](repeating: 0, count: $0) }
            for _ in 0..<perChunk {
                let i = Int(rng.next() % UInt64(n))
                var j = Int(rng.next() % UInt64(n - 1))
                if j >= i { j += 1 }
                let v = Comparator.compare(records[i], records[j], off: prior.switchedOff)
                for f in MatchField.allCases { counts[f.rawValue][v[f]] += 1 }
            }
            return counts
        }
        let pseudo = 100.0
        var us: [[Double]] = []
        var totals: [[Int]] = []
        for f in MatchField.allCases {
            var total = [Int](repeating: 0, count: radices[f.rawValue])
            for c in counts { for l in total.indices { total[l] += c[f.rawValue][l] } }
            let seen = Double(total.dropFirst().reduce(0, +))
            var u = [1.0]
            for l in 1..<total.count {
                u.append((Double(total[l]) + pseudo * prior.fields[f.rawValue].levels[l].u) / (seen + pseudo))
            }
            us.append(u)
            totals.append(total)
        }
        return (us, totals)
    }

    /// Records per EM block. A larger block (a birth date shared by hundreds of records in a big file) is split
    /// into parts of about this size by a hash of the record's position, so each of its pairs is kept with the
    /// same chance (1 / number of parts) and the pairs counted are scaled back by that share. Skipping such
    /// blocks instead made the estimate depend on the file's size: at 10 M records nearly every birth date is
    /// shared by more than 60 records, EM saw no pair and the duplicate rate fell to its floor.
    static let emBlockSize = 60

    /// Comparison patterns (pattern index → count) of the pairs that share `key` (large blocks split, see
    /// ``emBlockSize``). Above `maxPairs` pairs every k-th block is kept; `sampleShare` is the share of the
    /// pairs sharing a key that the patterns cover (1 when all).
    static func blockedPatterns(
        records: [PreparedRecord], key: @escaping @Sendable (PreparedRecord) -> UInt64?, threads: Int,
        maxPairs: Int = 3_000_000, off: SwitchedOff = .none
    ) -> (patterns: [Int: Int], sampleShare: Double) {
        var entries: [(UInt64, Int32)] = []
        entries.reserveCapacity(records.count)
        for (i, r) in records.enumerated() {
            if let k = key(r) { entries.append((k, Int32(i))) }
        }
        entries.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var blocks: [[Int32]] = []
        var start = 0
        var total = 0
        var kept = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].0 == entries[start].0 { end += 1 }
            let size = end - start
            if size >= 2 {
                total += size * (size - 1) / 2
                let parts = (size + emBlockSize - 1) / emBlockSize
                if parts == 1 {
                    blocks.append(entries[start..<end].map(\.1))
                } else {
                    var split = [[Int32]](repeating: [], count: parts)
                    for x in start..<end {
                        let r = entries[x].1
                        split[Int(FieldHash.mix(UInt64(UInt32(r))) % UInt64(parts))].append(r)
                    }
                    blocks.append(contentsOf: split.filter { $0.count >= 2 })
                }
            }
            start = end
        }
        for b in blocks { kept += b.count * (b.count - 1) / 2 }
        // Keep every k-th block when there are too many pairs (deterministic subsample).
        let stride = max(1, kept / maxPairs + (kept % maxPairs == 0 ? 0 : 1))
        let chosen = stride == 1 ? blocks : blocks.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        let parts: [[Int: Int]] = parallelChunks(count: chosen.count, chunks: max(1, threads)) { range in
            var counts: [Int: Int] = [:]
            for b in range {
                let block = chosen[b]
                for x in block.indices {
                    let a = records[Int(block[x])]  // read (copied) once for its row of the block
                    for y in (x + 1)..<block.count {
                        let v = Comparator.compare(a, records[Int(block[y])], off: off)
                        counts[v.pattern, default: 0] += 1
                    }
                }
            }
            return counts
        }
        var merged: [Int: Int] = [:]
        for p in parts { merged.merge(p, uniquingKeysWith: +) }
        let sampled = merged.values.reduce(0, +)
        return (merged, total == 0 ? 1 : max(1e-9, Double(sampled) / Double(total)))
    }

    struct Session {
        var m: [[Double]]
        /// Expected duplicate pairs at each level (the evidence behind m).
        var matchMass: [[Double]]
        var lambda: Double
        var pairs: Int
        var iterations: Int
    }

    /// EM over pattern counts for the given fields (the others are ignored in the likelihood).
    static func expectationMaximisation(
        patterns: [Int: Int], fields: [MatchField], start: MatchModel, u fixedU: [[Double]], maxIterations: Int = 100,
        fixed: [(vector: ComparisonVector, isMatch: Bool)] = []
    ) -> Session {
        var m = MatchField.allCases.map { f in start.fields[f.rawValue].levels.map(\.m) }
        var u = fixedU
        // In pattern order: the sums below are then made in the same order on every run, and model.json is
        // byte-reproducible (a dictionary's order changes from one process to the next).
        let list = patterns.sorted { $0.key < $1.key }.map { (ComparisonVector(pattern: $0.key), Double($0.value)) }
        let totalPairs = list.reduce(0.0) { $0 + $1.1 }
        guard totalPairs >= 20 else {
            return Session(
                m: m, matchMass: m.map { $0.map { _ in 0 } }, lambda: 0, pairs: Int(totalPairs), iterations: 0)
        }
        var lambda = 0.3
        var iterations = 0
        var lastMass = m.map { $0.map { _ in 0.0 } }
        let pseudo = 20.0  // pseudo-pairs of prior per class
        for it in 1...maxIterations {
            iterations = it
            var mCount = MatchField.allCases.map { [Double](repeating: 0, count: $0.levels.count) }
            var uCount = mCount
            var matchMass = 0.0
            for (v, c) in list {
                var lm = lambda
                var lu = 1 - lambda
                for f in fields {
                    let l = v[f]
                    if l == 0 { continue }
                    lm *= m[f.rawValue][l]
                    lu *= u[f.rawValue][l]
                }
                let w = lm + lu > 0 ? lm / (lm + lu) : 0
                matchMass += c * w
                for f in fields {
                    let l = v[f]
                    if l == 0 { continue }
                    mCount[f.rawValue][l] += c * w
                    uCount[f.rawValue][l] += c * (1 - w)
                }
            }
            // The cell's labels: responsibility 1 or 0, whatever the current parameters say.
            for (v, isMatch) in fixed {
                for f in fields {
                    let l = v[f]
                    if l == 0 { continue }
                    if isMatch { mCount[f.rawValue][l] += 1 } else { uCount[f.rawValue][l] += 1 }
                }
            }
            lastMass = mCount
            let newLambda = min(0.999, max(1e-6, matchMass / totalPairs))
            var change = abs(newLambda - lambda)
            lambda = newLambda
            for f in fields {
                let priorM = start.fields[f.rawValue].levels.map(\.m)
                let priorU = fixedU[f.rawValue]
                let mTotal = mCount[f.rawValue].dropFirst().reduce(0, +) + pseudo
                let uTotal = uCount[f.rawValue].dropFirst().reduce(0, +) + pseudo
                for l in 1..<f.levels.count {
                    let newM = (mCount[f.rawValue][l] + pseudo * priorM[l]) / mTotal
                    change = max(change, abs(newM - m[f.rawValue][l]))
                    m[f.rawValue][l] = newM
                    u[f.rawValue][l] = (uCount[f.rawValue][l] + pseudo * priorU[l]) / uTotal
                }
            }
            if change < 1e-6 { break }
        }
        return Session(m: m, matchMass: lastMass, lambda: lambda, pairs: Int(totalPairs), iterations: iterations)
    }
}

