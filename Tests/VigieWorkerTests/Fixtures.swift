import Foundation

/// The ANS PAM FR example messages (see Fixtures/hl7/README.md for their origin), as one CR-separated message each.
enum ANSFixture: String, CaseIterable {
    case admission = "ans-admission-A01"
    case consent = "ans-consentement-A01-ZFD"
    case discharge = "ans-sortie-A03"

    /// The file as it is stored (segments on separate lines).
    var fileText: String {
        let url = Bundle.module.url(forResource: rawValue, withExtension: "er7", subdirectory: "Fixtures/hl7")!
        return try! String(contentsOf: url, encoding: .utf8)
    }

    /// The message as it travels: newlines turned into CR, trailing separators dropped.
    var wireText: String {
        var lines = fileText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\r")
    }
}
