/// Writes segments as ER7 bytes with a message's delimiters, escaping every value.
struct ER7Encoder {
    let delimiters: HL7Delimiters
    var output: [UInt8] = []

    init(delimiters: HL7Delimiters) {
        self.delimiters = delimiters
        output.reserveCapacity(512)
    }

    /// Continues `output` (moved in by the caller, so that appending does not copy it).
    init(delimiters: HL7Delimiters, output: [UInt8]) {
        self.delimiters = delimiters
        self.output = output
    }

    mutating func append(_ segment: HL7Segment) {
        output.append(contentsOf: segment.id.utf8)
        var fields = segment.fields[...]
        if segment.id == "MSH" {
            // MSH-1 and MSH-2 are the delimiters themselves, written raw.
            output.append(delimiters.field)
            output.append(contentsOf: [delimiters.component, delimiters.repetition, delimiters.escape, delimiters.subcomponent])
            fields = fields.dropFirst(2)
        }
        for field in fields {
            output.append(delimiters.field)
            append(field)
        }
    }

    private mutating func append(_ field: HL7Field) {
        Self.encode(field, delimiters: delimiters, into: &output)
    }

    /// One field (repetitions, components, subcomponents, every value escaped) appended to `output`; the one place
    /// both the segment path and ``ER7Writer`` write a whole field.
    static func encode(_ field: HL7Field, delimiters: HL7Delimiters, into output: inout [UInt8]) {
        field.storage.forEach { r, repetition in
            if r > 0 { output.append(delimiters.repetition) }
            repetition.storage.forEach { c, component in
                if c > 0 { output.append(delimiters.component) }
                component.storage.forEach { s, subcomponent in
                    if s > 0 { output.append(delimiters.subcomponent) }
                    HL7Escaping.escape(subcomponent, delimiters: delimiters, into: &output)
                }
            }
        }
    }
}
