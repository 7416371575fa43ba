import VigieIdentity

/// What an IHE PAM France PID (with its ZFD) says about a patient, read into the RI's terms.
///
/// Rules (PAM FR 2.11.2 and its Annexe N; see the research brief §4):
/// - PID-3: local identifiers (IPP…) with their CX-4 authority; the INS is the repetition with an INS OID in
///   CX-4.2 and CX-5 `INS` (`""` in CX-1 deletes it, A47). A billing NIR (`NH`) is neither.
/// - PID-5: the `L` repetition gives the birth name (XPN-1) and the birth first names (XPN-3, the INS list;
///   XPN-2 when XPN-3 is empty); the `D` repetition gives the used name and used first name.
/// - PID-7: the birth date, possibly partial (`YYYY`, `YYYYMM`); ZFD-1 (date lunaire) replaces it when present.
/// - PID-8: sex. PID-11: the repetition typed `BDL` carries the birth place COG in XAD-9.
/// - PID-32 (table 0445): status and attributes; an INS is integrated only when PID-32 contains `VALI`
///   (PAM FR p.36), and never with a corrected birth date (ZFD-4 `Y`, §6.6.4).
/// - ZFD-4 corrected birth date, ZFD-7/ZFD-8 the identity document and its expiry.
///
/// Problems that make the identity unusable throw an `HL7ErrorReport` (AE) naming the field; problems the RI
/// can work around (an INS without VALI, an unknown 0445 code) become warnings and are acknowledged with the rest.
public struct PAMPatient: Sendable, Hashable {
    /// The identity as the RI will keep it.
    public var identity: Identity
    /// Local identifiers from PID-3, in message order (national identifiers excluded).
    public var localIdentifiers: [PAMIdentifier]
    /// PID-3 asked to delete the INS (`""` with an INS authority).
    public var deletesINS: Bool
    /// PID-3 held an INS, whether or not it was integrated.
    public var carriedINS: Bool
    /// PID-32 read against table 0445.
    public var reliability: PID32.Incoming
    /// Warnings to acknowledge (severity W).
    public var warnings: [HL7ErrorReport]

    /// Reads a PID (the `sequence`-th of its message) and the ZFD that goes with it.
    public init(pid: HL7Segment, sequence: Int = 1, zfd: HL7Segment? = nil) throws(HL7ErrorReport) {
        func at(_ field: Int, _ repetition: Int? = nil, _ component: Int? = nil) -> HL7ErrorLocation {
            HL7ErrorLocation(segmentID: "PID", segmentSequence: sequence, field: field, repetition: repetition, component: component)
        }
        var warnings: [HL7ErrorReport] = []

        // PID-3: local identifiers and the INS.
        var locals: [PAMIdentifier] = []
        var insCandidates: [(INS, Int)] = []
        var deletesINS = false
        for (index, repetition) in pid[3].repetitions.enumerated() where !repetition.isEmpty {
            let identifier = PAMIdentifier(repetition)
            try identifier.checkText(at: at(3, index + 1))
            if identifier.isINS {
                if identifier.isDeletion {
                    deletesINS = true
                    continue
                }
                let matricule: Matricule
                do { matricule = try Matricule(identifier.value) } catch {
                    throw HL7ErrorReport(
                        code: .dataTypeError, location: at(3, index + 1, 1), diagnostic: "INS matricule: \(error)")
                }
                guard let authority = INSAuthority(oid: identifier.universalID) else {
                    throw HL7ErrorReport(code: .tableValueNotFound, location: at(3, index + 1, 4), diagnostic: "unknown INS OID")
                }
                insCandidates.append((INS(matricule: matricule, authority: authority), index + 1))
            } else if identifier.isNational {
                continue  // billing NIR, INS-C: not keys of the RI
            } else {
                guard !identifier.value.isEmpty, identifier.value != HL7.null else {
                    throw HL7ErrorReport(code: .requiredFieldMissing, location: at(3, index + 1, 1), diagnostic: "identifier value missing")
                }
                guard !identifier.domain.isEmpty else {
                    throw HL7ErrorReport(
                        code: .requiredFieldMissing, location: at(3, index + 1, 4), diagnostic: "assigning authority missing")
                }
                locals.append(identifier)
            }
        }

        // PID-5: birth name and first names (L), used name (D).
        var birthName: String?
        var firstNames: [String] = []
        var usedName: String?
        var usedFirstName: String?
        var untyped: HL7Repetition?
        for (index, name) in pid[5].repetitions.enumerated() where !name.isEmpty {
            switch name[7] {
            case "L":
                guard birthName == nil else {
                    throw HL7ErrorReport(code: .dataTypeError, location: at(5, index + 1, 7), diagnostic: "more than one birth name (type L)")
                }
                birthName = Self.familyName(name)
                firstNames = Self.firstNames(name)
            case "D":
                let family = Self.familyName(name)
                usedName = family.isEmpty || family == HL7.null ? nil : family
                let first = name[2].trimmed
                usedFirstName = first.isEmpty || first == HL7.null ? nil : first
            case "":
                if untyped == nil { untyped = name }
            case "S", "U":
                continue  // pseudonym, unspecified: not identity traits
            default:
                warnings.append(HL7ErrorReport(
                    code: .tableValueNotFound, location: at(5, index + 1, 7), severity: .warning,
                    diagnostic: "name type not allowed by PAM FR (L, D, S, U); repetition ignored"))
            }
        }
        if birthName == nil, let untyped {
            // Tolerance for senders that omit XPN-7: one untyped name is read as the birth name, with a warning.
            birthName = Self.familyName(untyped)
            firstNames = Self.firstNames(untyped)
            warnings.append(HL7ErrorReport(
                code: .requiredFieldMissing, location: at(5, 1, 7), severity: .warning,
                diagnostic: "name type missing; read as the birth name (L)"))
        }
        guard let birthName, !birthName.isEmpty, birthName != HL7.null else {
            throw HL7ErrorReport(code: .requiredFieldMissing, location: at(5, nil, 1), diagnostic: "birth name (PID-5 type L) missing")
        }

        // PID-7, or ZFD-1 when the birth date is lunar: type NA `jour^mois^année` (PAM FR §6.18.1, e.g. `31^02^1950`).
        let birthDate: BirthDate
        if let zfd, !zfd[1].isEmpty {
            do { birthDate = try Self.lunarDate(zfd[1], warnings: &warnings) } catch {
                throw HL7ErrorReport(
                    code: .dataTypeError, location: HL7ErrorLocation(segmentID: "ZFD", field: 1),
                    diagnostic: "lunar birth date (NA jour^mois^année): \(error)")
            }
        } else {
            let text = pid[7].value
            guard !text.isEmpty else {
                throw HL7ErrorReport(code: .requiredFieldMissing, location: at(7), diagnostic: "birth date missing")
            }
            do { birthDate = try BirthDate(try Self.isoDate(text)) } catch {
                throw HL7ErrorReport(code: .dataTypeError, location: at(7), diagnostic: "\(error)")
            }
        }

        // PID-8 (table 0001; PAM FR 2.11 keeps F, M, U).
        let sexCode = pid[8].value
        if !["", "F", "M", "U", "O", "A", "N"].contains(sexCode) {
            warnings.append(HL7ErrorReport(
                code: .tableValueNotFound, location: at(8), severity: .warning, diagnostic: "sex code not in table 0001; read as unknown"))
        }

        // PID-11: the BDL repetition's XAD-9.
        var birthPlace: BirthPlace?
        for (index, address) in pid[11].repetitions.enumerated() where address[7] == "BDL" {
            let code = address[9]
            guard !code.isEmpty else { continue }
            do { birthPlace = try BirthPlace(code) } catch {
                throw HL7ErrorReport(code: .dataTypeError, location: at(11, index + 1, 9), diagnostic: "\(error)")
            }
            break
        }

        // ZFD: corrected birth date, identity document.
        let corrected = zfd?[4].value == "Y"
        var document: DocumentCheck?
        if let code = zfd?[7].value, !code.isEmpty {
            guard let type = IdentityDocumentType(code: code) else {
                throw HL7ErrorReport(
                    code: .tableValueNotFound, location: HL7ErrorLocation(segmentID: "ZFD", field: 7),
                    diagnostic: "unknown identity document type")
            }
            let expiry = zfd?[8].value ?? ""
            document = DocumentCheck(type: type, expires: expiry.isEmpty ? nil : (try? Self.isoDate(expiry)))
        }

        // PID-32 and the INS rule.
        let reliability = PID32.decode(pid[32].repetitions.map { $0[1] }, insInPID3: !insCandidates.isEmpty)
        for repetition in reliability.unknownRepetitions {
            warnings.append(HL7ErrorReport(
                code: .tableValueNotFound, location: at(32, repetition), severity: .warning,
                diagnostic: "code not in PAM FR table 0445; ignored"))
        }
        if reliability.incoherent {
            warnings.append(HL7ErrorReport(
                code: .tableValueNotFound, location: at(32), severity: .warning,
                diagnostic: "incoherent codes (DOUT with FICT or VALI); status set to PROV"))
        }
        var ins: INS?
        var history: [INS] = []
        if let (first, repetition) = insCandidates.first {
            if !reliability.acceptsINS {
                warnings.append(HL7ErrorReport(
                    code: .dataTypeError, location: at(3, repetition), severity: .warning,
                    diagnostic: "INS not integrated: PID-32 does not contain VALI"))
            } else if corrected {
                warnings.append(HL7ErrorReport(
                    code: .dataTypeError, location: at(3, repetition), severity: .warning,
                    diagnostic: "INS not integrated: the birth date was corrected (ZFD-4)"))
            } else {
                // An NIR supersedes an NIA sent with it (PAM FR §4.4.1); the other goes to the history.
                let ordered = insCandidates.map(\.0).sorted { !$0.authority.isNIA && $1.authority.isNIA }
                ins = ordered.first ?? first
                history = Array(ordered.dropFirst())
            }
        }
        var status = reliability.status
        if ins == nil, status == .qualified { status = .validated }
        if corrected, status == .qualified || status == .recovered { status = status == .qualified ? .validated : .provisional }

        let traits = StrictTraits(
            birthName: birthName, firstNames: firstNames, sex: Sex(code: sexCode), birthDate: birthDate,
            birthPlace: birthPlace)
        self.identity = Identity(
            traits: traits, usedName: usedName, usedFirstName: usedFirstName, ins: ins, insHistory: history,
            status: status, attributes: reliability.attributes, birthDateCorrected: corrected,
            hasHighTrustDocument: document, insiRetrieved: ins != nil,
            identityMode: zfd.flatMap { $0[5].value.isEmpty ? nil : $0[5].value },
            insiQueryDate: zfd.flatMap { $0[6].value.isEmpty ? nil : (try? Self.isoDate($0[6].value)) })
        self.localIdentifiers = locals
        self.deletesINS = deletesINS
        self.carriedINS = !insCandidates.isEmpty
        self.reliability = reliability
        self.warnings = warnings
    }

    /// ZFD-1 as PAM FR 2.11 §6.18.1 writes it: NA `jour^mois^année` (2-digit day, 2-digit month that may exceed
    /// 12, 4-digit year). A single `YYYYMMDD` value (how earlier senders wrote it) is read too, with a warning.
    static func lunarDate(_ field: HL7Field, warnings: inout [HL7ErrorReport]) throws -> BirthDate {
        let day = field[1], month = field[2], year = field[3]
        if month.isEmpty && year.isEmpty {
            warnings.append(HL7ErrorReport(
                code: .dataTypeError, location: HL7ErrorLocation(segmentID: "ZFD", field: 1), severity: .warning,
                diagnostic: "ZFD-1 is type NA (jour^mois^année); a single date value was read as YYYYMMDD"))
            return try BirthDate(lunar: try isoDate(day))
        }
        guard day.count == 2, month.count == 2, year.count == 4, (day + month + year).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw LunarDateError()
        }
        return try BirthDate(lunar: "\(year)-\(month)-\(day)")
    }

    /// XPN-1 (FN.1, the surname), trimmed.
    private static func familyName(_ name: HL7Repetition) -> String {
        name.component(1)[1].trimmed
    }

    /// XPN-3 (PAM FR: the full list of birth first names) when given, else XPN-2. An XPN-3 that does not start
    /// with XPN-2 is read the HL7 way (further given names) and follows XPN-2.
    private static func firstNames(_ name: HL7Repetition) -> [String] {
        let first = name[2].trimmed
        let list = name[3].split(separator: " ").map(String.init)
        if list.isEmpty { return first.isEmpty ? [] : [first] }
        if first.isEmpty || list.first == first { return list }
        return [first] + list
    }

    /// HL7 DTM (`YYYY[MM[DD[HHMM[SS]]]][+ZZZZ]`) to `YYYY-MM-DD` with `00` for what is not given (the form
    /// `BirthDate` reads).
    public static func isoDate(_ text: String) throws(BirthDateError) -> String {
        // Byte by byte into the 10 bytes of the result: the arrays, `String` slicing and interpolation this
        // replaces cost ≈ 2 000 instructions, and a PDQ query reads its date twice.
        var digits = 0
        var next: UInt8?
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                next = byte
                break
            }
            digits += 1
        }
        switch digits {
        case 4, 6, 8, 10, 12, 14: break
        case 15...: break
        default: throw .length(found: digits)
        }
        if let next, next != UInt8(ascii: "+"), next != UInt8(ascii: "-"), next != UInt8(ascii: ".") {
            throw .character(position: digits + 1)
        }
        // `YYYY-MM-DD`, `00` for a month or day not given.
        return String(unsafeUninitializedCapacity: 10) { out in
            for i in 0..<10 { out[i] = UInt8(ascii: "0") }
            out[4] = UInt8(ascii: "-")
            out[7] = UInt8(ascii: "-")
            let kept = digits >= 8 ? 8 : digits
            var index = 0
            for byte in text.utf8 where index < kept {
                out[index < 4 ? index : index < 6 ? index + 1 : index + 2] = byte
                index += 1
            }
            return 10
        }
    }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}

/// A ZFD-1 that is not `jour^mois^année`.
struct LunarDateError: Error, CustomStringConvertible {
    var description: String { "expected a 2-digit day, a 2-digit month and a 4-digit year" }
}
