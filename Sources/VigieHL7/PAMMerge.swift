/// The MRG segment of A40 (merge) and A47 (identifier change): the prior identifiers, MRG-1 (CX, repeating).
public struct PAMMerge: Sendable, Hashable {
    /// MRG-1 repetitions that are local identifiers (the merged-away IPP for A40, the obsolete one for A47).
    public var localIdentifiers: [PAMIdentifier]
    /// MRG-1 repetitions that are INS (the obsolete INS of an A47).
    public var insIdentifiers: [PAMIdentifier]

    /// Reads the `sequence`-th MRG of a message.
    public init(mrg: HL7Segment, sequence: Int = 1) throws(HL7ErrorReport) {
        var locals: [PAMIdentifier] = []
        var ins: [PAMIdentifier] = []
        for (index, repetition) in mrg[1].repetitions.enumerated() where !repetition.isEmpty {
            let identifier = PAMIdentifier(repetition)
            try identifier.checkText(
                at: HL7ErrorLocation(segmentID: "MRG", segmentSequence: sequence, field: 1, repetition: index + 1))
            if identifier.isINS {
                ins.append(identifier)
            } else if !identifier.isNational {
                guard !identifier.value.isEmpty, !identifier.domain.isEmpty else {
                    throw HL7ErrorReport(
                        code: .requiredFieldMissing,
                        location: HL7ErrorLocation(
                            segmentID: "MRG", segmentSequence: sequence, field: 1, repetition: index + 1,
                            component: identifier.value.isEmpty ? 1 : 4),
                        diagnostic: identifier.value.isEmpty ? "prior identifier value missing" : "assigning authority missing")
                }
                locals.append(identifier)
            }
        }
        guard !locals.isEmpty || !ins.isEmpty else {
            throw HL7ErrorReport(
                code: .requiredFieldMissing, location: HL7ErrorLocation(segmentID: "MRG", segmentSequence: sequence, field: 1),
                diagnostic: "prior patient identifier list (MRG-1) missing")
        }
        self.localIdentifiers = locals
        self.insIdentifiers = ins
    }
}
