import ArgumentParser
import Foundation
import Vigie
import VigieCorpus
import VigieIntegration

/// The exit statuses of `vigie`, from sysexits(3), so that scripts and schedulers can tell a bad command line from
/// bad data, a missing file, an unwritable output or an unreachable service. 0 is success; 1 is a result, not a
/// failure (`ins check` on an invalid matricule, `normalise` with lines that failed).
enum ExitStatus: Int32, Sendable {
    /// EX_USAGE: the command line is wrong (unknown flag, bad flag value, thresholds in the wrong order).
    case usage = 64
    /// EX_DATAERR: an input is there but unusable (no required column, a malformed model, nothing readable in it).
    case data = 65
    /// EX_NOINPUT: an input file does not exist or cannot be read.
    case noInput = 66
    /// EX_UNAVAILABLE: a service needed is unreachable (INSi answered no request of the batch).
    case unavailable = 69
    /// EX_SOFTWARE: a failure of vigie itself.
    case software = 70
    /// EX_CANTCREAT: an output (directory, file, store) cannot be created.
    case cannotCreate = 73
    /// EX_IOERR: reading or writing failed part-way.
    case io = 74
    /// EX_PROTOCOL: a remote system refused a message or answered outside the protocol (`vigie feed`: AE, AR).
    case remoteProtocol = 76
}

/// A runtime failure: one line on stderr naming the file, line, field or flag (never an identity trait), no usage
/// banner, and its ``ExitStatus``.
struct CommandFailure: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String

    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    var description: String { message }

    /// The one mapping from the library's errors to exit statuses; nil for errors that are not runtime failures
    /// (ArgumentParser's own: usage errors, `--help`, `ExitCode`).
    init?(_ error: any Error) {
        switch error {
        case let e as CommandFailure: self = e
        case let e as BatchCSVError:
            switch e {
            case .unreadable: self.init(.noInput, e.description)
            case .missingHeader, .columns: self.init(.data, e.description)
            }
        case let e as ColumnMappingError:
            if case .malformedExplicit = e { self.init(.usage, e.description) } else { self.init(.data, "header: \(e)") }
        case let e as MatchModelError:
            switch e {
            case .unreadable: self.init(.noInput, e.description)
            case .unwritable: self.init(.cannotCreate, e.description)
            default: self.init(.data, e.description)
            }
        case let e as EvaluationFiles.Failure:
            if case .unreadable = e { self.init(.noInput, e.description) } else { self.init(.data, e.description) }
        case let e as Evaluation.Failure: self.init(.data, e.description)
        case let e as CorpusDataError:
            if case .unreadable = e { self.init(.noInput, e.description) } else { self.init(.data, e.description) }
        case let e as CorpusProfileError:
            if case .unreadable = e { self.init(.noInput, e.description) } else { self.init(.data, e.description) }
        case let e as CorpusFilesError: self.init(.cannotCreate, e.description)
        case let e as ReferenceIdentitiesError:
            if case .unreadable = e { self.init(.noInput, e.description) } else { self.init(.data, e.description) }
        case let e as StoreError:
            switch e {
            case .corrupt, .newerSchema: self.init(.data, "store: \(e)")
            default: self.init(.io, "store: \(e)")
            }
        case let e as FeedError:
            switch e {
            case .refused, .unexpectedAnswer: self.init(.remoteProtocol, e.description)
            case .unreachable: self.init(.unavailable, e.description)
            case .outputFailed: self.init(.io, e.description)
            case .tlsConfiguration: self.init(.data, e.description)
            }
        case let e as CocoaError: self.init(.io, e.localizedDescription)
        case is ArgumentParser.ValidationError, is ArgumentParser.ExitCode, is ArgumentParser.CleanExit: return nil
        default:
            // ArgumentParser's own errors (its parsing errors are internal types) are its to report, with the usage
            // banner. Anything else is an error no case above expected: vigie's failure (70), still one line.
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return nil }
            self.init(.software, "\(error)")
        }
    }

    /// Prints `vigie <command>: message` and exits with the status.
    func exit(command: String) -> Never {
        FileHandle.standardError.write(Data("vigie \(command): \(message)\n".utf8))
        Foundation.exit(status.rawValue)
    }
}

/// Checks on the files a command names, before any work: an input must exist and be readable (66), an output
/// directory must be creatable (73). The failure names the flag (or argument) and the path.
enum CommandFiles {
    /// An input file given as `what` (`--model`, `records`): it must exist, be a file (or a directory, when
    /// `directory` allows it) and be readable.
    static func input(_ path: String, _ what: String, directory: Bool = false) throws(CommandFailure) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(.noInput, "\(what) \(path): no such file")
        }
        guard directory || !isDirectory.boolValue else {
            throw CommandFailure(.noInput, "\(what) \(path): is a directory, not a file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CommandFailure(.noInput, "\(what) \(path): not readable (permissions)")
        }
    }

    /// An output directory (created with its parents when absent).
    static func outputDirectory(_ path: String, _ what: String = "--out") throws(CommandFailure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandFailure(.cannotCreate, "\(what) \(path): exists and is not a directory") }
            guard FileManager.default.isWritableFile(atPath: path) else {
                throw CommandFailure(.cannotCreate, "\(what) \(path): not writable (permissions)")
            }
            return
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw CommandFailure(.cannotCreate, "\(what) \(path): cannot create the directory")
        }
    }

    /// Writes an output file; a failure names it (73).
    static func write(_ data: Data, to path: String) throws(CommandFailure) {
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CommandFailure(.cannotCreate, "\(path): cannot write the file")
        }
    }

    /// Opens (or creates) the store given as `--store`: a directory that does not exist or cannot be written to is
    /// 73, a file that is not a store 65.
    static func store(_ path: String) throws(CommandFailure) -> IdentityStore {
        if !FileManager.default.fileExists(atPath: path) {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(.cannotCreate, "--store \(path): cannot create the store, no directory \(directory)")
            }
            guard FileManager.default.isWritableFile(atPath: directory) else {
                throw CommandFailure(.cannotCreate, "--store \(path): cannot create the store, \(directory) is not writable")
            }
        }
        do { return try IdentityStore(path: path) } catch {
            var failure = CommandFailure(error) ?? CommandFailure(.io, "\(error)")
            failure.message = "--store \(path): \(failure.message)"
            throw failure
        }
    }

    /// Runs `body` on an input named by `what`, naming it in front of the failure's message.
    static func reading<T>(_ what: String, _ path: String, directory: Bool = false, _ body: () throws -> T) throws -> T {
        try input(path, what, directory: directory)
        do { return try body() } catch {
            guard var failure = CommandFailure(error) else { throw error }
            failure.message = "\(what) \(path): \(failure.message)"
            throw failure
        }
    }
}
