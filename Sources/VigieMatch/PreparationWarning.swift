import VigieIdentity

/// How ``PreparedRecord`` treats a field that is present but malformed.
public enum PreparationLeniency: Sendable, Hashable {
    /// The record is refused (``RecordError``): what the worker and INSi need (an HL7 message with a bad INS
    /// key gets AE; nothing is stored).
    case strict
    /// The field is read in a lenient form when one is sound, else treated as missing, and the record is
    /// matched on its other traits; each such field gives a ``PreparationWarning``. Only a record with no
    /// name and no first name left is refused. For batch deduplication, where a refused record is a duplicate
    /// never found.
    case lenient
}

/// A field of a record read leniently: degraded to missing, or read in a repaired form.
/// Names the line, the record id and the field, never the value.
public struct PreparationWarning: Sendable, Hashable, CustomStringConvertible {
    /// The batch-contract column concerned (never `id`).
    public typealias Field = BatchColumn

    /// What was done with the field.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The field could not be read: it is missing for matching (it neither supports nor contradicts a match).
        case dropped
        /// Digits in a name were read as their look-alike letters (`0`→O…). The name then agrees at most
        /// phonetically or by similarity, never exactly: guessed letters are weaker evidence than typed ones.
        case digitsReadAsLetters = "digits-read-as-letters"
        /// Characters that cannot be in a name (symbols, controls) were replaced by spaces.
        case charactersRemoved = "characters-removed"
        /// A birth date in another layout (`DD/MM/YYYY`, `YYYYMMDD`, with a time…) was read.
        case dateReformatted = "date-reformatted"
        /// A birth-place code was read after removing spreadsheet damage (the leading zero, spaces, `.0`).
        case placeRepaired = "place-repaired"
        /// A matricule written in groups was read (its key checks).
        case insSeparatorsRemoved = "ins-separators-removed"
        /// A valid matricule whose birth year (digits 2–3) is not the record's birth year, by more than one
        /// digit: a relative's matricule (a child registered with a parent's carte Vitale). Treated as missing.
        case insIncoherent = "ins-incoherent"
        /// A sex code such as `1`/`2` or `H` was mapped to `M` or `F`.
        case sexMapped = "sex-mapped"
        /// A sex code that means nothing known: read as unknown.
        case sexUnrecognised = "sex-unrecognised"
    }

    /// The record's id (safe to log).
    public var id: String
    /// 1-based line in the file, 0 when unknown.
    public var line: Int
    /// The field concerned.
    public var field: Field
    /// What was done.
    public var kind: Kind
    /// Why the strict reading failed (positions and lengths, never the value); empty when not useful.
    public var reason: String

    /// Creates a warning.
    public init(id: String, line: Int, field: Field, kind: Kind, reason: String = "") {
        self.id = id
        self.line = line
        self.field = field
        self.kind = kind
        self.reason = reason
    }

    public var description: String {
        let at = line > 0 ? "line \(line) (record \(id))" : "record \(id)"
        let what: String
        switch kind {
        case .dropped: what = "not readable, treated as missing"
        case .digitsReadAsLetters: what = "digits read as letters, compared by sound and similarity only"
        case .charactersRemoved: what = "characters that cannot be in a name removed"
        case .dateReformatted: what = "read from another date layout"
        case .placeRepaired: what = "code repaired (spaces, decimal tail or the leading zero)"
        case .insSeparatorsRemoved: what = "separators removed, key checked"
        case .insIncoherent: what = "its birth year is not the record's (a relative's matricule?), treated as missing"
        case .sexMapped: what = "code mapped to M or F"
        case .sexUnrecognised: what = "unknown code, read as unknown"
        }
        return "\(at): field '\(field.rawValue)': \(what)" + (reason.isEmpty ? "" : " (\(reason))")
    }
}

/// A batch prepared with ``PreparedRecord/prepare(_:threads:leniency:)``.
public struct PreparedBatch: Sendable {
    /// The records that can be matched, in input order.
    public var records: [PreparedRecord]
    /// The records refused (field and line), in input order.
    public var errors: [RecordError]
    /// The fields read leniently, in input order.
    public var warnings: [PreparationWarning]

    /// Number of records with at least one warning.
    public var degradedRecords: Int {
        var n = 0
        var last: (String, Int)?
        for w in warnings where last.map({ $0 != (w.id, w.line) }) ?? true {
            n += 1
            last = (w.id, w.line)
        }
        return n
    }

    /// Warnings counted by field and kind, most frequent first (for reports).
    public var warningCounts: [(field: PreparationWarning.Field, kind: PreparationWarning.Kind, count: Int)] {
        var counts: [PreparationWarning.Field: [PreparationWarning.Kind: Int]] = [:]
        for w in warnings { counts[w.field, default: [:]][w.kind, default: 0] += 1 }
        var out: [(field: PreparationWarning.Field, kind: PreparationWarning.Kind, count: Int)] = []
        for f in PreparationWarning.Field.allCases {
            for k in PreparationWarning.Kind.allCases {
                if let n = counts[f]?[k] { out.append((f, k, n)) }
            }
        }
        return out.sorted { $0.count > $1.count }
    }
}
