import Foundation
import Testing
@testable import VigieINSi

/// The CNDA test identities are compiled into the binary (`CINSiResources`, C23 #embed): the mock's built-in list
/// must be the committed file's.
@Suite struct EmbeddedCNDATests {
    @Test func theBuiltInIdentitiesAreTheCommittedFile() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/VigieINSi/Resources/cnda-identities.csv").path
        let file = try #require(FileManager.default.contents(atPath: path))
        let fromFile = try ReferenceIdentities.parse(bytes: [UInt8](file))
        let builtIn = ReferenceIdentities.cnda()
        #expect(builtIn.identities == fromFile.identities)
        #expect(builtIn.identities.count == 13)
    }
}
