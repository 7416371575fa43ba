// Parses one file with the XML parser compiled beside it and prints the outcome and the time taken.
// Built by measure.sh with either the parser of a given commit or the working tree's.
import Foundation

let path = CommandLine.arguments[1]
let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
let start = Date()
let outcome: String
do {
    let root = try XMLDocumentParser.parse(bytes)
    outcome = "parsed (\(root.children.count) children)"
} catch {
    outcome = "refused: \(error)"
}
print(String(format: "%.3f s  %@", Date().timeIntervalSince(start), outcome))
