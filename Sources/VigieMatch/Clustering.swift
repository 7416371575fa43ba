/// Groups records into automatic clusters without chaining weak links into a false merge.
///
/// Automatic links are taken strongest first. Two clusters are merged only when *every* pair across them
/// scores at or above the review threshold and raises no alert (no INS conflict, no different first names,
/// birth dates, sex...): complete linkage at the review threshold, the cross pairs being scored on the spot. Otherwise the link is refused and goes to
/// review with a `cluster-conflict` alert. So A–B and B–C strong but A–C contradictory (two twins and a
/// record that looks like both) never ends as one automatic cluster, unlike connected components.
///
/// A record that fits two clusters which contradict each other on a field the record lacks is *ambiguous* and
/// joins neither: the record without birth place that fits both of two namesakes (same names, sex and birth
/// date, born in different places), the record without first names that fits both of two twins. Taking the
/// strongest link first would hand it to one of them on a coin toss, since its links to both score alike;
/// instead it is taken out of its cluster and its links to both go to review (`ambiguous-record`), unless its
/// own cluster beats the other by the match threshold's margin (the same odds a match needs). Only a *lacking*
/// field counts: a person's own records often contradict each other through typos, and a record fitting two
/// such halves of one person is not ambiguous in the same way (widening the rule cost 1 point of automatic
/// recall at 10 000 persons for a few false pairs).
struct Clustering {
    /// Larger merges are refused (and reviewed): a true patient rarely has that many records.
    var maxCrossPairs = 400
    /// The cell's labels: a labelled match links first and passes the cross-pair check; a labelled non-match
    /// across two clusters refuses their merge.
    var labels = LabelledPairs()

    /// Cluster root per record. Updates `pairs`: refused links become review; review pairs whose records ended
    /// in the same cluster become match; only the best review pair between two clusters stays in review (the
    /// others become `redundantReview`).
    func cluster(
        count: Int, pairs: inout [ScoredPair], records: [PreparedRecord], scorer: Scorer,
        termFrequencies: TermFrequencies?
    ) -> [Int32] {
        var parent = (0..<count).map { Int32($0) }
        var members = [[Int32]](repeating: [], count: count)
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        // Links refused because a cross pair contradicts (not for size): the ambiguity check runs on them.
        var refused: [(link: Int, conflict: ConflictFields)] = []
        // The links the score decided first, strongest first: exactly the run without labels. Then the cell's
        // labelled matches, then the pairs the labels' calibrated threshold promoted, each by score. Taking the
        // labelled links first (as this did before) let a weak labelled pair claim a record before its strong
        // links were made, and complete linkage then refused those: 200 labels lowered automatic recall on
        // VigieCorpus 10 k (0.9641 → 0.9623). Appended after, a labelled link can only merge what the run
        // without labels kept apart, so labels never undo an automatic merge (but for a labelled non-match).
        func rank(_ v: LinkOrigin) -> Int { v == .label ? 1 : (v == .learned ? 2 : 0) }
        let order = pairs.indices.filter { pairs[$0].decision == .match }.sorted {
            let (x, y) = (rank(pairs[$0].via), rank(pairs[$1].via))
            if x != y { return x < y }
            return pairs[$0].score > pairs[$1].score || (pairs[$0].score == pairs[$1].score && $0 < $1)
        }
        for e in order {
            let ra = find(pairs[e].a)
            let rb = find(pairs[e].b)
            if ra == rb { continue }
            let ma = members[Int(ra)].isEmpty ? [ra] : members[Int(ra)]
            let mb = members[Int(rb)].isEmpty ? [rb] : members[Int(rb)]
            var fits = ma.count * mb.count <= maxCrossPairs
            if fits && ma.count * mb.count > 1 {
                check: for x in ma {
                    for y in mb {
                        switch labels.verdict(x, y) {
                        case .match?: continue
                        case .nonMatch?:
                            fits = false
                            break check
                        case nil: break
                        }
                        let ev = scorer.evaluate(records[Int(x)], records[Int(y)], termFrequencies: termFrequencies)
                        if ev.decision == .nonMatch || !ev.alerts.isEmpty {
                            fits = false
                            // The ambiguity check reads the automatic links only (labels must not widen it).
                            if pairs[e].via == .score { refused.append((e, ConflictFields(ev.vector))) }
                            break check
                        }
                    }
                }
            }
            if fits {
                let (big, small) = ma.count >= mb.count ? (ra, rb) : (rb, ra)
                let bigMembers = ma.count >= mb.count ? ma : mb
                let smallMembers = ma.count >= mb.count ? mb : ma
                parent[Int(small)] = big
                members[Int(big)] = bigMembers + smallMembers
                members[Int(small)] = []
            } else {
                pairs[e].decision = .review
                pairs[e].alerts.insert(.clusterConflict)
            }
        }
        var roots = [Int32](repeating: 0, count: count)
        for i in 0..<count { roots[i] = find(Int32(i)) }
        let ambiguous = scorer.off.off(.ambiguousRecord) ? [] : ambiguousRecords(
            refused: refused, pairs: pairs, roots: roots, members: members, records: records, scorer: scorer,
            termFrequencies: termFrequencies)
        if !ambiguous.isEmpty {
            detach(ambiguous, roots: &roots)
            // Links of a detached record that clustering had accepted now join two clusters: review.
            for i in pairs.indices
            where pairs[i].decision == .match && roots[Int(pairs[i].a)] != roots[Int(pairs[i].b)] {
                pairs[i].decision = .review
                pairs[i].alerts.insert(.ambiguousRecord)
            }
            for (e, _) in refused where ambiguous.contains(pairs[e].a) || ambiguous.contains(pairs[e].b) {
                pairs[e].alerts.insert(.ambiguousRecord)
            }
        }
        // Review pairs: inside one cluster they are settled; between two clusters keep the best one.
        var best: [UInt64: Int] = [:]
        for i in pairs.indices where pairs[i].decision == .review {
            let ra = roots[Int(pairs[i].a)]
            let rb = roots[Int(pairs[i].b)]
            if ra == rb {
                pairs[i].decision = .match
                if pairs[i].via == .score { pairs[i].via = .cluster }
                continue
            }
            let key = UInt64(UInt32(min(ra, rb))) << 32 | UInt64(UInt32(max(ra, rb)))
            if let j = best[key] {
                if pairs[i].score > pairs[j].score {
                    pairs[j].redundantReview = true
                    best[key] = i
                } else {
                    pairs[i].redundantReview = true
                }
            } else {
                best[key] = i
            }
        }
        return roots
    }

    /// The records of refused links that fit the other cluster as well as their own (see the type's comment).
    ///
    /// For a refused link x–y between clusters A ∋ x and B ∋ y, x is ambiguous when A holds other records, x
    /// lacks a field on which A and B contradict each other (so x cannot be checked on what tells them apart),
    /// x fits every record of B (each pair at least review, without alert: the merge test), and x's best score
    /// into A does not beat its best score into B by the match threshold. Likewise y with A.
    func ambiguousRecords(
        refused: [(link: Int, conflict: ConflictFields)], pairs: [ScoredPair], roots: [Int32], members: [[Int32]],
        records: [PreparedRecord], scorer: Scorer, termFrequencies: TermFrequencies?
    ) -> Set<Int32> {
        var out: Set<Int32> = []
        func cluster(_ r: Int32) -> [Int32] {
            let m = members[Int(r)]
            return m.isEmpty ? [r] : m
        }
        /// Best score of x against the records of `group` other than x; nil when one of them does not fit.
        func fit(_ x: Int32, _ group: [Int32]) -> Double? {
            var best = -Double.infinity
            for y in group where y != x {
                let ev = scorer.evaluate(records[Int(x)], records[Int(y)], termFrequencies: termFrequencies)
                if ev.decision == .nonMatch || !ev.alerts.isEmpty { return nil }
                best = max(best, ev.score)
            }
            return best
        }
        /// Best score of x against the rest of its own cluster (alerts allowed: it was merged in).
        func own(_ x: Int32, _ group: [Int32]) -> Double {
            var best = -Double.infinity
            for y in group where y != x {
                best = max(best, scorer.evaluate(records[Int(x)], records[Int(y)], termFrequencies: termFrequencies).score)
            }
            return best
        }
        for (e, conflict) in refused {
            let p = pairs[e]
            for (x, y) in [(p.a, p.b), (p.b, p.a)] where !out.contains(x) && conflict.lacked(by: records[Int(x)]) {
                let home = cluster(roots[Int(x)])
                let other = cluster(roots[Int(y)])
                guard home.count > 1, roots[Int(x)] != roots[Int(y)], home.count + other.count <= maxCrossPairs,
                    let there = fit(x, other)
                else { continue }
                if own(x, home) - there < max(0, scorer.matchThreshold) { out.insert(x) }
            }
        }
        return out
    }

    /// Takes `records` out of their clusters (each becomes its own); a cluster whose representative leaves gets
    /// its smallest remaining record as representative.
    func detach(_ records: Set<Int32>, roots: inout [Int32]) {
        var newRoot: [Int32: Int32] = [:]
        for i in roots.indices {
            let x = Int32(i)
            let r = roots[i]
            if records.contains(x) {
                roots[i] = x
                continue
            }
            if records.contains(r) {
                if let n = newRoot[r] {
                    roots[i] = n
                } else {
                    newRoot[r] = x
                    roots[i] = x
                }
            }
        }
    }
}

/// The fields on which a pair contradicts itself (different names, first names, dates, places or sex).
struct ConflictFields: Sendable {
    var fields: [MatchField]

    init(_ v: ComparisonVector) {
        var f: [MatchField] = []
        if v.name == .different { f.append(.birthName) }
        if v.firstNames == .different || v.firstNames == .component { f.append(.firstNames) }
        if v.birthDate == .different || v.birthDate == .distant { f.append(.birthDate) }
        if v.birthPlace == .different || v.birthPlace == .sameDepartment { f.append(.birthPlace) }
        if v.sex == .different { f.append(.sex) }
        fields = f
    }

    /// Whether `r` has none of one of these fields: it cannot be checked on what sets the two sides apart.
    func lacked(by r: PreparedRecord) -> Bool {
        fields.contains { f in
            switch f {
            case .birthName: return r.birthName == nil
            case .firstNames: return r.firstNames == nil
            case .birthDate: return r.birthDate == nil
            case .birthPlace: return r.birthPlace == nil
            case .sex: return r.sex == .unknown
            case .ins: return false
            }
        }
    }
}
