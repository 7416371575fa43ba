import Testing
import VigieCorpus
import VigieIdentity
@testable import VigieMatch

/// End to end on a generated corpus (400 persons, seed 4242): every record prepares, clusters are scored
/// against the generator's truth, and no look-alike pair (twins, parent and child) is merged automatically.
@Suite struct DeduplicatorTests {
    @Test func smallGeneratedCorpus() throws {
        let corpus = GeneratedCorpus.small
        let records = GeneratedCorpus.prepared(corpus)
        #expect(records.count == corpus.records.count, "every generated record must prepare")
        let person = Dictionary(uniqueKeysWithValues: corpus.records.map { ($0.record.id, $0.personID) })
        let result = Deduplicator(model: .builtIn, threads: 2).run(records)

        var truePairs = 0
        var byPerson: [String: [Int]] = [:]
        for (i, r) in records.enumerated() { byPerson[person[r.id]!, default: []].append(i) }
        for (_, list) in byPerson { truePairs += list.count * (list.count - 1) / 2 }
        var predicted = 0
        var correct = 0
        var byCluster: [Int32: [Int]] = [:]
        for (i, c) in result.clusterOf.enumerated() { byCluster[c, default: []].append(i) }
        for (_, list) in byCluster {
            for x in 0..<list.count {
                for y in (x + 1)..<list.count {
                    predicted += 1
                    if person[records[list[x]].id] == person[records[list[y]].id] { correct += 1 }
                }
            }
        }
        let precision = Double(correct) / Double(max(predicted, 1))
        let recall = Double(correct) / Double(max(truePairs, 1))
        // Measured 1.0 / 0.97 here. The bound is below 1.0 on purpose: the generator also makes exact
        // namesakes (same names, date and sex, another birth place); when one record lacks the place,
        // no trait can tell them apart, and at this size one such pair may occur with another seed.
        #expect(precision >= 0.99)
        #expect(recall >= 0.90)

        // Twins and parent/child pairs are never merged automatically.
        let lookAlikes = corpus.hardNegatives.filter { $0.kind != .namesake }
        let clusterOfID = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($1.id, result.clusterOf[$0]) })
        var recordsOf: [String: [String]] = [:]
        for r in corpus.records { recordsOf[r.personID, default: []].append(r.record.id) }
        for pair in lookAlikes {
            let a = Set(recordsOf[pair.personID, default: []].compactMap { clusterOfID[$0] })
            let b = Set(recordsOf[pair.otherPersonID, default: []].compactMap { clusterOfID[$0] })
            #expect(a.isDisjoint(with: b), "look-alike persons merged")
        }

        // The explanation carries no trait.
        for p in result.pairs.prefix(50) {
            let text = result.explanation(of: p).description
            let r = corpus.records.first { $0.record.id == records[Int(p.a)].id }!.record
            #expect(!text.contains(r.birthName) && !text.contains(r.birthDate))
        }
    }
}
