import ArgumentParser

struct INSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ins", abstract: "Check and decode an INS matricule (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie ins' is not built yet.")
    }
}
