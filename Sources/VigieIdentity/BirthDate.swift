import Foundation
import VigieSupport

/// A birth date as identities carry it: full, partial (`00` for an unknown month or day) or, when INSi
/// returned it so, a "date lunaire" that is not a calendar date.
///
/// INSi's `DateNaissance` has the XML type `DateLunaire` (`\d{4}-\d{2}-\d{2}`), and PAM FR ZFD-1 allows a day
/// 31–35 (week known, day not) and a month above 12. Such a value is a strict trait and is kept exactly as
/// returned (``init(lunar:)``); the ordinary initialisers accept calendar dates and `00` only.
public struct BirthDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Year, 4 digits.
    public let year: Int
    /// Month 1...12, or 0 when unknown (above 12 only in a lunar date).
    public let month: Int
    /// Day 1...31, or 0 when unknown (after the month's last day only in a lunar date).
    public let day: Int

    /// A calendar or partial date: month 0...12, day 0...31 and not after the month's last day (0 = unknown).
    public init(year: Int, month: Int, day: Int) throws(BirthDateError) {
        guard (1000...9999).contains(year) else { throw .yearOutOfRange }
        guard (0...12).contains(month) else { throw .monthOutOfRange }
        guard (0...31).contains(day) else { throw .dayOutOfRange }
        if month > 0 && day > BirthDate.daysIn(month: month, year: year) { throw .dayOutOfRange }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, with `00` for an unknown month or day.
    public init(_ iso: some StringProtocol) throws(BirthDateError) {
        let (y, m, d) = try BirthDate.fields(iso)
        try self.init(year: y, month: m, day: d)
    }

    /// `init(_:)` for a `String`: the generic one runs unspecialised when called from another module.
    public init(_ iso: String) throws(BirthDateError) {
        let (y, m, d) = try BirthDate.fields(iso)
        try self.init(year: y, month: m, day: d)
    }

    /// Parses an INSi "date lunaire" (`YYYY-MM-DD`, any two digits for month and day) and keeps it as is.
    /// A value that is also a calendar or partial date gives the same result as ``init(_:)``.
    ///
    /// The day is bounded even there: PAM FR §6.18.1 uses days 31–35 for "week known, day not", nothing beyond,
    /// so `1979-13-40` is no date at all and is refused everywhere (issue #18 §7.6).
    public init(lunar iso: some StringProtocol) throws(BirthDateError) {
        try self.init(lunarFields: BirthDate.fields(iso))
    }

    /// `init(lunar:)` for a `String`: the generic one runs unspecialised when called from another module.
    public init(lunar iso: String) throws(BirthDateError) {
        try self.init(lunarFields: BirthDate.fields(iso))
    }

    private init(lunarFields: (Int, Int, Int)) throws(BirthDateError) {
        let (y, m, d) = lunarFields
        guard (1000...9999).contains(y) else { throw .yearOutOfRange }
        guard d <= Self.maximumLunarDay else { throw .dayOutOfRange }
        year = y
        month = m
        day = d
    }

    /// Parses an HL7 v2 date (PID-7, DTM): `YYYYMMDD`, or reduced precision `YYYYMM` / `YYYY` (unknown day,
    /// month); a time part after the date (`YYYYMMDDHHMM…`) is ignored.
    public init(hl7 text: some StringProtocol) throws(BirthDateError) {
        let bytes = Array(text.utf8)
        for (i, c) in bytes.prefix(8).enumerated() where !(c >= 0x30 && c <= 0x39) {
            throw .character(position: i + 1)
        }
        guard bytes.count == 4 || bytes.count == 6 || bytes.count >= 8 else { throw .length(found: text.count) }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } }
        try self.init(
            year: number(0..<4), month: bytes.count >= 6 ? number(4..<6) : 0, day: bytes.count >= 8 ? number(6..<8) : 0)
    }

    /// The highest day a lunar date may carry (PAM FR §6.18.1: 31–35 for a known week, unknown day).
    public static let maximumLunarDay = 35

    /// The HL7 v2 form: `YYYYMMDD` for a full date, `YYYYMM` or `YYYY` for a partial one (HL7 reduced precision).
    /// A lunar date is written with all its digits.
    public var hl7: String {
        let digits = iso.replacingOccurrences(of: "-", with: "")
        if isLunar { return digits }
        if month == 0 && day == 0 { return String(digits.prefix(4)) }
        if day == 0 { return String(digits.prefix(6)) }
        return digits
    }

    /// True when the month or the day is unknown (`00`).
    public var isPartial: Bool { month == 0 || day == 0 }

    /// True for a "date lunaire" that is not a calendar date (month above 12, or day after the month's last day).
    public var isLunar: Bool {
        if month > 12 { return true }
        if month == 0 { return day > 31 }
        return day > BirthDate.daysIn(month: month, year: year)
    }

    /// `YYYY-MM-DD`, with `00` for unknown parts.
    public var iso: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    public var description: String { iso }

    /// Orders by year, then month, then day; unknown (0) parts sort first.
    public static func < (a: BirthDate, b: BirthDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The first and last calendar days this date may stand for, as `yyyymmdd` integers
    /// (an unknown month spans the year; an unknown day or a lunar day spans the month; a lunar month the year).
    public var possibleDays: ClosedRange<Int> {
        if month == 0 || month > 12 { return (year * 10000 + 101)...(year * 10000 + 1231) }
        let last = BirthDate.daysIn(month: month, year: year)
        let base = year * 10000 + month * 100
        if day == 0 || day > last { return (base + 1)...(base + last) }
        return (base + day)...(base + day)
    }

    /// True when the two dates may be the same day (unknown or lunar parts match anything they cover).
    public func isCompatible(with other: BirthDate) -> Bool {
        possibleDays.overlaps(other.possibleDays)
    }

    // MARK: - Codable as the ISO string

    public init(from decoder: any Decoder) throws {
        self = try CheckedTextCoding.decode(from: decoder) { try BirthDate(lunar: $0) }
    }

    public func encode(to encoder: any Encoder) throws {
        try CheckedTextCoding.encode(iso, to: encoder)
    }

    // MARK: - Internals

    static func fields(_ iso: some StringProtocol) throws(BirthDateError) -> (Int, Int, Int) {
        // The bytes in place when the string has them contiguous (a native `String` or `Substring`): iterating a
        // generic UTF-8 view goes through its witnesses byte by byte where this is called unspecialised.
        let read = iso.utf8.withContiguousStorageIfAvailable { fields(bytes: $0) }
            ?? Array(iso.utf8).withUnsafeBufferPointer { fields(bytes: $0) }
        guard let read else {
            let count = iso.count
            if count == 10 {
                // Same number of characters but some are not ASCII: name the first one.
                for (offset, c) in iso.enumerated() where !(c.isASCII && c.utf8.count == 1) {
                    throw .character(position: offset + 1)
                }
            }
            throw .length(found: count)
        }
        return try read.get()
    }

    /// `YYYY-MM-DD` as three numbers, or the first wrong character; nil when there are not 10 bytes. No array of
    /// the bytes, none of the values (every identity a PDQ answer lists is read back through here).
    private static func fields(bytes: UnsafeBufferPointer<UInt8>) -> Result<(Int, Int, Int), BirthDateError>? {
        guard bytes.count == 10 else { return nil }
        var values = (0, 0, 0)
        for i in 0..<10 {
            let c = bytes[i]
            if i == 4 || i == 7 {
                guard c == UInt8(ascii: "-") else { return .failure(.character(position: i + 1)) }
                continue
            }
            guard c >= 0x30 && c <= 0x39 else { return .failure(.character(position: i + 1)) }
            let digit = Int(c - 0x30)
            if i < 4 { values.0 = values.0 * 10 + digit } else if i < 7 { values.1 = values.1 * 10 + digit } else { values.2 = values.2 * 10 + digit }
        }
        return .success(values)
    }

    /// Days in a month of the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
