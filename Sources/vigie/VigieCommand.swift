import ArgumentParser
import Foundation
import Vigie

/// `vigie`: the command-line face of the engine. One file per subcommand.
@main
struct VigieCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigie",
        abstract: "Identity-vigilance engine for French health care (INS, RNIV, PAM FR).",
        discussion: """
            Exit statuses (sysexits): 0 success; 1 a negative result (ins check: invalid; normalise: lines failed); \
            64 usage; 65 unusable data (missing columns, malformed model, nothing readable); 66 missing input; \
            69 service unavailable (INSi answered nothing, a feed's destination unreachable); 70 internal error; 73 cannot create an output; \
            74 I/O error; 76 a remote system refused a message (a feed's destination answered AE or AR).
            """,
        version: VigieVersion.current,
        subcommands: [
            NormaliseCommand.self,
            INSCommand.self,
            CorpusCommand.self,
            EvaluateCommand.self,
            DedupeCommand.self,
            TrainCommand.self,
            KeysCommand.self,
            ScoreBlocksCommand.self,
            ClusterCommand.self,
            INSiMockCommand.self,
            QualifyCommand.self,
            WorkerCommand.self,
            ServeCommand.self,
            FeedCommand.self,
            OperatorCommand.self,
            RIToolCommand.self,
        ])

    /// ArgumentParser's entry point, except that a runtime failure (``CommandFailure``, or a library error it maps)
    /// prints one line and exits with its sysexits status instead of the usage banner and 64.
    static func main() async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let name = type(of: command).failureName
            if let failure = CommandFailure(error) { failure.exit(command: name) }
            exit(withError: error)
        }
    }
}

extension ParsableCommand {
    /// The subcommand's path after `vigie` (`dedupe`, `ins check`, `corpus generate`), for error lines.
    static var failureName: String {
        let name = configuration.commandName ?? String(describing: Self.self).lowercased()
        switch name {
        case "check": return "ins check"
        case "generate": return "corpus generate"
        default: return name
        }
    }
}
