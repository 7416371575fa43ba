import ArgumentParser
import Logging
import Vigie

/// What the long-running commands (`vigie worker`, `vigie serve`) share: logs on stderr at the `--log-level`
/// given, the match model of `--model`, the store of `--store`.
enum ServiceCommandSupport {
    static func bootstrapLogging(level: String) {
        let level = Logger.Level(rawValue: level) ?? .notice
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// The model saved by `vigie dedupe --train` at `path`, else the built-in one.
    static func model(_ path: String?) throws -> MatchModel {
        guard let path else { return .builtIn }
        return try CommandFiles.reading("--model", path) { try MatchModel.load(contentsOf: path) }
    }

    static func store(_ path: String) throws -> IdentityStore {
        try CommandFiles.store(path)
    }
}
