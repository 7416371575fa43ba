/// What a command names, so that adapters can point at the place in their own format (an HL7 location,
/// a JSON path, a form field). Never carries a value.
public enum RIField: Sendable, Hashable, Codable {
    case birthName, firstNames, sex, birthDate, birthPlace, usedName, usedFirstName
    case ins
    /// The record's local identifiers (PID-3, `record.local_ids`).
    case localIDs
    case status, attributes
    /// The document evidence (ZFD-7/ZFD-8, `record.document`).
    case document
    /// The INSi evidence (PID-32 VALI with the INS, ZFD-5/6, `record.insi`).
    case insi
    /// The birth-date correction indicator (ZFD-4).
    case birthDateCorrected
    /// The identity a command targets (RI id or local identifiers).
    case identity
    /// A merge's survivor (PID-3 of an A40) and merged-away identity (MRG-1).
    case survivor, mergedAway
    /// The second identity of a link (second PID).
    case other
    /// The obsolete identifiers of an identifier change (MRG-1 of an A47).
    case priorIdentifiers
    /// A review item.
    case reviewItem
    /// The search query.
    case query
}

/// Why the référentiel refused a command: a typed code, the field at fault, a message that names fields,
/// RI ids and local identifiers, never an identity trait. A refused command changed nothing.
public struct RIError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// A value is malformed (a date, an INS key, a COG code not valid at the birth date…).
        case invalidValue = "invalid-value"
        /// A required value is missing.
        case missingValue = "required-field-missing"
        /// A code outside its table.
        case unknownCode = "unknown-code"
        /// The identity, identifier or review item is unknown.
        case notFound = "not-found"
        /// The identifiers belong to another identity, the pair is the same identity, or similar.
        case conflict
        /// An RNIV rule forbids it (QUAL without evidence, a transition the status machine refuses).
        case forbidden
        /// Two different INS, or traits that designate another patient: a potential collision for the cell.
        case collision
        /// A service the command needs (INSi) is not configured or not reachable.
        case unavailable
        /// The store failed; the command may be retried.
        case storage
    }

    public var code: Code
    public var field: RIField?
    public var message: String

    public init(_ code: Code, _ field: RIField?, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { message }
}
