import Foundation

/// A batch row's document evidence, as written (columns `document_type`, `document_checked_by`,
/// `document_checked_at`, `document_expires`, `document_special_case`, or their French names).
///
/// The RNIV grants VALI (and QUAL with INSi) only after a person checked the traits against a high-trust
/// document for this patient: one document per row, with who and when, never one document for a whole file.
public struct RawDocumentEvidence: Sendable, Hashable {
    public var type: String
    public var checkedBy: String
    public var checkedAt: String
    public var expires: String
    public var specialCase: String

    public init(type: String = "", checkedBy: String = "", checkedAt: String = "", expires: String = "", specialCase: String = "") {
        self.type = type
        self.checkedBy = checkedBy
        self.checkedAt = checkedAt
        self.expires = expires
        self.specialCase = specialCase
    }

    /// True when every column is empty (blank cells): no evidence.
    public var isEmpty: Bool {
        [type, checkedBy, checkedAt, expires, specialCase].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Why a row's evidence cannot be used: the column named, never its value.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The column (`document_type`, …).
        public var column: BatchColumn
        /// What is wrong with it.
        public var reason: String
        public var description: String { "\(column): \(reason)" }
    }

    /// The document check the row states, or nil when it states none (every column empty).
    ///
    /// A row that fills some columns must fill the type, who checked and when: a partial statement is refused
    /// (the row is not qualified at all) rather than read as "no document", so that a file whose checker column
    /// was left out is noticed. Dates are `YYYY-MM-DD` or `JJ/MM/AAAA` (an ISO 8601 time may follow the
    /// `YYYY-MM-DD`); the check must not be later than `today`. The special case is `oui`/`non`, `yes`/`no`,
    /// `1`/`0` or empty (no).
    public func check(today: Date = Date()) throws(Problem) -> DocumentCheck? {
        if isEmpty { return nil }
        func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }
        let code = trimmed(type)
        guard !code.isEmpty else { throw Problem(column: .documentType, reason: "missing while other document columns are filled") }
        guard let documentType = IdentityDocumentType(code: code) else {
            throw Problem(column: .documentType, reason: "not a PAM FR ZFD-7 or FR Core code (CN, PA, CS, eCN, AN, LE, …)")
        }
        let who = trimmed(checkedBy)
        guard !who.isEmpty else { throw Problem(column: .documentCheckedBy, reason: "missing: who checked the document") }
        guard who.utf8.count <= 128, !who.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Problem(column: .documentCheckedBy, reason: "not a login (over 128 bytes or a control character)")
        }
        guard !trimmed(checkedAt).isEmpty else { throw Problem(column: .documentCheckedAt, reason: "missing: when the document was checked") }
        guard let when = DocumentCheck.day(trimmed(checkedAt)) else {
            throw Problem(column: .documentCheckedAt, reason: "not a date (YYYY-MM-DD or JJ/MM/AAAA)")
        }
        guard when <= DocumentCheck.day(of: today) else {
            throw Problem(column: .documentCheckedAt, reason: "in the future")
        }
        var expiry: String?
        if !trimmed(expires).isEmpty {
            guard let day = DocumentCheck.day(trimmed(expires)) else {
                throw Problem(column: .documentExpires, reason: "not a date (YYYY-MM-DD or JJ/MM/AAAA)")
            }
            expiry = day
        }
        let special: Bool
        switch trimmed(specialCase).lowercased() {
        case "", "non", "no", "n", "0", "false": special = false
        case "oui", "yes", "o", "y", "1", "true": special = true
        default: throw Problem(column: .documentSpecialCase, reason: "not oui/non")
        }
        return DocumentCheck(
            type: documentType, specialCaseAttested: special, expires: expiry, checkedBy: who, checkedAt: when)
    }
}

extension DocumentCheck {
    /// `YYYY-MM-DD` (optionally followed by `T…`) or `JJ/MM/AAAA`, a real calendar day, as `YYYY-MM-DD`.
    public static func day(_ text: String) -> String? {
        var candidate = text
        if text.count > 10, let t = text.firstIndex(of: "T"), text.distance(from: text.startIndex, to: t) == 10 {
            candidate = String(text[..<t])
        }
        let b = Array(candidate.utf8)
        guard b.count == 10 else { return nil }
        func digits(_ r: [Int]) -> Bool { r.allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 } }
        let iso: String
        if b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), digits([0, 1, 2, 3, 5, 6, 8, 9]) {
            iso = candidate
        } else if b[2] == UInt8(ascii: "/"), b[5] == UInt8(ascii: "/"), digits([0, 1, 3, 4, 6, 7, 8, 9]) {
            iso = "\(candidate.suffix(4))-\(candidate.dropFirst(3).prefix(2))-\(candidate.prefix(2))"
        } else {
            return nil
        }
        // A real calendar day (no formatter: rows are read concurrently).
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, parts[0] >= 1800, (1...12).contains(parts[1]) else { return nil }
        let leap = parts[0] % 4 == 0 && (parts[0] % 100 != 0 || parts[0] % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][parts[1] - 1]
        guard (1...days).contains(parts[2]) else { return nil }
        return iso
    }

    /// `date` as `YYYY-MM-DD` in UTC (the day a check is recorded).
    public static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
