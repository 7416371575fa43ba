import Foundation
import Testing
import VigieText

/// Runs the repository's Python scripts (the stdnum peer, the COG generator) for tests.
/// A missing python3 or python-stdnum is a test failure, never a skip: `.ci/run` installs them.
enum PythonPeer {
    /// The repository root, found from this file's path (Tests/VigieIdentityTests/PythonPeer.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let installHint = "python3 and python-stdnum are required: python3 -m pip install python-stdnum"

    /// Runs `python3 <script> <arguments>`; returns the exit status and stderr, or nil when python3 cannot start.
    static func run(script: String, arguments: [String]) -> (status: Int32, stderr: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent(script).path] + arguments
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
    }

    /// A temporary file path unique to this run.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vigie-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)-\(name)").path
    }
}

