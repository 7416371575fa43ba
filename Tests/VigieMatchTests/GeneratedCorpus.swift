import VigieCorpus
import VigieIdentity
@testable import VigieMatch

/// Generated French corpora (VigieCorpus, the repository's corpus/ data and profile), loaded once.
enum GeneratedCorpus {
    static let generator: CorpusGenerator = {
        let directory = CorpusData.sourceTreeDirectory
        let profile = try! CorpusProfile.load(contentsOf: directory + "/profile.json")
        let data = try! CorpusData.load(directory: directory, profile: profile)
        return CorpusGenerator(data: data, profile: profile)
    }()

    /// A small corpus (a few hundred persons) for end-to-end checks, fast in debug.
    static let small: Corpus = generator.generate(persons: 400, seed: 4242, threads: 2)
    /// A larger one for training (EM needs enough duplicates).
    static let training: Corpus = generator.generate(persons: 3_000, seed: 77, threads: 2)

    static func prepared(_ corpus: Corpus) -> [PreparedRecord] {
        corpus.records.compactMap { try? PreparedRecord($0.record) }
    }
}
