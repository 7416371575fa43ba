import ArgumentParser

struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Score a clustering against ground truth (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie evaluate' is not built yet.")
    }
}
