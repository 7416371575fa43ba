import Foundation
import Testing

@testable import VigieINSi

/// Fixtures of this test target (see Fixtures/README.md for their origin: padoa/tlsi-ins, MIT).
enum Fixture {
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relative)))
    }

    static func text(_ relative: String) throws -> String { String(decoding: try bytes(relative), as: UTF8.self) }

    static let resultatXSD = "wsdl/xsd/ServiceIdentiteCertifiee/INSi_RESULTAT_INS.xsd"
    static let recsansXSD = "wsdl/xsd/ServiceIdentiteCertifiee/INSi_RECSANS_INS.xsd"
    static let faultXSD = "wsdl/xsd/schema_faultSOAP_V01_01.xsd"
    static let contexteLPSXSD = "wsdl/xsd/CTX/ROOT_ctxlps_CTXLPS_V01_00.xsd"
    static let contexteBAMXSD = "wsdl/xsd/CTX/ROOT_ctxbam_CTXBAM_V01_02.xsd"
}

/// Runs Debian's `xmllint` (package libxml2-utils) to validate XML against an XSD. A missing xmllint is a
/// test failure, never a skip: CI installs it (.ci/run).
enum XMLLint {
    struct Outcome { var valid: Bool; var output: String }

    static var executable: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/usr/local/bin"
        for dir in paths.split(separator: ":") {
            let candidate = "\(dir)/xmllint"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func validate(_ xml: String, schema: String) throws -> Outcome {
        guard let xmllint = executable else {
            Issue.record("xmllint is not installed (Debian package libxml2-utils): schema validation cannot run")
            return Outcome(valid: false, output: "xmllint missing")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-insi-\(UUID().uuidString).xml")
        try Data(xml.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: xmllint)
        process.arguments = ["--noout", "--nonet", "--schema", Fixture.path(schema), file.path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(valid: process.terminationStatus == 0, output: output)
    }

    /// The substring from `<open` to the matching `close` (the element carries its namespace declarations).
    static func element(_ xml: String, open: String, close: String) -> String? {
        guard let start = xml.range(of: open), let end = xml.range(of: close, range: start.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.lowerBound..<end.upperBound])
    }
}

/// Element paths of a document (namespace + local name, depth-first), to compare the shape of two messages.
func elementPaths(_ e: XMLElement, prefix: String = "") -> [String] {
    let here = prefix + "/" + (e.namespace.map { "{\($0)}" } ?? "") + e.localName
    return [here] + e.children.flatMap { elementPaths($0, prefix: here) }
}
