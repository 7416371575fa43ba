import ArgumentParser

struct DedupeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe", abstract: "Find duplicates in a batch of identities (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie dedupe' is not built yet.")
    }
}
