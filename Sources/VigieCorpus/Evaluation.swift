/// Scores a predicted clustering (and optionally scored pairs) against the truth.
///
/// Pair counts come from the contingency table of (cluster, person) cells, so that a huge wrong cluster
/// costs no more than its records: only true pairs are enumerated (for the error-kind breakdown).
public enum Evaluation {
    /// Why an input cannot be evaluated.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// A record id appears twice in the truth (its position, 0-based).
        case duplicateTruthRecord(index: Int)
        /// A record id appears twice in the clustering (its position, 0-based).
        case duplicateClusterRecord(index: Int)
        /// The truth is empty.
        case emptyTruth

        public var description: String {
            switch self {
            case .duplicateTruthRecord(let i): return "truth row \(i + 1): record id already given"
            case .duplicateClusterRecord(let i): return "clusters row \(i + 1): record id already given"
            case .emptyTruth: return "the truth has no record"
            }
        }
    }

    /// Computes every figure of ``EvaluationReport``.
    public static func evaluate(_ input: EvaluationInput) throws(Failure) -> EvaluationReport {
        guard !input.truth.isEmpty else { throw .emptyTruth }
        // Intern record and person ids.
        var recordIndex: [String: Int32] = [:]
        recordIndex.reserveCapacity(input.truth.count)
        var personIndex: [String: Int32] = [:]
        var personOf: [Int32] = []
        personOf.reserveCapacity(input.truth.count)
        for (i, row) in input.truth.enumerated() {
            guard recordIndex[row.record] == nil else { throw .duplicateTruthRecord(index: i) }
            recordIndex[row.record] = Int32(i)
            let p: Int32
            if let known = personIndex[row.person] {
                p = known
            } else {
                p = Int32(personIndex.count)
                personIndex[row.person] = p
            }
            personOf.append(p)
        }
        let n = personOf.count
        let personCount = personIndex.count

        // Clusters: unknown records are ignored, missing ones become singletons.
        var clusterOf = [Int32](repeating: -1, count: n)
        var clusterIndex: [String: Int32] = [:]
        var seenInClusters = [Bool](repeating: false, count: n)
        var notInTruth = 0
        for (i, row) in input.clusters.enumerated() {
            guard let r = recordIndex[row.record] else {
                notInTruth += 1
                continue
            }
            guard !seenInClusters[Int(r)] else { throw .duplicateClusterRecord(index: i) }
            seenInClusters[Int(r)] = true
            let c: Int32
            if let known = clusterIndex[row.cluster] {
                c = known
            } else {
                c = Int32(clusterIndex.count)
                clusterIndex[row.cluster] = c
            }
            clusterOf[Int(r)] = c
        }
        var clusterCount = clusterIndex.count
        var missing = 0
        for r in 0 ..< n where clusterOf[r] < 0 {
            clusterOf[r] = Int32(clusterCount)
            clusterCount += 1
            missing += 1
        }

        // Contingency cells (cluster, person) → size.
        var cellKeys = (0 ..< n).map { UInt64(UInt32(clusterOf[$0])) << 32 | UInt64(UInt32(personOf[$0])) }
        cellKeys.sort()
        var clusterSize = [Int](repeating: 0, count: clusterCount)
        var personSize = [Int](repeating: 0, count: personCount)
        for r in 0 ..< n {
            clusterSize[Int(clusterOf[r])] += 1
            personSize[Int(personOf[r])] += 1
        }
        var cells: [(cluster: Int, person: Int, size: Int)] = []
        var i = 0
        while i < n {
            var j = i
            while j < n && cellKeys[j] == cellKeys[i] { j += 1 }
            cells.append((Int(cellKeys[i] >> 32), Int(cellKeys[i] & 0xFFFF_FFFF), j - i))
            i = j
        }

        func pairs(_ k: Int) -> Int { k * (k - 1) / 2 }
        let truePairs = personSize.reduce(0) { $0 + pairs($1) }
        let predictedPairs = clusterSize.reduce(0) { $0 + pairs($1) }
        var truePositives = 0
        var bPrecision = 0.0
        var bRecall = 0.0
        var personsInCluster = [Int](repeating: 0, count: clusterCount)
        var clustersOfPerson = [Int](repeating: 0, count: personCount)
        var largestCellOfPerson = [Int](repeating: 0, count: personCount)
        for cell in cells {
            truePositives += pairs(cell.size)
            let s = Double(cell.size)
            bPrecision += s * s / Double(clusterSize[cell.cluster])
            bRecall += s * s / Double(personSize[cell.person])
            personsInCluster[cell.cluster] += 1
            clustersOfPerson[cell.person] += 1
            largestCellOfPerson[cell.person] = max(largestCellOfPerson[cell.person], cell.size)
        }
        let precision = ratio(truePositives, predictedPairs)
        let recall = ratio(truePositives, truePairs)
        let pairwise = EvaluationReport.Pairwise(
            truePairs: truePairs, predictedPairs: predictedPairs, truePositives: truePositives, precision: precision,
            recall: recall, f1: fMeasure(precision, recall, beta: 1), f05: fMeasure(precision, recall, beta: 0.5))
        let bp = bPrecision / Double(n)
        let br = bRecall / Double(n)
        let bCubed = EvaluationReport.BCubed(precision: bp, recall: br, f1: fMeasure(bp, br, beta: 1))

        var collisions = EvaluationReport.Collisions(
            clusters: 0, records: 0, persons: 0, falsePairs: predictedPairs - truePositives)
        for c in 0 ..< clusterCount where personsInCluster[c] >= 2 {
            collisions.clusters += 1
            collisions.records += clusterSize[c]
            collisions.persons += personsInCluster[c]
        }
        var duplicates = EvaluationReport.Duplicates(
            persons: 0, extraClusters: 0, records: 0, missedPairs: truePairs - truePositives)
        for p in 0 ..< personCount where clustersOfPerson[p] >= 2 {
            duplicates.persons += 1
            duplicates.extraClusters += clustersOfPerson[p] - 1
            duplicates.records += personSize[p] - largestCellOfPerson[p]
        }

        // Scored pairs: decided pairs by key (smaller record index first).
        func key(_ a: Int32, _ b: Int32) -> UInt64 {
            a < b ? UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) : UInt64(UInt32(b)) << 32 | UInt64(UInt32(a))
        }
        var decided: [UInt64: EvaluationInput.Decision]?
        var scored: EvaluationReport.ScoredPairs?
        if let pairRows = input.pairs {
            var map: [UInt64: EvaluationInput.Decision] = [:]
            map.reserveCapacity(pairRows.count)
            var unknown = 0
            var items = 0
            for row in pairRows {
                if row.decision == .review && !row.coveredByItem { items += 1 }
                guard let a = recordIndex[row.a], let b = recordIndex[row.b], a != b else {
                    unknown += 1
                    continue
                }
                let k = key(a, b)
                // A pair listed twice keeps its strongest decision.
                if let previous = map[k], strength(previous) >= strength(row.decision) { continue }
                map[k] = row.decision
            }
            var s = EvaluationReport.ScoredPairs(
                pairs: map.count, rowsWithUnknownRecords: unknown, autoMatches: 0, autoMatchesTrue: 0,
                autoMatchPrecision: nil, autoMatchRecall: nil, reviewQueue: 0, reviewTrue: 0,
                reviewQueuePer1000Records: nil, autoPlusReviewRecall: nil)
            for (k, d) in map {
                let same = personOf[Int(k >> 32)] == personOf[Int(k & 0xFFFF_FFFF)]
                switch d {
                case .match:
                    s.autoMatches += 1
                    if same { s.autoMatchesTrue += 1 }
                case .review:
                    s.reviewQueue += 1
                    if same { s.reviewTrue += 1 }
                case .nonMatch: break
                }
            }
            s.autoMatchPrecision = ratio(s.autoMatchesTrue, s.autoMatches)
            s.autoMatchRecall = ratio(s.autoMatchesTrue, truePairs)
            s.autoPlusReviewRecall = ratio(s.autoMatchesTrue + s.reviewTrue, truePairs)
            s.reviewQueuePer1000Records = Double(s.reviewQueue) * 1000 / Double(n)
            s.reviewItems = items
            scored = s
            decided = map
        }

        // Error kinds: true pairs enumerated per person.
        var byErrorKind: [EvaluationReport.ErrorKindRow]?
        if let errorRows = input.errors {
            var labels: [String] = []
            var labelIndex: [String: Int] = [:]
            var kindsOf = [[Int]](repeating: [], count: n)
            for row in errorRows {
                guard let r = recordIndex[row.record] else { continue }
                var set: [Int] = []
                for label in row.kinds where !label.isEmpty {
                    let li: Int
                    if let known = labelIndex[label] {
                        li = known
                    } else {
                        li = labels.count
                        labels.append(label)
                        labelIndex[label] = li
                    }
                    if !set.contains(li) { set.append(li) }
                }
                kindsOf[Int(r)] = set
            }
            let none = labels.count
            var total = [Int](repeating: 0, count: labels.count + 1)
            var missed = total
            var auto = total
            var autoOrReview = total
            var recordsOfPerson = [[Int32]](repeating: [], count: personCount)
            for r in 0 ..< n where personSize[Int(personOf[r])] > 1 { recordsOfPerson[Int(personOf[r])].append(Int32(r)) }
            var pairKinds: [Int] = []
            for list in recordsOfPerson where list.count > 1 {
                for x in 0 ..< list.count {
                    for y in (x + 1) ..< list.count {
                        let a = list[x]
                        let b = list[y]
                        pairKinds.removeAll(keepingCapacity: true)
                        pairKinds += kindsOf[Int(a)]
                        for k in kindsOf[Int(b)] where !pairKinds.contains(k) { pairKinds.append(k) }
                        if pairKinds.isEmpty { pairKinds.append(none) }
                        let isMissed = clusterOf[Int(a)] != clusterOf[Int(b)]
                        let decision = decided?[key(a, b)]
                        for k in pairKinds {
                            total[k] += 1
                            if isMissed { missed[k] += 1 }
                            if decision == .match { auto[k] += 1 }
                            if decision == .match || decision == .review { autoOrReview[k] += 1 }
                        }
                    }
                }
            }
            // Rows in the order labels first appear sorted by name, `none` last.
            let order = labels.indices.sorted { labels[$0] < labels[$1] } + [none]
            byErrorKind = order.map { k in
                EvaluationReport.ErrorKindRow(
                    kind: k == none ? "none" : labels[k], truePairs: total[k], missedPairs: missed[k],
                    recall: ratio(total[k] - missed[k], total[k]),
                    autoMatchRecall: decided == nil ? nil : ratio(auto[k], total[k]),
                    autoPlusReviewRecall: decided == nil ? nil : ratio(autoOrReview[k], total[k]))
            }
        }

        // Look-alikes: false record pairs per kind from the cells of the two persons.
        var byLookAlike: [EvaluationReport.LookAlikeRow]?
        if let lookAlikes = input.lookAlikes {
            var cellsOfPerson = [[(cluster: Int, size: Int)]](repeating: [], count: personCount)
            for cell in cells { cellsOfPerson[cell.person].append((cell.cluster, cell.size)) }
            var kinds: [String] = []
            var kindIndex: [String: Int] = [:]
            var kindOfPersonPair: [UInt64: Int] = [:]
            for la in lookAlikes {
                guard let p = personIndex[la.person], let q = personIndex[la.other], p != q else { continue }
                let k = key(p, q)
                guard kindOfPersonPair[k] == nil else { continue }
                let ki: Int
                if let known = kindIndex[la.kind] {
                    ki = known
                } else {
                    ki = kinds.count
                    kinds.append(la.kind)
                    kindIndex[la.kind] = ki
                }
                kindOfPersonPair[k] = ki
            }
            let other = kinds.count
            var personPairs = [Int](repeating: 0, count: kinds.count + 1)
            var merged = personPairs
            var falsePairs = personPairs
            var autoPairs = personPairs
            var reviewPairs = personPairs
            for (k, ki) in kindOfPersonPair {
                personPairs[ki] += 1
                let a = cellsOfPerson[Int(k >> 32)]
                let b = cellsOfPerson[Int(k & 0xFFFF_FFFF)]
                var shared = 0
                for x in a {
                    for y in b where x.cluster == y.cluster { shared += x.size * y.size }
                }
                if shared > 0 { merged[ki] += 1 }
                falsePairs[ki] += shared
            }
            falsePairs[other] = collisions.falsePairs - falsePairs[0 ..< other].reduce(0, +)
            if let decided {
                for (k, d) in decided where d != .nonMatch {
                    let p = personOf[Int(k >> 32)]
                    let q = personOf[Int(k & 0xFFFF_FFFF)]
                    guard p != q else { continue }
                    let ki = kindOfPersonPair[key(p, q)] ?? other
                    if d == .match { autoPairs[ki] += 1 } else { reviewPairs[ki] += 1 }
                }
            }
            let order = kinds.indices.sorted { kinds[$0] < kinds[$1] } + [other]
            byLookAlike = order.map { k in
                EvaluationReport.LookAlikeRow(
                    kind: k == other ? "other" : kinds[k], personPairs: personPairs[k], mergedPersonPairs: merged[k],
                    falseRecordPairs: falsePairs[k], autoMatchPairs: decided == nil ? nil : autoPairs[k],
                    reviewPairs: decided == nil ? nil : reviewPairs[k])
            }
        }

        return EvaluationReport(
            records: n, persons: personCount, clusters: clusterCount, recordsMissingFromClusters: missing,
            clusterRowsNotInTruth: notInTruth, pairwise: pairwise, bCubed: bCubed, collisions: collisions,
            duplicates: duplicates, scoredPairs: scored, byErrorKind: byErrorKind, byLookAlikeKind: byLookAlike)
    }

    static func strength(_ d: EvaluationInput.Decision) -> Int {
        switch d {
        case .nonMatch: return 0
        case .review: return 1
        case .match: return 2
        }
    }

    static func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }

    /// F-β: (1 + β²)·P·R / (β²·P + R); nil when either is unknown, 0 when both are 0.
    static func fMeasure(_ p: Double?, _ r: Double?, beta: Double) -> Double? {
        guard let p, let r else { return nil }
        let b2 = beta * beta
        let d = b2 * p + r
        return d == 0 ? 0 : (1 + b2) * p * r / d
    }
}
