import Foundation
import Testing
import VigieSupport

/// A value checked on the way in: decoding a refused text is a `DecodingError` carrying the type's own reason.
@Suite struct CheckedTextCodingTests {
    struct Even: Codable, Equatable {
        struct Odd: Error, CustomStringConvertible { var description: String { "is odd" } }
        let n: Int
        init(_ text: String) throws {
            guard let n = Int(text), n % 2 == 0 else { throw Odd() }
            self.n = n
        }
        init(from decoder: any Decoder) throws { self = try CheckedTextCoding.decode(from: decoder) { try Even($0) } }
        func encode(to encoder: any Encoder) throws { try CheckedTextCoding.encode(String(n), to: encoder) }
    }

    @Test func roundTripsThroughItsTextForm() throws {
        let data = try JSONEncoder().encode([try Even("42")])
        #expect(String(decoding: data, as: UTF8.self) == #"["42"]"#)
        #expect(try JSONDecoder().decode([Even].self, from: data) == [try Even("42")])
    }

    @Test func refusedTextIsADataCorruptedErrorWithTheReason() {
        do {
            _ = try JSONDecoder().decode([Even].self, from: Data(#"["41"]"#.utf8))
            Issue.record("an odd number was decoded")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == "is odd")
            #expect(context.codingPath.count == 1)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
