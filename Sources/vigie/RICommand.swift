import ArgumentParser
import Foundation
import Vigie
import VigieServe

/// `vigie ri`: maintenance of a référentiel.
struct RIToolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ri", abstract: "Maintain an identity store (référentiel d'identité).", subcommands: [Verify.self])

    /// `vigie ri verify --store PATH --insi URL`: the periodic INSi check of QUAL identities.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-check every QUAL identity against INSi, in batches; journal each outcome.",
            discussion: """
                An identity INSi still returns with the same INS and traits stays QUAL (the check is journaled); \
                otherwise its INSi link is broken: the INS is set aside, QUAL falls to VALI, and the change is \
                journaled. A failed INSi call is journaled too (insi-called: failed) and changes nothing. Prints \
                counts only (no trait, no INS); exits 69 when every call failed.
                """)

        @Option(help: "The identity store (SQLite file).")
        var store: String

        @Option(help: "INSi endpoint URL.")
        var insi: String

        @Option(help: "Identities checked per batch (one progress line each).")
        var batchSize: Int = 100

        @Option(help: "Actor journaled.")
        var actor: String = "vigie-ri-verify"

        func run() async throws {
            guard FileManager.default.fileExists(atPath: store) else { throw ValidationError("no store at \(store)") }
            let identityStore: IdentityStore
            do { identityStore = try IdentityStore(path: store) } catch { throw ValidationError("cannot open the store: \(error)") }
            defer { identityStore.close() }
            let ri = try Referentiel(store: identityStore)
            let qualifier = try INSiQualifier(endpoint: insi, actor: actor)
            var ids: [String] = []
            try identityStore.forEachIdentity { stored in
                if stored.identity.status == .qualified { ids.append(stored.id) }
            }
            var confirmed = 0, demoted = 0, failed = 0
            for (offset, id) in ids.enumerated() {
                // The RI journals every outcome: confirmed, not confirmed (demoted), or the call failed.
                let outcome: RIOutcome?
                do { outcome = try ri.verify(identityID: id, by: RIActor(user: actor, application: "vigie-ri"), using: qualifier) } catch {
                    guard error.code == .unavailable else { throw error }
                    outcome = nil
                }
                switch outcome?.insiCall {
                case .accepted?: confirmed += 1
                case nil: failed += 1
                default: demoted += 1
                }
                if (offset + 1) % max(1, batchSize) == 0 {
                    FileHandle.standardError.write(Data("verify: \(offset + 1)/\(ids.count)\n".utf8))
                }
            }
            print("verified \(ids.count) QUAL identities: \(confirmed) confirmed, \(demoted) demoted, \(failed) INSi failures")
            if failed == ids.count && !ids.isEmpty { throw ExitCode(69) }
        }
    }
}
