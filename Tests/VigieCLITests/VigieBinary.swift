import Foundation
import Testing

/// Runs the built `vigie` executable (`swift build --build-tests` builds it with the tests) and captures what it
/// prints, as a user's shell would see it.
struct VigieBinary: Sendable {
    /// The repository's root (for the README, docs/ and corpus/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built binary: next to the test bundle, or in `.build/debug`.
    static var url: URL? {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("vigie"),
            root.appendingPathComponent(".build/debug/vigie"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func require() throws -> VigieBinary {
        VigieBinary(url: try #require(url, "build the vigie executable first (swift build --build-tests)"))
    }

    let url: URL

    /// What one run printed, and its exit status.
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// Runs `vigie arguments…` in `directory` (default: a fresh temporary one), with `input` on stdin.
    func run(_ arguments: [String], input: Data = Data(), in directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = Collector(stdout.fileHandleForReading)
        let err = Collector(stderr.fileHandleForReading)
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: out.text(), stderr: err.text())
    }

    /// A long-running `vigie` (the INSi mock) whose first stdout line is read before going on.
    final class Server: @unchecked Sendable {
        let process = Process()
        let firstLine: String
        private let stderr: Collector

        init(_ binary: VigieBinary, _ arguments: [String]) throws {
            process.executableURL = binary.url
            process.arguments = arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            stderr = Collector(err.fileHandleForReading)
            firstLine = Self.firstLine(of: out)
        }

        /// The first line a child writes to `pipe` (the rest stays in the pipe).
        static func firstLine(of pipe: Pipe) -> String {
            var line: [UInt8] = []
            var byte: UInt8 = 0
            while Foundation.read(pipe.fileHandleForReading.fileDescriptor, &byte, 1) == 1, byte != 0x0A { line.append(byte) }
            return String(decoding: line, as: UTF8.self)
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }
}

/// Reads a pipe to its end on a thread of its own (a full pipe would block the child).
final class Collector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func text() -> String {
        done.wait()
        done.signal()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A test's binary and a fresh temporary directory, removed with it.
final class CLIWorkspace: Sendable {
    let vigie: VigieBinary
    let directory: URL

    init() throws {
        vigie = try VigieBinary.require()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}
