internal import CIdentityResources
import Foundation

/// The INSEE Code officiel géographique (COG) with its history since 1943: which codes designated a
/// commune (or a municipal arrondissement) at which dates, what each became, and the country codes.
///
/// A birth place is coded with the COG in force at the date of birth, so a person born in 1960 in a
/// commune merged in 2016 keeps the old code: ``isValid(_:on:)`` checks the code at the birth date,
/// ``current(_:)`` gives today's code(s) and ``samePlace(_:_:)`` relates the two.
///
/// The table is generated from `corpus/cog` by `scripts/build-cog.py` into the `cog.txt` resource;
/// ``shared`` loads it once, on first use.
public final class COG: Sendable {
    /// The bundled table, loaded on first use.
    public static let shared: COG = {
        do {
            return try COG.loadBundled()
        } catch {
            // The resource is part of the build: its absence is a packaging bug, not bad input.
            fatalError("VigieIdentity: \(error)")
        }
    }()

    struct Entry: Sendable {
        var name: Range<Int32>        // bytes of the name in `text`
        var periods: Range<Int32>     // pairs (start, end) in `periodDays`
        var successors: Range<Int32>  // in `successorCodes`
    }

    let text: [UInt8]
    private let entries: [UInt64: Entry]
    private let periodDays: [Int32]
    private let successorCodes: [UInt64]
    private let predecessors: [UInt64: [UInt64]]

    /// Reads a table in the `cog.txt` format (see `scripts/build-cog.py`).
    public init(table bytes: [UInt8]) throws(COGError) {
        var entries: [UInt64: Entry] = [:]
        entries.reserveCapacity(40_000)
        var periodDays: [Int32] = []
        periodDays.reserveCapacity(90_000)
        var successorCodes: [UInt64] = []
        successorCodes.reserveCapacity(20_000)
        let n = bytes.count
        var i = 0
        var line = 0
        try bytes.withUnsafeBufferPointer { (buf) throws(COGError) in
            while i < n {
                line += 1
                var end = i
                while end < n && buf[end] != UInt8(ascii: "\n") { end += 1 }
                defer { i = end + 1 }
                if end == i || buf[i] == UInt8(ascii: "#") { continue }
                // code;name;periods;successors
                guard end - i > 6, buf[i + 5] == UInt8(ascii: ";") else { throw .malformed(line: line) }
                let code = COG.pack(buf, i)
                var j = i + 6
                let nameStart = j
                while j < end && buf[j] != UInt8(ascii: ";") { j += 1 }
                guard j < end else { throw .malformed(line: line) }
                let name = Int32(nameStart)..<Int32(j)
                j += 1
                let firstPeriod = Int32(periodDays.count)
                var value: Int32 = 0
                var digits = 0
                while j < end && buf[j] != UInt8(ascii: ";") {
                    let c = buf[j]
                    if c >= 0x30 && c <= 0x39 {
                        value = value * 10 + Int32(c - 0x30)
                        digits += 1
                    } else if c == UInt8(ascii: "-") || c == UInt8(ascii: ",") {
                        guard digits > 0 else { throw .malformed(line: line) }
                        periodDays.append(value)
                        value = 0
                        digits = 0
                    } else {
                        throw .malformed(line: line)
                    }
                    j += 1
                }
                if digits > 0 { periodDays.append(value) }
                guard j < end, (periodDays.count - Int(firstPeriod)) % 2 == 0 else { throw .malformed(line: line) }
                j += 1
                let firstSuccessor = Int32(successorCodes.count)
                while j + 5 <= end {
                    successorCodes.append(COG.pack(buf, j))
                    j += 6
                }
                entries[code] = Entry(
                    name: name, periods: firstPeriod..<Int32(periodDays.count),
                    successors: firstSuccessor..<Int32(successorCodes.count))
            }
        }
        guard !entries.isEmpty else { throw .empty }
        self.text = bytes
        self.entries = entries
        self.periodDays = periodDays
        self.successorCodes = successorCodes
        var predecessors: [UInt64: [UInt64]] = [:]
        for (code, entry) in entries {
            for s in successorCodes[Int(entry.successors.lowerBound)..<Int(entry.successors.upperBound)] {
                predecessors[s, default: []].append(code)
            }
        }
        self.predecessors = predecessors
    }

    /// Loads the table compiled into the binary (`CIdentityResources`: no resource bundle to find at run time).
    static func loadBundled() throws(COGError) -> COG {
        var length = 0
        guard let bytes = vigie_cog_table(&length), length > 0 else { throw .resourceMissing }
        return try COG(table: Array(UnsafeBufferPointer(start: bytes, count: length)))
    }

    /// Number of codes in the table (communes past and present, arrondissements, countries).
    public var count: Int { entries.count }

    /// True when the code is in the table (at any date).
    public func contains(_ place: BirthPlace) -> Bool { entries[COG.pack(place)] != nil }

    /// True when the code designated a commune, an arrondissement or a country on that date. A partial date
    /// counts when the code was valid on any day it may stand for. `99999` (unknown) is never valid.
    public func isValid(_ place: BirthPlace, on date: BirthDate) -> Bool {
        guard !place.isUnknown, let entry = entries[COG.pack(place)] else { return false }
        let days = date.possibleDays
        return periods(entry).contains { start, end in
            Int(start) <= days.upperBound && (end == 0 || Int(end) > days.lowerBound)
        }
    }

    /// True when the code is in force today (the table's date: COG 2026).
    public func isCurrent(_ place: BirthPlace) -> Bool {
        guard let entry = entries[COG.pack(place)] else { return false }
        return periods(entry).contains { $0.end == 0 }
    }

    /// Today's code(s) for the place: itself when still in force, otherwise what it became, following
    /// mergers and code changes (several codes when a place was split). Empty for an unknown code.
    public func current(_ place: BirthPlace) -> [BirthPlace] {
        if isCurrent(place) { return [place] }
        var result: Set<UInt64> = []
        for code in descendants(COG.pack(place)) where isCurrent(code) { result.insert(code) }
        return result.map(COG.unpack).sorted()
    }

    /// True when the two codes designate the same place at some point of history: equal, or one became
    /// the other through mergers and code changes (e.g. `20001` Afa before 1976 and `2A001` after).
    /// Two old communes merged into the same new one are not the same place.
    public func samePlace(_ a: BirthPlace, _ b: BirthPlace) -> Bool {
        if a == b { return true }
        let pa = COG.pack(a)
        let pb = COG.pack(b)
        return descendants(pa).contains(pb) || descendants(pb).contains(pa)
    }

    /// The codes in force on `date` for the same place as `place` (itself, what it came from, what it became),
    /// sorted: e.g. `2A001` on 1970-06-15 gives `20001`. Several codes when the place was merged or split
    /// since (today's Champdor-Corcelles `01080` in 1960 gives `01080` and `01119`); empty when none.
    public func codes(for place: BirthPlace, on date: BirthDate) -> [BirthPlace] {
        let start = COG.pack(place)
        guard entries[start] != nil else { return [] }
        var related: Set<UInt64> = [start]
        var stack = [start]
        // Everything it came from (transitively), then everything those and it became.
        while let next = stack.popLast() {
            for p in predecessors[next] ?? [] where related.insert(p).inserted { stack.append(p) }
        }
        for code in Array(related) { related.formUnion(descendants(code)) }
        return related.map(COG.unpack).filter { isValid($0, on: date) }.sorted()
    }

    /// The official name (with its article): today's, or the last one for a code no longer in force.
    public func name(of place: BirthPlace) -> String? {
        guard let entry = entries[COG.pack(place)] else { return nil }
        return String(decoding: text[Int(entry.name.lowerBound)..<Int(entry.name.upperBound)], as: UTF8.self)
    }

    /// The periods (yyyymmdd, end excluded; start 0 = before 1943, end 0 = in force) during which the
    /// code designated a commune, an arrondissement or a country.
    public func periods(of place: BirthPlace) -> [(start: Int, end: Int)] {
        guard let entry = entries[COG.pack(place)] else { return [] }
        return periods(entry).map { (Int($0.start), Int($0.end)) }
    }

    /// The codes the place became when it stopped being a commune (one step, not transitive).
    public func successors(of place: BirthPlace) -> [BirthPlace] {
        guard let entry = entries[COG.pack(place)] else { return [] }
        return successorCodes[Int(entry.successors.lowerBound)..<Int(entry.successors.upperBound)].map(COG.unpack)
    }

    // MARK: - Internals

    private func periods(_ entry: Entry) -> [(start: Int32, end: Int32)] {
        stride(from: Int(entry.periods.lowerBound), to: Int(entry.periods.upperBound), by: 2).map {
            (periodDays[$0], periodDays[$0 + 1])
        }
    }

    private func isCurrent(_ code: UInt64) -> Bool {
        guard let entry = entries[code] else { return false }
        return periods(entry).contains { $0.end == 0 }
    }

    /// Every code reachable through successor links (not including the start).
    private func descendants(_ code: UInt64) -> Set<UInt64> {
        var seen: Set<UInt64> = []
        var stack = [code]
        while let next = stack.popLast() {
            guard let entry = entries[next] else { continue }
            for s in successorCodes[Int(entry.successors.lowerBound)..<Int(entry.successors.upperBound)]
            where s != code && seen.insert(s).inserted {
                stack.append(s)
            }
        }
        return seen
    }

    static func pack(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<5 { v = v << 8 | UInt64(buf[at + k]) }
        return v
    }

    static func pack(_ place: BirthPlace) -> UInt64 {
        var v: UInt64 = 0
        for c in place.code.utf8 { v = v << 8 | UInt64(c) }
        return v
    }

    static func unpack(_ v: UInt64) -> BirthPlace {
        let bytes = (0..<5).map { UInt8(truncatingIfNeeded: v >> (8 * (4 - UInt64($0)))) }
        // Codes in the table are checked by the generator and by the tests; the shape cannot fail.
        return try! BirthPlace(String(decoding: bytes, as: UTF8.self))
    }
}

/// Why a COG table could not be read.
public enum COGError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bundled resource is missing.
    case resourceMissing
    /// A line of the table is not `code;name;periods;successors`.
    case malformed(line: Int)
    /// The table has no entry.
    case empty

    public var description: String {
        switch self {
        case .resourceMissing: return "COG table: cog.txt is not compiled into this binary"
        case .malformed(let line): return "COG table: line \(line) is malformed"
        case .empty: return "COG table: no entry"
        }
    }
}
