import ArgumentParser

struct INSiMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insi-mock", abstract: "Run the mock INSi teleservice on loopback (not built yet).")

    func run() async throws {
        throw ValidationError("'vigie insi-mock' is not built yet.")
    }
}
