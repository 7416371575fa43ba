/// What the cell's labels teach the model's m (the probability of each level among true duplicates).
///
/// When the run trains, the labels are observations of fixed responsibility inside EM
/// (``MatchModel/trained(on:starting:threads:randomPairs:maxSessionPairs:labels:progress:)``). When it does not (a
/// given model, a file too small for EM), ``MatchModel/learning(from:records:)`` makes the same update without
/// unlabelled pairs: each field's m is a Dirichlet posterior whose prior is the model's m, weighted as the
/// duplicate pairs the file is expected to hold (so 200 labels picked among hard pairs do not outweigh what
/// thousands of easy duplicates say about the exact levels). u is never learnt from labels: labelled pairs are
/// chosen from the review queue, not drawn at random, and u comes from random pairs.
extension LabelledPairs {
    /// The comparison vector and verdict of every labelled pair, in key order (deterministic).
    func observations(_ records: [PreparedRecord], off: SwitchedOff) -> [(vector: ComparisonVector, isMatch: Bool)] {
        var out: [(vector: ComparisonVector, isMatch: Bool)] = []
        for k in matches.union(nonMatches).sorted() {
            let (a, b) = (Int(k >> 32), Int(k & 0xFFFF_FFFF))
            guard a < records.count, b < records.count else { continue }
            out.append((Comparator.compare(records[a], records[b], off: off), matches.contains(k)))
        }
        return out
    }
}

extension MatchModel {
    /// Pseudo-pairs the model's own m weighs at least, whatever the file's size.
    static let labelPriorFloor = 100.0

    /// The model with m re-estimated from the labelled matches among `records` (see the extension's comment);
    /// the model itself when there is none. Keeps the weights ordered (``guardOrdering()``).
    public func learning(from labels: LabelledPairs, records: [PreparedRecord]) -> MatchModel {
        let observed = labels.observations(records, off: switchedOff).filter { $0.isMatch }
        guard !observed.isEmpty else { return self }
        var model = self
        let prior = max(Self.labelPriorFloor, duplicatePairsPerRecord * Double(records.count))
        for f in MatchField.allCases {
            var counts = [Double](repeating: 0, count: f.levels.count)
            for o in observed where o.vector[f] != 0 { counts[o.vector[f]] += 1 }
            let seen = counts.reduce(0, +)
            guard seen > 0 else { continue }
            for l in 1..<f.levels.count {
                let m = fields[f.rawValue].levels[l].m
                model.fields[f.rawValue].levels[l].m = min(1, max(1e-9, (prior * m + counts[l]) / (prior + seen)))
            }
        }
        model.guardOrdering()
        return model
    }
}
