import VigieIdentity

/// A patient demographics query (IHE PDQ ITI-21, `QBP^Q22`): the QPD-3 parameters, as text.
///
/// QPD-3 repeats `@<field path>^<value>` (HL7 QIP), e.g. `@PID.5.1.1^DUPONT~@PID.7.1^19790328`. Paths are read
/// for the fields an identity search needs: birth name `@PID.5.1(.1)`, first name `@PID.5.2`, birth date
/// `@PID.7(.1)`, sex `@PID.8`, birth place `@PID.11.9` (COG), identifier `@PID.3.1` with its authority
/// `@PID.3.4(.1|.2)`. Other paths are reported as unsupported rather than silently ignored.
public struct PDQQuery: Sendable, Hashable {
    /// QPD-2, echoed in QAK-1.
    public var queryTag: String
    /// Birth name (PID-5.1 family name).
    public var birthName: String = ""
    /// First name(s) (PID-5.2).
    public var firstNames: String = ""
    /// Birth date, HL7 `YYYYMMDD` (or shorter, partial).
    public var birthDate: String = ""
    /// PID-8.
    public var sex: String = ""
    /// Birth place COG (PID-11.9).
    public var birthPlace: String = ""
    /// The identifier searched for (PID-3.1), with its authority when given.
    public var identifier: PAMIdentifier?
    /// RCP-2.1, the most candidates to return; nil when not given.
    public var limit: Int?

    /// Creates an empty query.
    public init(queryTag: String) {
        self.queryTag = queryTag
    }

    /// True when no search parameter was given.
    public var isEmpty: Bool {
        birthName.isEmpty && firstNames.isEmpty && birthDate.isEmpty && sex.isEmpty && birthPlace.isEmpty
            && identifier == nil
    }

    /// Reads the query from a `QBP^Q22` message.
    public init(_ message: HL7Message) throws(HL7ErrorReport) {
        guard let qpd = message.first("QPD") else {
            throw HL7ErrorReport(
                code: .segmentSequenceError, location: HL7ErrorLocation(segmentID: "QPD"), diagnostic: "QPD segment missing")
        }
        self.init(queryTag: qpd[2].value)
        var idValue = "", idNamespace = "", idUniversal = ""
        for (index, parameter) in qpd[3].repetitions.enumerated() where !parameter.isEmpty {
            let location = HL7ErrorLocation(segmentID: "QPD", field: 3, repetition: index + 1, component: 1)
            let written = parameter[1]
            let value = parameter[2]
            // A `String`, not a `Substring`: against the cases below, two small strings compare as two words,
            // where a `Substring` is compared through the generic path (≈ 1 600 instructions for a four-parameter query).
            let path = written.utf8.first == UInt8(ascii: "@") ? String(written.dropFirst()) : written
            guard !value.isEmpty else {
                var valueLocation = location
                valueLocation.component = 2
                throw HL7ErrorReport(code: .requiredFieldMissing, location: valueLocation, diagnostic: "query parameter without a value")
            }
            switch path {
            case "PID.5.1", "PID.5.1.1", "PID.5": birthName = value
            case "PID.5.2": firstNames = value
            case "PID.7", "PID.7.1":
                // The same validation as PID-7 of an A28 (a DTM, never a lunar date): `19791332` is refused.
                do { _ = try BirthDate(PAMPatient.isoDate(value)) } catch {
                    var valueLocation = location
                    valueLocation.component = 2
                    throw HL7ErrorReport(code: .dataTypeError, location: valueLocation, diagnostic: "@PID.7: \(error)")
                }
                birthDate = value
            case "PID.8": sex = value
            case "PID.11.9": birthPlace = value
            case "PID.3.1", "PID.3": idValue = value
            case "PID.3.4", "PID.3.4.1": idNamespace = value
            case "PID.3.4.2": idUniversal = value
            default:
                throw HL7ErrorReport(
                    code: .tableValueNotFound, location: location,
                    diagnostic: "unsupported query parameter \(path.prefix(20))")
            }
        }
        if !idValue.isEmpty {
            let searched = PAMIdentifier(value: idValue, namespace: idNamespace, universalID: idUniversal)
            try searched.checkText(at: HL7ErrorLocation(segmentID: "QPD", field: 3))
            identifier = searched
        } else if !idNamespace.isEmpty || !idUniversal.isEmpty {
            throw HL7ErrorReport(
                code: .requiredFieldMissing, location: HL7ErrorLocation(segmentID: "QPD", field: 3),
                diagnostic: "identifier authority given without @PID.3.1")
        }
        if let rcp = message.first("RCP"), !rcp[2].isEmpty {
            guard let limit = Int(rcp[2][1]), limit > 0 else {
                throw HL7ErrorReport(
                    code: .dataTypeError, location: HL7ErrorLocation(segmentID: "RCP", field: 2, component: 1),
                    diagnostic: "quantity limit must be a positive number")
            }
            self.limit = limit
        }
        if isEmpty {
            throw HL7ErrorReport(
                code: .requiredFieldMissing, location: HL7ErrorLocation(segmentID: "QPD", field: 3),
                diagnostic: "no query parameter")
        }
    }
}
