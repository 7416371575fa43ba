/// Groups records into automatic clusters without chaining weak links into a false merge.
///
/// Automatic links are taken strongest first. Two clusters are merged only when *every* pair across them
/// scores at or above the review threshold and raises no alert (no INS conflict, no different first names,
/// birth dates, sex...): complete linkage at the review threshold, the cross pairs being scored on the spot. Otherwise the link is refused and goes to
/// review with a `cluster-conflict` alert. So A–B and B–C strong but A–C contradictory (two twins and a
/// record that looks like both) never ends as one automatic cluster, unlike connected components.
struct Clustering {
    /// Larger merges are refused (and reviewed): a true patient rarely has that many records.
    var maxCrossPairs = 400

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
        let order = pairs.indices.filter { pairs[$0].decision == .match }.sorted {
            pairs[$0].score > pairs[$1].score || (pairs[$0].score == pairs[$1].score && $0 < $1)
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
                        let ev = scorer.evaluate(records[Int(x)], records[Int(y)], termFrequencies: termFrequencies)
                        if ev.decision == .nonMatch || !ev.alerts.isEmpty {
                            fits = false
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
        // Review pairs: inside one cluster they are settled; between two clusters keep the best one.
        var best: [UInt64: Int] = [:]
        for i in pairs.indices where pairs[i].decision == .review {
            let ra = roots[Int(pairs[i].a)]
            let rb = roots[Int(pairs[i].b)]
            if ra == rb {
                pairs[i].decision = .match
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
}
