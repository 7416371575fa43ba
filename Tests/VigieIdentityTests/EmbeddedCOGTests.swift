import Foundation
import Testing
@testable import VigieIdentity

/// The COG table is compiled into the binary (`CIdentityResources`, C23 #embed) rather than found in a resource
/// bundle at run time: the embedded bytes must be the committed table's.
@Suite struct EmbeddedCOGTests {
    @Test func theEmbeddedTableIsTheCommittedFile() throws {
        let path = PythonPeer.repositoryRoot.appendingPathComponent("Sources/VigieIdentity/Resources/cog.txt").path
        let file = try #require(FileManager.default.contents(atPath: path))
        let fromFile = try COG(table: [UInt8](file))
        let embedded = try COG.loadBundled()
        #expect(embedded.count == fromFile.count)
        #expect(embedded.text == fromFile.text)
    }
}
