/// Where an error is in a message: the ERL data type of ERR-2 (HL7 v2.5 §2.15.5.2).
///
/// Positions are 1-based like everything in HL7: `segmentSequence` counts occurrences of the same segment ID
/// (the second `PID` is sequence 2), `field` is the field's sequence number (PID-3 is field 3, MSH-9 is field 9),
/// and `repetition`, `component` and `subcomponent` narrow it down when known.
public struct HL7ErrorLocation: Sendable, Hashable, CustomStringConvertible {
    /// ERL-1, the segment ID (`PID`); empty when the segment could not be identified.
    public var segmentID: String
    /// ERL-2, the occurrence of that segment in the message, from 1.
    public var segmentSequence: Int
    /// ERL-3, the field's sequence number, when the error is inside a field.
    public var field: Int?
    /// ERL-4, the field repetition, from 1.
    public var repetition: Int?
    /// ERL-5, the component, from 1.
    public var component: Int?
    /// ERL-6, the subcomponent, from 1.
    public var subcomponent: Int?

    /// Creates a location.
    public init(
        segmentID: String, segmentSequence: Int = 1, field: Int? = nil, repetition: Int? = nil,
        component: Int? = nil, subcomponent: Int? = nil
    ) {
        self.segmentID = segmentID
        self.segmentSequence = segmentSequence
        self.field = field
        self.repetition = repetition
        self.component = component
        self.subcomponent = subcomponent
    }

    /// The location in HL7's usual notation, e.g. `PID[1]-3(2).4.2`.
    public var description: String {
        var text = segmentID.isEmpty ? "segment" : segmentID
        if segmentSequence != 1 { text += "[\(segmentSequence)]" }
        if let field { text += "-\(field)" }
        if let repetition, repetition != 1 { text += "(\(repetition))" }
        if let component { text += ".\(component)" }
        if let subcomponent { text += ".\(subcomponent)" }
        return text
    }

    /// The location as an ERR-2 field value.
    public var erl: HL7Field {
        HL7Field(components: [
            segmentID, String(segmentSequence), field.map(String.init) ?? "", repetition.map(String.init) ?? "",
            component.map(String.init) ?? "", subcomponent.map(String.init) ?? "",
        ])
    }
}
