import ArgumentParser

struct CorpusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus", abstract: "Generate a French identity corpus with ground truth (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie corpus' is not built yet.")
    }
}
