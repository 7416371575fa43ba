import VigieSupport

/// An identifier of the patient in a source system (an IPP): HL7 PID-3 CX-1 in the domain CX-4.
///
/// Unique per domain: one (domain, value) pair belongs to one identity for ever. After a merge, the merged-away
/// identity's local identifiers still resolve to the survivor. The value is a record number, safe to log.
public struct LocalIdentifier: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The identifier (CX-1).
    public var value: String
    /// The assigning authority (CX-4). Callers pick one canonical spelling per authority, e.g. the universal
    /// id (CX-4.2, a FINESS or OID) when present, else the namespace (CX-4.1): the store compares exactly.
    public var domain: String

    /// Creates a local identifier.
    public init(value: String, domain: String) {
        self.value = value
        self.domain = domain
    }

    /// The longest value or domain the store accepts, in UTF-8 bytes.
    public static let maximumLength = 256

    /// `value^^^domain`, as in a CX.
    public var description: String { "\(value)^^^\(domain)" }

    public static func < (a: LocalIdentifier, b: LocalIdentifier) -> Bool {
        (a.domain, a.value) < (b.domain, b.value)
    }

    /// The most local identifiers one identity holds at once (one per establishment of a GHT, with room to
    /// spare): a message binding thousands of IPPs to one patient is refused before any of them is written.
    public static let maximumPerIdentity = 100

    /// Checks what the store requires, before a write and before a lookup alike (a lookup of `777\0x` must not
    /// reach SQLite). The text rules are `IdentifierText`'s, shared with every other entry point.
    /// The INS and the billing NIR are not local identifiers: they live in `Identity.ins`, with their status;
    /// refusing their OIDs here keeps them out of the identifier table.
    public func validate() throws(StoreError) {
        for (field, text) in [("value", value), ("domain", domain)] {
            if let problem = IdentifierText.problem(text, maximumLength: Self.maximumLength) {
                throw .invalidLocalIdentifier(field: field, reason: problem.description)
            }
        }
        if domain.contains("1.2.250.1.213.1.4.") || domain.uppercased().hasPrefix("ASIP-SANTE-") {
            throw .invalidLocalIdentifier(field: "domain", reason: "is an INS or NIR authority: the INS belongs in Identity.ins")
        }
    }
}
