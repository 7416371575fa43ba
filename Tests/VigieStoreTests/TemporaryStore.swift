import Foundation
import Testing
import VigieIdentity
@testable import VigieStore

/// A store in its own temporary directory, removed when the value is freed.
final class TemporaryStore {
    let directory: String
    let path: String
    private(set) var store: IdentityStore

    init() throws {
        directory = NSTemporaryDirectory() + "vigie-store-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/ri.sqlite"
        store = try IdentityStore(path: path)
    }

    /// Closes the store and opens the file again.
    func reopen() throws {
        store.close()
        store = try IdentityStore(path: path)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Test change contexts: a fixed clock, so that journal times are checkable.
func change(_ reason: String = "test", actor: String = "tester", messageID: String? = nil, second: Double = 0) -> ChangeContext {
    ChangeContext(actor: actor, reason: reason, messageID: messageID, time: Date(timeIntervalSince1970: 1_764_000_000 + second))
}

func ipp(_ value: String, _ domain: String = "CHU-X") -> LocalIdentifier {
    LocalIdentifier(value: value, domain: domain)
}
