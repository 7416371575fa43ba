import ArgumentParser
import Foundation
import Vigie

/// `vigie ins`: the INS matricule tools.
struct INSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ins", abstract: "INS matricule (NIR/NIA) tools.",
        subcommands: [INSCheckCommand.self], defaultSubcommand: INSCheckCommand.self)
}

/// `vigie ins check 297022A020778 78`: checks the key and decodes the parts of a matricule.
struct INSCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an INS matricule's key and decode its parts.",
        discussion: """
            Give the 13 characters and the key apart (297022A020778 78) or the 15 characters at once.
            Spaces between groups are ignored. Exits with status 1 when the matricule is invalid.
            With --sex, --birth-date or --birth-place, also prints the coherence warnings against those traits.
            """)

    @Argument(help: "The matricule: 13 characters and the 2-digit key, or the 15 characters.")
    var matricule: [String]

    @Option(help: "Assigning authority: nir, nia, test, demo, or the OID (1.2.250.1.213.1.4.8 …).")
    var oid: String = "nir"

    @Option(help: "Sex trait (M/F) to compare with the sex digit.")
    var sex: String?

    @Option(help: "Birth date trait (YYYY-MM-DD, 00 allowed) to compare with year and month.")
    var birthDate: String?

    @Option(help: "Birth place trait (COG code) to compare with the place field.")
    var birthPlace: String?

    func run() async throws {
        let authority: INSAuthority
        switch oid.lowercased() {
        case "nir": authority = .nir
        case "nia": authority = .nia
        case "test": authority = .test
        case "demo": authority = .demo
        default:
            guard let parsed = INSAuthority(oid: oid) else {
                throw ValidationError("--oid: not an INS authority (nir, nia, test, demo or one of their OIDs)")
            }
            authority = parsed
        }
        // Printed in groups (carte Vitale, letters): spaces, no-break spaces and dots between groups are not part of it.
        let text = matricule.joined().filter { !$0.isWhitespace && $0 != "." }
        let parsed: Matricule
        do {
            parsed = try Matricule(text)
        } catch .keyMismatch(let found, let expected) {
            print(Self.describe(number: String(text.prefix(13)), authority: authority))
            print("key         \(Self.twoDigits(found))")
            print("invalid: the key does not match the number, expected \(Self.twoDigits(expected))")
            throw ExitCode(1)
        } catch {
            print("invalid: \(error)")
            throw ExitCode(1)
        }
        print(Self.describe(number: parsed.number, authority: authority))
        print("key         \(Self.twoDigits(parsed.key))")
        var traitsGiven = false
        var traits = StrictTraits(
            birthName: "", firstNames: [], sex: .unknown, birthDate: try! BirthDate("1000-00-00"), birthPlace: nil)
        if let sex {
            traits.sex = Sex(code: sex)
            traitsGiven = true
        }
        if let birthDate {
            do { traits.birthDate = try BirthDate(lunar: birthDate) } catch { throw ValidationError("--birth-date: \(error)") }
            traitsGiven = true
        }
        if let birthPlace {
            do { traits.birthPlace = try BirthPlace(birthPlace) } catch { throw ValidationError("--birth-place: \(error)") }
            traitsGiven = true
        }
        if traitsGiven {
            var warnings = MatriculeCoherence.check(parsed, against: traits)
            if birthDate == nil { warnings.removeAll { $0 == .yearMismatch || $0 == .monthMismatch } }
            for warning in warnings { print("warning: \(warning)") }
        }
        print("valid")
    }

    static func twoDigits(_ key: Int) -> String { key < 10 ? "0\(key)" : "\(key)" }

    /// The decoded parts of a well-formed 13-character number, one per line.
    static func describe(number: String, authority: INSAuthority) -> String {
        guard let key = try? Matricule.expectedKey(forNumber: number),
            let m = try? Matricule(number: number, key: twoDigits(key))
        else { return "number      \(number)" }
        let p = m.parts
        let sexText: String
        switch p.sexDigit {
        case 1: sexText = "male"
        case 2: sexText = "female"
        case 7: sexText = "male, temporary number"
        case 8: sexText = "female, temporary number"
        default: sexText = "unknown"
        }
        let monthText: String
        switch p.month {
        case .known: monthText = "known"
        case .unknown: monthText = "month unknown"
        case .incompleteCivilStatusAct: monthText = "civil-status act incomplete"
        case .outOfRange: monthText = "no published meaning"
        }
        let code = p.place.cogCode
        let place = try? BirthPlace(code)
        let cogName = place.flatMap { COG.shared.name(of: $0) } ?? "not in the COG"
        let placeText: String
        switch p.place {
        case .france(let d, let c), .overseas(let d, let c): placeText = "department \(d), commune \(c): \(cogName)"
        case .abroad(let country): placeText = "born abroad, country \(country): \(cogName)"
        }
        return """
            number      \(number)
            authority   \(authority.shortName) (\(authority.oid)\(authority.isProduction ? "" : ", not production"))
            sex         \(p.sexDigit) (\(sexText))
            year        \(twoDigits(p.year))
            month       \(twoDigits(p.month.code)) (\(monthText))
            place       \(code) (\(placeText))
            order       \(p.order)
            """
    }
}
