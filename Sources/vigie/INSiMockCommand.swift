import ArgumentParser
import Foundation
import Logging
import Vigie

/// `vigie insi-mock`: the mock INSi teleservice on loopback, for tests and demonstrations.
struct INSiMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insi-mock",
        abstract: "Run the mock INSi teleservice (SOAP 1.2, rechercherInsAvecTraitsIdentite) on loopback.",
        discussion: """
            Prints the bound port on stdout as the first line, then serves until interrupted.
            Reference identities: the public CNDA test identities (always), plus --identities FILE: Vigie's
            reference format (birth_name,first_names,sex,birth_date,birth_place,ins,oid[,ins_history]) or a
            batch records.csv (every record with an ins is a reference identity).
            Faults (--faults): comma-separated rules, e.g. "latency=50,timeout=every:10,http=503:p:0.05,
            malformed=first:2,technical=every:7,ratelimit=100,seed=1" (selectors: every:K, first:K, p:X, all).
            """)

    @Option(help: "Port to listen on (0: an ephemeral port).")
    var port: Int = 0

    @Option(help: "Address to bind (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(help: "Reference identities file, added to the CNDA test identities.")
    var identities: String?

    @Option(help: "Fault injection spec (see above).")
    var faults: String?

    @Option(help: "Comma-separated software authorisation numbers accepted (default: the padoa capture's and VIGIE-TEST-0001; '*' accepts any).")
    var authorisedSoftware: String?

    func run() async throws {
        var base = ReferenceIdentities.cnda()
        if let identities {
            base.append(
                contentsOf: try CommandFiles.reading("--identities", identities, directory: true) {
                    try ReferenceIdentities.load(contentsOf: identities)
                })
        }
        let plan: MockFaults
        do { plan = try faults.map { try MockFaults(spec: $0) } ?? .none } catch { throw ValidationError("--faults: \(error)") }
        var software = MockTeleservice.defaultAuthorisedSoftware
        if let authorisedSoftware {
            software = authorisedSoftware == "*" ? [] : Set(authorisedSoftware.split(separator: ",").map(String.init))
        }
        let server = try await INSiMockServer.start(
            host: host, port: port, service: MockTeleservice(identities: base, authorisedSoftware: software), faults: plan)
        // The port first, alone on its line, flushed: scripts read it to find the server.
        FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
        FileHandle.standardError.write(Data("insi-mock: \(base.identities.count) reference identities, listening on \(server.url)\n".utf8))
        try await server.waitUntilClosed()
    }
}
