import Foundation
import Testing
@testable import VigieCorpus

/// `vigie corpus generate` reads the copy of corpus/ compiled into the binary (`CCorpusResources`): each embedded
/// file must be the repository's, and the data loaded from either must generate the same corpus.
@Suite struct CorpusSourceTests {
    @Test func everyEmbeddedFileIsTheRepositorysFile() throws {
        let paths = CorpusSource.embeddedPaths
        #expect(paths.count == 31)
        for path in paths {
            let embedded = try CorpusSource.embedded.bytes(path)
            let file = try CorpusSource.directory(Fixture.directory).bytes(path)
            #expect(embedded == file, "\(path)")
        }
        #expect(throws: CorpusDataError.self) { try CorpusSource.embedded.bytes("sample/records.csv") }
    }

    @Test func theEmbeddedDataGeneratesTheSameCorpus() throws {
        let profile = try CorpusProfile.load(from: .embedded)
        #expect(profile == Fixture.profile)
        let data = try CorpusData.load(from: .embedded, profile: profile)
        let a = CorpusFiles.encode(CorpusGenerator(data: data, profile: profile).generate(persons: 50, seed: 3, threads: 2), threads: 2)
        let b = CorpusFiles.encode(CorpusGenerator(data: Fixture.data, profile: profile).generate(persons: 50, seed: 3, threads: 2), threads: 2)
        #expect(a.map(\.bytes) == b.map(\.bytes))
    }
}
