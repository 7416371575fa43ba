import ArgumentParser

struct QualifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qualify", abstract: "Qualify identities against INSi (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie qualify' is not built yet.")
    }
}
