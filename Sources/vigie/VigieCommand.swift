import ArgumentParser

/// `vigie`: the command-line face of the engine. One file per subcommand.
@main
struct VigieCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie",
        abstract: "Identity-vigilance engine for French health care (INS, RNIV, PAM FR).",
        subcommands: [
            NormaliseCommand.self,
            INSCommand.self,
            CorpusCommand.self,
            EvaluateCommand.self,
            DedupeCommand.self,
            INSiMockCommand.self,
            QualifyCommand.self,
            WorkerCommand.self,
            RIToolCommand.self,
        ])
}
