import Foundation
import Testing
import VigieText
@testable import VigieIdentity

/// Cross-check of ``Matricule`` against a peer: python-stdnum's `stdnum.fr.nir` (PyPI python-stdnum), on
/// 120 000 generated candidates (seeded), valid and corrupted. Verdicts and keys must agree, except where
/// the two differ on purpose (listed in `Kind.expectedDisagreement`).
///
/// stdnum's rules (stdnum/fr/nir.py): strips spaces and dots, upper-cases, requires digits except `2A`/`2B`
/// at positions 6–7, length 15, key 97 − N mod 97 with 2A→19, 2B→18. It checks neither the sex digit nor
/// the month, like ``Matricule`` (those are ``MatriculeCoherence`` warnings).
@Suite struct NIRCrossCheckTests {
    enum Kind: String, CaseIterable {
        case valid, wrongKey, substitution, deletion, insertion, transposition, lowercaseCorsica, separators, nonASCII,
            fullwidthDigit

        /// The two implementations disagree on these kinds by design: stdnum strips spaces and dots
        /// (`compact`) and maps Unicode look-alikes such as fullwidth digits to ASCII (`stdnum.util.clean`);
        /// Vigie takes the 15 ASCII characters as INSi and PID-3 carry them and rejects anything else.
        var expectedDisagreement: Bool { self == .separators || self == .fullwidthDigit }
    }

    static func digits(_ n: Int, _ count: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: count - s.count) + s
    }

    /// A random well-formed 13-character number covering every field range.
    static func number(_ rng: inout SplitMix64) -> String {
        let sex = Int.random(in: 0..<10, using: &rng) < 8 ? Int.random(in: 1...2, using: &rng) : Int.random(in: 0...9, using: &rng)
        let year = Int.random(in: 0...99, using: &rng)
        let monthRanges = [1...12, 1...12, 20...30, 31...42, 50...99, 0...0, 13...19, 43...49]
        let month = Int.random(in: monthRanges.randomElement(using: &rng)!, using: &rng)
        let place: String
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: place = (Bool.random(using: &rng) ? "2A" : "2B") + digits(Int.random(in: 1...366, using: &rng), 3)
        case 1: place = "9" + String(Int.random(in: 7...8, using: &rng)) + String(Int.random(in: 1...9, using: &rng)) + digits(Int.random(in: 1...99, using: &rng), 2)
        case 2: place = "99" + digits(Int.random(in: 100...999, using: &rng), 3)
        default: place = digits(Int.random(in: 1...96, using: &rng), 2) + digits(Int.random(in: 1...999, using: &rng), 3)
        }
        return String(sex) + digits(year, 2) + digits(month, 2) + place + digits(Int.random(in: 1...999, using: &rng), 3)
    }

    static func candidate(_ kind: Kind, _ rng: inout SplitMix64) -> String {
        let n = number(&rng)
        let key = try! Matricule.expectedKey(forNumber: n)
        let valid = n + digits(key, 2)
        var chars = Array(valid)
        switch kind {
        case .valid:
            return valid
        case .wrongKey:
            var other = Int.random(in: 0...99, using: &rng)
            if other == key { other = (other + 1) % 100 }
            return n + digits(other, 2)
        case .substitution:
            let i = Int.random(in: 0..<15, using: &rng)
            let alphabet = Array("0123456789AB2abcXZ/-+")
            chars[i] = alphabet.randomElement(using: &rng)!
            return String(chars)
        case .deletion:
            chars.remove(at: Int.random(in: 0..<15, using: &rng))
            return String(chars)
        case .insertion:
            chars.insert(Array("0123456789AB").randomElement(using: &rng)!, at: Int.random(in: 0...15, using: &rng))
            return String(chars)
        case .transposition:
            let i = Int.random(in: 0..<14, using: &rng)
            chars.swapAt(i, i + 1)
            return String(chars)
        case .lowercaseCorsica:
            let corsican = (Bool.random(using: &rng) ? "2A" : "2B")
            let m = String(n.prefix(5)) + corsican + String(n.suffix(6))
            let k = try! Matricule.expectedKey(forNumber: m)
            return (m + digits(k, 2)).lowercased()
        case .separators:
            // "2 97 02 2A 020 778 78" and the like, or surrounding spaces.
            let cuts = [1, 3, 5, 7, 10, 13]
            let separator: Character = Bool.random(using: &rng) ? " " : "."
            if Bool.random(using: &rng) { return " " + valid + " " }
            var out = ""
            for (i, c) in valid.enumerated() {
                if cuts.contains(i) { out.append(separator) }
                out.append(c)
            }
            return out
        case .nonASCII:
            let i = Int.random(in: 0..<15, using: &rng)
            chars[i] = Array("éÀ٣²ⅣＡ").randomElement(using: &rng)!
            return String(chars)
        case .fullwidthDigit:
            // A digit position (never the Corsica letter): "5" -> "５" (U+FF15).
            let positions = (0..<15).filter { chars[$0].isASCII && chars[$0].isNumber }
            let i = positions.randomElement(using: &rng)!
            let digit = chars[i].asciiValue! - 0x30
            chars[i] = Character(Unicode.Scalar(0xFF10 + UInt32(digit))!)
            return String(chars)
        }
    }

    /// Vigie's verdict in the peer's format.
    static func vigieVerdict(_ text: String) -> (valid: Bool, key: Int?) {
        do {
            let m = try Matricule(text)
            return (true, m.key)
        } catch .keyMismatch(_, let expected) {
            return (false, expected)
        } catch {
            return (false, nil)
        }
    }

    @Test func agreesWithPythonStdnum() throws {
        var rng = SplitMix64(seed: 0x5EED_0003)
        let perKind = 120_000 / Kind.allCases.count + 1
        var candidates: [(Kind, String)] = []
        for kind in Kind.allCases {
            for _ in 0..<perKind { candidates.append((kind, Self.candidate(kind, &rng))) }
        }
        let input = PythonPeer.temporaryPath("nir-in.txt")
        let output = PythonPeer.temporaryPath("nir-out.txt")
        defer {
            try? FileManager.default.removeItem(atPath: input)
            try? FileManager.default.removeItem(atPath: output)
        }
        try (candidates.map(\.1).joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        guard let run = PythonPeer.run(script: "scripts/nir-crosscheck.py", arguments: [input, output]) else {
            Issue.record("cannot start python3 — \(PythonPeer.installHint)")
            return
        }
        guard run.status == 0 else {
            Issue.record("the stdnum peer failed (status \(run.status)): \(run.stderr) — \(PythonPeer.installHint)")
            return
        }
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == candidates.count)

        var agreeVerdict: [Kind: Int] = [:]
        var disagreeVerdict: [Kind: Int] = [:]
        var validCount = 0
        var keysCompared = 0
        var keyDisagreements = 0
        for (i, (kind, text)) in candidates.enumerated() {
            let peer = lines[i].split(separator: " ")
            let peerValid = peer[0] == "V"
            let peerKey = peer[1] == "-" ? nil : Int(peer[1])
            let ours = Self.vigieVerdict(text)
            if ours.valid { validCount += 1 }
            if ours.valid == peerValid {
                agreeVerdict[kind, default: 0] += 1
            } else {
                disagreeVerdict[kind, default: 0] += 1
                if !kind.expectedDisagreement {
                    Issue.record("candidate \(i) (\(kind)): vigie \(ours.valid ? "valid" : "invalid"), stdnum \(peerValid ? "valid" : "invalid")")
                }
            }
            if let ourKey = ours.key, let peerKey {
                keysCompared += 1
                if ourKey != peerKey {
                    keyDisagreements += 1
                    Issue.record("candidate \(i) (\(kind)): key \(ourKey) vs stdnum \(peerKey)")
                }
            }
        }
        // The documented disagreement must really happen (stdnum accepts, Vigie refuses, every time).
        #expect(disagreeVerdict[.separators] == perKind)
        #expect(disagreeVerdict[.fullwidthDigit] == perKind)
        #expect(candidates.count >= 100_000)
        #expect(validCount >= perKind * 2)  // valid + lowercase Corsica, at least
        #expect(keysCompared >= perKind * 2)
        #expect(keyDisagreements == 0)
        print("NIR cross-check: \(candidates.count) candidates, \(validCount) valid for Vigie, \(keysCompared) keys compared, disagreements by kind: \(disagreeVerdict.map { "\($0.key)=\($0.value)" }.sorted())")
    }
}
