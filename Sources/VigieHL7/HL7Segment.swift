/// One segment: its three-character ID and its fields.
///
/// Fields are addressed by their HL7 sequence number: `pid[3]` is PID-3. In MSH, field 1 is the field separator and
/// field 2 the encoding characters, as HL7 counts them; the encoder always writes the message's own delimiters there.
public struct HL7Segment: Sendable, Hashable {
    /// The segment ID (`MSH`, `PID`, `ZFD`).
    public var id: String
    /// The fields; `fields[0]` is field 1.
    public var fields: [HL7Field]

    /// Creates a segment.
    public init(_ id: String, fields: [HL7Field] = []) {
        self.id = id
        self.fields = fields
    }

    /// Field `sequence` (1-based); empty when the segment is shorter. Setting a field past the end pads with empty fields.
    public subscript(sequence: Int) -> HL7Field {
        get {
            guard sequence >= 1, sequence <= fields.count else { return .empty }
            return fields[sequence - 1]
        }
        set {
            precondition(sequence >= 1, "HL7 field sequence numbers start at 1")
            while fields.count < sequence { fields.append(.empty) }
            fields[sequence - 1] = newValue
        }
    }
}
