import ArgumentParser

struct NormaliseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalise", abstract: "Print the INS form of names, one per line (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie normalise' is not built yet.")
    }
}
