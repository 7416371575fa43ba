/// Which commune codes, valid on a past date, make up a commune of today — read from the COG's
/// `mouvements-communes.csv` (every merger, restoration and change of code since 1943).
///
/// The generator draws a birth commune among today's communes (weighted by population), then writes the code
/// that was in force on the birth date, as the civil status and the NIR did. Only commune-to-commune moves
/// (types COM and ARM) are followed; a code that was an associated or delegated commune at the birth date,
/// or did not exist yet (Mayotte's codes before 2011), yields no candidate and the generator draws again.
struct CommuneHistory: Sendable {
    /// One dated move into a commune: the codes that became `target` on `date` (YYYYMMDD).
    struct Event: Sendable {
        var date: Int
        var predecessors: [String]
    }

    /// Events per target code, latest first.
    private let events: [String: [Event]]

    /// Builds the index from the rows of `mouvements-communes.csv` (header included or not).
    init(rows: [[String]]) {
        var grouped: [String: [Int: [String]]] = [:]
        var header: [String: Int] = [:]
        for row in rows {
            if header.isEmpty, row.contains("DATE_EFF") {
                for (i, name) in row.enumerated() { header[name] = i }
                continue
            }
            guard let iDate = header["DATE_EFF"], let iTypeBefore = header["TYPECOM_AV"], let iBefore = header["COM_AV"],
                let iTypeAfter = header["TYPECOM_AP"], let iAfter = header["COM_AP"], row.count > max(iDate, iAfter)
            else { continue }
            let typeBefore = row[iTypeBefore]
            let typeAfter = row[iTypeAfter]
            guard typeAfter == "COM" || typeAfter == "ARM" else { continue }
            let target = row[iAfter]
            let date = Self.ordinal(row[iDate])
            guard date > 0 else { continue }
            var byDate = grouped[target, default: [:]]
            var preds = byDate[date, default: []]
            if (typeBefore == "COM" || typeBefore == "ARM") && !preds.contains(row[iBefore]) {
                preds.append(row[iBefore])
            }
            byDate[date] = preds
            grouped[target] = byDate
        }
        var events: [String: [Event]] = [:]
        for (target, byDate) in grouped {
            events[target] = byDate.keys.sorted(by: >).map { Event(date: $0, predecessors: byDate[$0]!.sorted()) }
        }
        self.events = events
    }

    /// The codes in force on `date` (YYYYMMDD) whose territory is part of today's `current` commune, sorted.
    /// Empty when none was a commune then.
    func codes(makingUp current: String, on date: Int) -> [String] {
        var result: [String] = []
        collect(current, before: Int.max, on: date, into: &result)
        result.sort()
        var unique: [String] = []
        for code in result where unique.last != code { unique.append(code) }
        return unique
    }

    /// Whether `code` has any recorded move into it (used to tell historical codes from stable ones).
    func hasHistory(_ code: String) -> Bool { events[code] != nil }

    private func collect(_ code: String, before limit: Int, on date: Int, into result: inout [String]) {
        // The latest move into `code` that happened after the birth and before `limit`.
        if let list = events[code], let event = list.first(where: { $0.date < limit && $0.date > date }) {
            for p in event.predecessors { collect(p, before: event.date, on: date, into: &result) }
        } else {
            result.append(code)
        }
    }

    /// `YYYY-MM-DD` as YYYYMMDD, or 0.
    static func ordinal(_ iso: String) -> Int {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return 0 }
        return y * 10_000 + m * 100 + d
    }
}
