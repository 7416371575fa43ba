import Foundation
@testable import VigieCorpus

/// Shared test data: the repository's reference data and profile (corpus/), loaded once.
enum Fixture {
    static let directory = CorpusData.sourceTreeDirectory
    static let profile: CorpusProfile = try! CorpusProfile.load(contentsOf: directory + "/profile.json")
    static let data: CorpusData = try! CorpusData.load(directory: directory, profile: profile)
    static let generator = CorpusGenerator(data: data, profile: profile)

    /// A population-sized corpus for distribution checks (large enough for ±1 % tolerances, fast in debug).
    static let population: Corpus = generator.generate(persons: 20_000, seed: 2026, threads: 2)

    /// A corpus where every error kind is frequent, to check each is applied and recorded.
    static let errorHeavy: Corpus = {
        var p = profile
        p.qualifiedRecordShare = 0.05
        p.errors = p.errors.map { .init(kind: $0.kind, rate: max($0.rate, 0.25)) }
        p.doubleSurnameShareSince2005 = 0.5
        return CorpusGenerator(data: data, profile: p).generate(persons: 8_000, seed: 11, threads: 2)
    }()

    static func persons(of corpus: Corpus) -> [String: SyntheticPerson] {
        Dictionary(uniqueKeysWithValues: corpus.persons.map { ($0.id, $0) })
    }
}
