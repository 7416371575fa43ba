import Foundation
import Testing
import Vigie

/// Issue #18, "identification": one version, written once (VigieVersion), printed by `vigie --version`, and the
/// latest entry of CHANGELOG.md; a LICENSE at the root.
@Suite struct VersionTests {
    @Test func versionFlagChangelogAndSourceAgree() throws {
        let vigie = try VigieBinary.require()
        let run = try vigie.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == VigieVersion.current + "\n")
        let changelog = try String(contentsOf: VigieBinary.root.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let latest = changelog.split(separator: "\n").first { $0.hasPrefix("## [") }
        #expect(latest?.hasPrefix("## [\(VigieVersion.current)]") == true, "CHANGELOG.md's latest entry: \(latest ?? "none")")
    }

    @Test func theLicenceIsApache2AndTheDataKeepsItsOwn() throws {
        let license = try String(contentsOf: VigieBinary.root.appendingPathComponent("LICENSE"), encoding: .utf8)
        #expect(license.contains("Apache License") && license.contains("Version 2.0, January 2004"))
        let notice = try String(contentsOf: VigieBinary.root.appendingPathComponent("NOTICE"), encoding: .utf8)
        #expect(notice.contains("corpus/cog/") && notice.contains("corpus/names/"))
        let corpus = try String(contentsOf: VigieBinary.root.appendingPathComponent("corpus/README.md"), encoding: .utf8)
        #expect(corpus.contains("Licence Ouverte") && corpus.contains("MIT licence"))
    }
}
