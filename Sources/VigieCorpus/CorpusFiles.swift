import Foundation
import VigieIdentity

/// The files of a generated corpus.
///
/// - `records.csv`: the batch contract (`id,birth_name,first_names,sex,birth_date,birth_place,used_name,ins`);
/// - `truth.csv`: `id,person_id`;
/// - `errors.csv`: `id,errors` — the error kinds each record carries, `;`-separated (for evaluation only);
/// - `hard-negatives.csv`: `person_id,kind,other_person_id` — look-alike pairs of different persons.
public enum CorpusFiles {
    /// File names, in the order they are written.
    public static let records = "records.csv"
    public static let truth = "truth.csv"
    public static let errors = "errors.csv"
    public static let hardNegatives = "hard-negatives.csv"

    /// Writes the corpus's four files into `directory` (created if needed).
    public static func write(_ corpus: Corpus, to directory: String, threads: Int = 2) throws(CorpusFilesError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .unwritable(path: directory)
        }
        let files = encode(corpus, threads: threads)
        for (name, bytes) in files {
            let path = directory + "/" + name
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw .unwritable(path: path) }
        }
    }

    /// The four files' names and bytes (what ``write(_:to:threads:)`` writes).
    public static func encode(_ corpus: Corpus, threads: Int = 2) -> [(name: String, bytes: [UInt8])] {
        let records = corpus.records
        let chunkCount = max(1, min(records.count / 4096 + 1, max(1, threads) * 8))
        let chunks = Parallel.map(chunkCount) { chunk -> (records: [UInt8], truth: [UInt8], errors: [UInt8]) in
            let lo = records.count * chunk / chunkCount
            let hi = records.count * (chunk + 1) / chunkCount
            var r: [UInt8] = []
            var t: [UInt8] = []
            var e: [UInt8] = []
            r.reserveCapacity((hi - lo) * 96)
            t.reserveCapacity((hi - lo) * 18)
            e.reserveCapacity((hi - lo) * 24)
            for g in records[lo ..< hi] {
                r += BatchCSV.encodeRow(g.record.fields).utf8
                t += g.record.id.utf8
                t.append(UInt8(ascii: ","))
                t += g.personID.utf8
                t.append(UInt8(ascii: "\n"))
                e += g.record.id.utf8
                e.append(UInt8(ascii: ","))
                e += g.errors.field.utf8
                e.append(UInt8(ascii: "\n"))
            }
            return (r, t, e)
        }
        var recordBytes = Array((BatchCSV.header.joined(separator: ",") + "\n").utf8)
        var truthBytes = Array("id,person_id\n".utf8)
        var errorBytes = Array("id,errors\n".utf8)
        recordBytes.reserveCapacity(chunks.reduce(0) { $0 + $1.records.count } + recordBytes.count)
        for c in chunks {
            recordBytes += c.records
            truthBytes += c.truth
            errorBytes += c.errors
        }
        var hard = Array("person_id,kind,other_person_id\n".utf8)
        for pair in corpus.hardNegatives {
            hard += "\(pair.personID),\(pair.kind.rawValue),\(pair.otherPersonID)\n".utf8
        }
        return [(Self.records, recordBytes), (truth, truthBytes), (errors, errorBytes), (hardNegatives, hard)]
    }
}

/// Why corpus files cannot be written.
public enum CorpusFilesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The directory or a file cannot be created.
    case unwritable(path: String)

    public var description: String {
        switch self {
        case .unwritable(let path): return "cannot write \(path)"
        }
    }
}
