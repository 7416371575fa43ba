import Foundation

/// A model file that also carries the term frequencies of the records it was trained on (`vigie train`): what a
/// process that sees only part of the records (a Spark partition's blocks, `vigie score-blocks`) needs to score
/// a pair exactly as `vigie dedupe` scores it over the whole file.
///
/// The file is the model's JSON (``MatchModel/save(to:)``, readable by ``MatchModel/load(contentsOf:)``) with
/// one more key, `termFrequencies`: the record count and, per name hash (16 hex digits, no name), its count.
public enum ModelFile {
    /// Writes `model` with `termFrequencies` as pretty-printed JSON with sorted keys.
    public static func save(_ model: MatchModel, termFrequencies: TermFrequencies, to path: String) throws(MatchModelError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(WithFrequencies(model: model, termFrequencies: termFrequencies))
                .write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path)
        }
    }

    /// The term frequencies a model file carries, nil when it has none (a model saved without them).
    public static func termFrequencies(contentsOf path: String) throws(MatchModelError) -> TermFrequencies? {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        do {
            return try JSONDecoder().decode(OnlyFrequencies.self, from: data).termFrequencies
        } catch {
            throw .malformed(path: path)
        }
    }

    enum Key: String, CodingKey { case termFrequencies }

    /// The model's own keys, then `termFrequencies` in the same JSON object.
    struct WithFrequencies: Encodable {
        var model: MatchModel
        var termFrequencies: TermFrequencies
        func encode(to encoder: any Encoder) throws {
            try model.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(Counts(termFrequencies), forKey: .termFrequencies)
        }
    }

    struct OnlyFrequencies: Decodable {
        var termFrequencies: TermFrequencies?
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            termFrequencies = try c.decodeIfPresent(Counts.self, forKey: .termFrequencies)?.table
        }
    }

    /// The saved form: hashes as fixed-width hex (a JSON number would not hold 64 bits in every reader).
    struct Counts: Codable {
        var records: Int
        var birthNames: [String: UInt32]
        var firstNames: [String: UInt32]

        init(_ t: TermFrequencies) {
            records = t.total
            birthNames = Self.hex(t.birthNames)
            firstNames = Self.hex(t.firstNames)
        }

        static func hex(_ d: [UInt64: UInt32]) -> [String: UInt32] {
            var out: [String: UInt32] = [:]
            out.reserveCapacity(d.count)
            for (k, v) in d {
                let h = String(k, radix: 16)
                out[String(repeating: "0", count: 16 - h.count) + h] = v
            }
            return out
        }

        static func table(_ d: [String: UInt32]) throws -> [UInt64: UInt32] {
            var out: [UInt64: UInt32] = [:]
            out.reserveCapacity(d.count)
            for (k, v) in d {
                guard k.utf8.count == 16, let h = UInt64(k, radix: 16), v > 0 else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "term frequency entry"))
                }
                out[h] = v
            }
            return out
        }

        var table: TermFrequencies {
            get throws {
                var t = TermFrequencies()
                t.birthNames = try Self.table(birthNames)
                t.firstNames = try Self.table(firstNames)
                t.total = records
                return t
            }
        }
    }
}
