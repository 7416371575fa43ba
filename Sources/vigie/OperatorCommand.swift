import ArgumentParser
import Foundation
import Vigie
import VigieServe

/// `vigie operator add|token`: the people and systems allowed into `vigie serve`.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "Manage the operators of 'vigie serve'.",
        subcommands: [Add.self, Token.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an operator (or reset its password and role), reading the password on stdin.",
            discussion: "The password (first line of stdin, at least 12 characters) is stored as a bcrypt hash; its sessions end.")

        @Option(help: "The identity store.")
        var store: String
        @Option(help: "The login (letters, digits, . - _ @).")
        var login: String
        @Option(help: "cell (reads and decides), viewer (reads) or system (API and FHIR with a token).")
        var role: String

        func run() throws {
            guard let role = OperatorRole(rawValue: role) else { throw ValidationError("--role is cell, viewer or system") }
            let password = readLine(strippingNewline: true) ?? ""
            do {
                let identityStore = try IdentityStore(path: store)
                defer { identityStore.close() }
                try OperatorAdmin(store: identityStore).add(login: login, role: role, password: password)
            } catch {
                throw ValidationError("\(error)")
            }
            FileHandle.standardError.write(Data("operator \(login) saved (\(role.rawValue))\n".utf8))
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new bearer token for the operator (the previous one stops working); only its hash is stored.")

        @Option(help: "The identity store.")
        var store: String
        @Option(help: "The login.")
        var login: String

        func run() throws {
            let token: String
            do {
                let identityStore = try IdentityStore(path: store)
                defer { identityStore.close() }
                token = try OperatorAdmin(store: identityStore).issueToken(login: login)
            } catch {
                throw ValidationError("\(error)")
            }
            print(token)
        }
    }
}
