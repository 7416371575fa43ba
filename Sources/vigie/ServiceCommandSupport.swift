import ArgumentParser
import Logging
import Vigie

/// What the long-running commands (`vigie worker`, `vigie serve`) share: logs on stderr at the `--log-level`
/// given, the match model of `--model`, the store of `--store`.
enum ServiceCommandSupport {
    /// The formats of `--log-format`.
    enum LogFormat: String, CaseIterable, ExpressibleByArgument {
        /// swift-log's text lines.
        case text
        /// One JSON object a line (`JSONLogHandler`).
        case json
    }

    static func bootstrapLogging(level: String, format: LogFormat = .text) {
        let level = Logger.Level(rawValue: level) ?? .notice
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
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
