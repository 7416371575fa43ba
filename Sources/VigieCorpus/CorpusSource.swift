internal import CCorpusResources
import Foundation

/// Where the generator's reference data (`names/`, `cog/`, `profile.json`) is read from: a directory laid out like
/// the repository's `corpus/`, or the copy compiled into the binary (`CCorpusResources`), so that
/// `vigie corpus generate` runs without the source tree.
public enum CorpusSource: Sendable, Hashable {
    /// A directory holding `names/`, `cog/` and `profile.json`.
    case directory(String)
    /// The files compiled into the binary (those of `corpus/` when it was built).
    case embedded

    /// The bytes of `path`, relative to the data's root (`names/surnames.all.txt`).
    public func bytes(_ path: String) throws(CorpusDataError) -> [UInt8] {
        switch self {
        case .directory(let root):
            let full = root + "/" + path
            guard let data = FileManager.default.contents(atPath: full) else { throw .unreadable(path: full) }
            return [UInt8](data)
        case .embedded:
            var length = 0
            guard let bytes = vigie_corpus_file(path, &length) else { throw .unreadable(path: "(embedded) " + path) }
            return Array(UnsafeBufferPointer(start: bytes, count: length))
        }
    }

    /// The relative paths of the embedded files.
    public static var embeddedPaths: [String] {
        var paths: [String] = []
        while let name = vigie_corpus_file_name(paths.count) { paths.append(String(cString: name)) }
        return paths
    }
}
