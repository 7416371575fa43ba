import ArgumentParser

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Serve HL7 v2 / JSON lines on stdin/stdout (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie worker' is not built yet.")
    }
}
