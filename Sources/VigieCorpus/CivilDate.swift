/// A proleptic Gregorian calendar date with integer arithmetic, for drawing and perturbing birth dates.
/// `month` or `day` 0 means unknown (as in the batch contract's `YYYY-00-00`).
struct CivilDate: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether the date exists (unknown parts excluded).
    var isValid: Bool {
        (1 ... 12).contains(month) && day >= 1 && day <= CivilDate.daysIn(month: month, year: year)
    }

    /// The date `dayIndex` days (0-based) into `year`.
    init(year: Int, dayOfYear dayIndex: Int) {
        var remaining = dayIndex
        var m = 1
        while remaining >= CivilDate.daysIn(month: m, year: year) {
            remaining -= CivilDate.daysIn(month: m, year: year)
            m += 1
        }
        self.init(year: year, month: m, day: remaining + 1)
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(year: Int) -> Int { isLeap(year) ? 366 : 365 }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`, integers only).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01 (`civil_from_days`).
    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// `YYYYMMDD` as an integer, for comparisons with the COG's effective dates.
    var ordinal: Int { year * 10_000 + month * 100 + day }

    /// `YYYY-MM-DD`, zero-padded, without Foundation formatting.
    var iso: String {
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 10)
        var y = year
        for i in stride(from: 3, through: 0, by: -1) {
            bytes[i] = UInt8(ascii: "0") + UInt8(y % 10)
            y /= 10
        }
        bytes[4] = UInt8(ascii: "-")
        bytes[5] = UInt8(ascii: "0") + UInt8(month / 10)
        bytes[6] = UInt8(ascii: "0") + UInt8(month % 10)
        bytes[7] = UInt8(ascii: "-")
        bytes[8] = UInt8(ascii: "0") + UInt8(day / 10)
        bytes[9] = UInt8(ascii: "0") + UInt8(day % 10)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func < (a: CivilDate, b: CivilDate) -> Bool { a.ordinal < b.ordinal }
}
