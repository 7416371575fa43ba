import ArgumentParser
import Foundation
import VigieCorpus

/// `vigie corpus`: synthetic French identities with ground truth.
struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Generate a synthetic French identity corpus with ground truth.",
        subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write records.csv, truth.csv, errors.csv and hard-negatives.csv into a directory.",
            discussion: """
                The same seed, profile and data give the same bytes on every machine. errors.csv and \
                hard-negatives.csv are for evaluation only: never feed them to an engine.
                """)

        @Option(help: "Number of persons (each has one or more records).")
        var persons: Int

        @Option(help: "Random seed (unsigned 64-bit integer).")
        var seed: UInt64 = 1

        @Option(help: "Output directory (created if needed).")
        var out: String

        @Option(help: "Reference data directory holding names/, cog/ and profile.json (default: the copy of corpus/ compiled into vigie).")
        var data: String?

        @Option(help: "Error-model profile (default: profile.json in the data directory).")
        var profile: String?

        @Option(help: "Threads to size the parallel work for (Dispatch picks the actual threads; the output does not depend on it).")
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        func validate() throws {
            guard persons >= 1 else { throw ValidationError("--persons must be at least 1") }
            guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        }

        func run() async throws {
            let source = data.map(CorpusSource.directory) ?? .embedded
            if let data { try CommandFiles.input(data + "/profile.json", "--data") }
            let start = ContinuousClock.now
            let profile: CorpusProfile
            if let path = self.profile {
                profile = try CommandFiles.reading("--profile", path) { try CorpusProfile.load(contentsOf: path) }
            } else {
                profile = try CorpusProfile.load(from: source)
            }
            let reference = try CorpusData.load(from: source, profile: profile)
            let loaded = ContinuousClock.now
            let corpus = CorpusGenerator(data: reference, profile: profile).generate(
                persons: persons, seed: seed, threads: threads)
            let generated = ContinuousClock.now
            try CommandFiles.outputDirectory(out)
            try CorpusFiles.write(corpus, to: out, threads: threads)
            let written = ContinuousClock.now
            func seconds(_ d: Duration) -> String {
                let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
                return "\(ms / 1000).\(String(repeating: "0", count: 3 - String(ms % 1000).count))\(ms % 1000) s"
            }
            FileHandle.standardError.write(
                Data(
                    ("\(corpus.persons.count) persons, \(corpus.records.count) records, "
                        + "\(corpus.hardNegatives.count) look-alike pairs -> \(out) "
                        + "(load \(seconds(loaded - start)), generate \(seconds(generated - loaded)), "
                        + "write \(seconds(written - generated)))\n").utf8))
        }
    }
}
