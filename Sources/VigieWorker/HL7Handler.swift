import Foundation
import VigieHL7
import VigieIdentity
import VigieMatch
import VigieRI
import VigieStore

/// HL7 v2.5 lines: PAM FR ADT events and PDQ queries, answered with ACK (MSA, ERR, ZVG) or RSP^K22.
extension Worker {
    /// ADT events that carry a patient's identity in their PID but are about an encounter: the identity is
    /// taken as an update, the rest is acknowledged (ITI-31; A08 is excluded by PAM FR and refused).
    static let encounterEvents: Set<String> = [
        "A01", "A02", "A03", "A04", "A05", "A06", "A07", "A09", "A10", "A11", "A12", "A13", "A14", "A15",
        "A16", "A21", "A22", "A25", "A26", "A27", "A32", "A33", "A38", "A52", "A53", "A54", "A55", "Z99",
    ]

    /// Decodes an HL7 line: a write message becomes a pending write; anything else is answered in its turn.
    func hl7Step(_ bytes: [UInt8]) -> WorkerStep {
        let message: HL7Message
        do {
            message = try HL7Message(parsing: bytes)
        } catch {
            return .answer {
                let report = HL7ErrorReport(error)
                let header = Self.lenientHeader(bytes)
                let inHeader = report.location == nil || report.location?.segmentID == "MSH"
                self.log(.notice, "rejected", kind: "hl7", controlID: header?[10].value, code: inHeader ? "AR" : "AE", detail: report.description)
                return self.answer(HL7Acknowledgement.ack(
                    for: header, code: inHeader ? .reject : .error, errors: [report], envelope: self.envelope()))
            }
        }
        let header = message.header
        if let report = Self.checkHeader(header) {
            return .answer {
                let code = report.code.isRejection || report.location?.segmentID == "MSH" ? HL7Acknowledgement.Code.reject : .error
                self.log(.notice, "rejected", kind: "hl7", controlID: message.controlID, code: code.rawValue, detail: report.description)
                return self.answer(HL7Acknowledgement.ack(for: header, code: code, errors: [report], envelope: self.envelope()))
            }
        }
        let type = message.messageType
        var event = message.triggerEvent
        if event.isEmpty, let evn = message.first("EVN") { event = evn[1].value }
        // PDQ first: a query journals nothing, so it needs no reason string.
        if type == "QBP", event == "Q22" { return .answer { self.query(message) } }
        let reason = "\(type)^\(event)"
        switch (type, event) {
        case ("ADT", "A28"), ("ADT", "A31"):
            return .write(write(message, reason: reason, Self.upsert))
        case ("ADT", let event) where Self.encounterEvents.contains(event):
            return .write(write(message, reason: reason, Self.upsert))
        case ("ADT", "A40"):
            return .write(write(message, reason: reason, Self.merge))
        case ("ADT", "A47"):
            return .write(write(message, reason: reason, Self.changeIdentifiers))
        case ("ADT", "A24"), ("ADT", "A37"):
            return .write(write(message, reason: reason) { session, message in try Self.link(&session, message, unlink: event == "A37") })
        case ("ADT", "A08"):
            // PAM FR 2.11 p.14: A08 is not used in France (A31 updates the identity, Z99 the encounter). Refused
            // rather than taken as an update, so that the sender's mapping error is seen (docs/ri.md).
            return .answer {
                let report = HL7ErrorReport(
                    code: .unsupportedEventCode, location: HL7ErrorLocation(segmentID: "MSH", field: 9, component: 2),
                    diagnostic: "A08 is excluded by IHE PAM France (use A31 for an identity update)")
                self.log(.notice, "rejected", kind: "hl7", controlID: message.controlID, code: "AR", detail: report.description)
                return self.answer(HL7Acknowledgement.ack(for: header, code: .reject, errors: [report], envelope: self.envelope()))
            }
        case ("ADT", _), ("QBP", _):
            return .answer {
                let report = HL7ErrorReport(
                    code: .unsupportedEventCode, location: HL7ErrorLocation(segmentID: "MSH", field: 9, component: 2),
                    diagnostic: "unsupported event \(event.prefix(8)) for \(type)")
                self.log(.notice, "rejected", kind: "hl7", controlID: message.controlID, code: "AR", detail: report.description)
                return self.answer(HL7Acknowledgement.ack(for: header, code: .reject, errors: [report], envelope: self.envelope()))
            }
        default:
            return .answer {
                let report = HL7ErrorReport(
                    code: .unsupportedMessageType, location: HL7ErrorLocation(segmentID: "MSH", field: 9, component: 1),
                    diagnostic: "unsupported message type \(type.prefix(8))")
                self.log(.notice, "rejected", kind: "hl7", controlID: message.controlID, code: "AR", detail: report.description)
                return self.answer(HL7Acknowledgement.ack(for: header, code: .reject, errors: [report], envelope: self.envelope()))
            }
        }
    }

    /// MSH checks every message must pass before its content is looked at.
    static func checkHeader(_ msh: HL7Segment) -> HL7ErrorReport? {
        func missing(_ field: Int, _ component: Int? = nil, _ what: String) -> HL7ErrorReport {
            HL7ErrorReport(code: .requiredFieldMissing, location: HL7ErrorLocation(segmentID: "MSH", field: field, component: component), diagnostic: "\(what) missing")
        }
        if msh[9][1].isEmpty { return missing(9, 1, "message type") }
        if msh[10].value.isEmpty { return missing(10, nil, "message control id") }
        let version = msh[12][1]
        if version.isEmpty { return missing(12, 1, "version id") }
        guard version.hasPrefix("2.") else {
            return HL7ErrorReport(code: .unsupportedVersionID, location: HL7ErrorLocation(segmentID: "MSH", field: 12, component: 1),
                                  diagnostic: "unsupported version \(version.prefix(8)) (HL7 v2 expected)")
        }
        let processing = msh[11][1]
        // A switch, not an array literal's `contains`: no array built per message.
        switch processing {
        case "", "P", "D", "T": break
        default:
            return HL7ErrorReport(code: .unsupportedProcessingID, location: HL7ErrorLocation(segmentID: "MSH", field: 11, component: 1),
                                  diagnostic: "unsupported processing id \(processing.prefix(3))")
        }
        return nil
    }

    /// The request's MSH when the message as a whole could not be read, to address the answer.
    static func lenientHeader(_ bytes: [UInt8]) -> HL7Segment? {
        let end = bytes.firstIndex { $0 == 0x0D || $0 == 0x0A } ?? bytes.count
        return (try? HL7Message(parsing: bytes[..<end]))?.first("MSH")
    }

    // MARK: Writes

    /// A write message for the batch's group commit, idempotent by sender, control id and content. The actor is
    /// the operator of EVN-5 when given, with the sending application (MSH-3/MSH-4) beside it.
    func write(
        _ message: HL7Message, reason: String, _ body: @escaping (inout RISession, HL7Message) throws -> (RIOutcome, [HL7ErrorReport])
    ) -> PendingWrite {
        let header = message.header
        let effects = WriteEffects()
        let sender = [header[3][1], header[4][1]].filter { !$0.isEmpty }.joined(separator: "@")
        let operatorID = message.first("EVN")?[5][1] ?? ""
        let actor = RIActor(user: operatorID, application: sender.isEmpty ? "hl7" : sender)
        let write = RIWrite<String>(
            key: MessageKey(id: Self.idempotencyKey(message)), actor: actor, reason: actor.reason(reason), messageID: message.controlID
        ) { session in
            let (done, warnings) = try body(&session, message)
            effects.summary = done
            return self.answer(HL7Acknowledgement.ack(
                for: header, code: .accept, errors: warnings + done.notices.map(Self.report), trailing: [Self.zvg(done)],
                envelope: self.envelope()))
        }
        return PendingWrite(
            write: write, effects: effects,
            completed: { outcome in
                let result = outcome.isReplay ? nil : effects.summary
                self.log(.info, outcome.isReplay ? "replayed" : "processed", kind: reason, controlID: message.controlID, code: "AA",
                         identity: result?.identityID,
                         detail: result.map { "\($0.action.rawValue) decision=\($0.decision.rawValue) candidates=\($0.candidates.count)" })
                return outcome.answer
            },
            failed: { error in
                let failure = Self.requestError(error, default: HL7ErrorLocation(segmentID: "PID", field: 3), locate: Self.hl7Place)
                // A store failure (commit, I/O, full disk) is AR 207: the sender retries; a content error is AE.
                let retryable = (error as? StoreError)?.isRetryable == true || (error as? RIError)?.code == .storage
                let code = retryable ? .reject : HL7Acknowledgement.code(for: [failure.report])
                self.log(failure.report.code == .applicationInternalError ? .error : .notice, "refused", kind: reason,
                         controlID: message.controlID, code: code.rawValue, detail: failure.report.description)
                return self.answer(HL7Acknowledgement.ack(for: header, code: code, errors: [failure.report], envelope: self.envelope()))
            })
    }

    /// Where a référentiel field sits in a PAM FR message.
    static func hl7Place(_ field: RIField) -> (HL7ErrorLocation?, String?) {
        func pid(_ f: Int, _ c: Int? = nil) -> HL7ErrorLocation { HL7ErrorLocation(segmentID: "PID", field: f, component: c) }
        let location: HL7ErrorLocation = switch field {
        case .birthName, .usedName: pid(5, 1)
        case .firstNames: pid(5, 3)
        case .usedFirstName: pid(5, 2)
        case .sex: pid(8)
        case .birthDate: pid(7)
        case .birthPlace: pid(11, 9)
        case .ins, .localIDs, .identity, .survivor: pid(3)
        case .status, .attributes, .insi: pid(32)
        case .document: HL7ErrorLocation(segmentID: "ZFD", field: 7)
        case .birthDateCorrected: HL7ErrorLocation(segmentID: "ZFD", field: 4)
        case .mergedAway, .priorIdentifiers: HL7ErrorLocation(segmentID: "MRG", field: 1)
        case .other: HL7ErrorLocation(segmentID: "PID", segmentSequence: 2, field: 3)
        case .reviewItem, .query: HL7ErrorLocation(segmentID: "QPD", field: 3)
        }
        return (location, nil)
    }

    /// A notice of the référentiel as an ERR of severity W on its field.
    static func report(_ notice: RINotice) -> HL7ErrorReport {
        let code: HL7ErrorCode = switch notice.kind {
        case .notIntegrated, .statusNotGranted: .dataTypeError
        case .demoted, .insWithheld, .mergedAwayHigherStatus, .mergedAwayOnlyINS: .accepted
        }
        return HL7ErrorReport(
            code: code, location: notice.field.flatMap { hl7Place($0).0 }, severity: .warning,
            diagnostic: "\(notice.kind.rawValue): \(notice.message)")
    }

    /// ZVG: the RI's result in an acknowledgement.
    ///
    /// ZVG-1 identity id, ZVG-2 RNIV status (PROV/RECUP/VALI/QUAL), ZVG-3 action, ZVG-4 matching decision,
    /// ZVG-5 (repeating) candidates `id^score^decision^kind^review item`.
    static func zvg(_ outcome: RIOutcome) -> HL7Segment {
        var zvg = HL7Segment("ZVG")
        zvg[1] = HL7Field(outcome.identityID)
        zvg[2] = HL7Field(outcome.status.rawValue)
        zvg[3] = HL7Field(outcome.action.rawValue)
        zvg[4] = HL7Field(outcome.decision.rawValue)
        zvg[5] = HL7Field(repetitions: outcome.candidates.map { candidate in
            HL7Repetition([
                candidate.identityID, RICandidate.format(candidate.score), candidate.decision.rawValue, candidate.kind.rawValue,
                candidate.reviewItem.map { String($0) } ?? "",
            ])
        })
        return zvg
    }

    /// `MSH-3|MSH-4|MSH-10|fingerprint`: unique per sender (MSH-10 is unique per sending application only),
    /// and per content, MSH-7 excluded so that a re-send with a new timestamp is still recognised.
    static func idempotencyKey(_ message: HL7Message) -> String {
        var copy = message
        copy.segments[0][7] = .empty
        let header = message.header
        return ["hl7", header[3][1], header[4][1], message.controlID,
                MessageFingerprint.hex(MessageFingerprint.fnv1a(copy.encodedBytes()))].joined(separator: "|")
    }

    /// The PID (and ZFD) as a référentiel record, with the decoding warnings to acknowledge.
    ///
    /// PAM FR: the INS is integrated only under PID-32 `VALI` (the sender qualified it, PAM FR p.36), and
    /// `VALI` is the sender's word for the high-trust document check (ZFD-7 names the document when given).
    /// What cannot be integrated is dropped with a warning, never an AE for the whole message.
    static func record(_ message: HL7Message) throws(RequestError) -> (RIRecord, [HL7ErrorReport]) {
        guard let pid = message.first("PID") else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "PID"), "PID segment missing")
        }
        let patient: PAMPatient
        do { patient = try PAMPatient(pid: pid, zfd: message.first("ZFD")) } catch { throw RequestError(error) }
        let header = message.header
        let sender = [header[3][1], header[4][1]].filter { !$0.isEmpty }.joined(separator: "@")
        var evidence = RIEvidence()
        let application = sender.isEmpty ? "hl7" : sender
        if patient.identity.status.hasHighTrustDocument {
            // PID-32 VALI: the sender validated the identity (ZFD-7 names the document when given).
            if let document = patient.identity.hasHighTrustDocument { evidence.document = document } else {
                evidence.documentAttestedBy = application
            }
        } else {
            // No VALI: the sender no longer vouches for a document check (its own attestation is withdrawn).
            evidence.withdrawsSenderDocument = true
        }
        if patient.reliability.acceptsINS, patient.identity.ins != nil {
            evidence.insi = .sender(application: application, queriedOn: patient.identity.insiQueryDate)
        }
        let record = RIRecord(
            identity: patient.identity,
            localIDs: patient.localIdentifiers.map { LocalIdentifier(value: $0.value, domain: $0.domain) },
            deletesINS: patient.deletesINS, evidence: evidence, refusesUnsupportedClaims: false)
        return (record, patient.warnings)
    }

    /// A28/A31 (and the identity of ITI-31 encounter events): create or update.
    static func upsert(_ session: inout RISession, _ message: HL7Message) throws -> (RIOutcome, [HL7ErrorReport]) {
        let (record, warnings) = try record(message)
        return (try session.execute(.upsert(record)), warnings)
    }

    /// A40: the PID names the survivor, MRG-1 the merged-away identity; the PID's traits update the survivor.
    static func merge(_ session: inout RISession, _ message: HL7Message) throws -> (RIOutcome, [HL7ErrorReport]) {
        guard let mrg = message.first("MRG") else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "MRG"), "MRG segment missing")
        }
        let (record, warnings) = try record(message)
        let prior: PAMMerge
        do { prior = try PAMMerge(mrg: mrg) } catch { throw RequestError(error) }
        let away = prior.localIdentifiers.map { LocalIdentifier(value: $0.value, domain: $0.domain) }
        let outcome = try session.execute(.merge(survivor: .localIDs(record.localIDs), mergedAway: .localIDs(away), record: record))
        return (outcome, warnings)
    }

    /// A47 (PAM FR §4.4.3): obsolete identifiers (MRG-1, the INS included) replaced by the PID-3 ones; the INS
    /// changed or deleted (`""`); the patient is found through MRG and never created.
    static func changeIdentifiers(_ session: inout RISession, _ message: HL7Message) throws -> (RIOutcome, [HL7ErrorReport]) {
        guard let mrg = message.first("MRG") else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "MRG"), "MRG segment missing")
        }
        let (record, warnings) = try record(message)
        let prior: PAMMerge
        do { prior = try PAMMerge(mrg: mrg) } catch { throw RequestError(error) }
        let change = RIIdentifierChange(
            prior: prior.localIdentifiers.map { LocalIdentifier(value: $0.value, domain: $0.domain) },
            priorINS: prior.insIdentifiers.map(\.value), record: record)
        return (try session.execute(.changeIdentifiers(change)), warnings)
    }

    /// A24/A37: the first two PIDs name the identities to link or unlink.
    static func link(_ session: inout RISession, _ message: HL7Message, unlink: Bool) throws -> (RIOutcome, [HL7ErrorReport]) {
        let pids = message.segments("PID")
        guard pids.count >= 2 else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "PID", segmentSequence: 2), "second PID segment missing")
        }
        let refs = pids.prefix(2).map { pid in
            RIIdentityRef.localIDs(pid[3].repetitions.map(PAMIdentifier.init)
                .filter { !$0.isNational && !$0.value.isEmpty && !$0.domain.isEmpty }
                .map { LocalIdentifier(value: $0.value, domain: $0.domain) })
        }
        return (try session.execute(unlink ? .unlink(refs[0], refs[1]) : .link(refs[0], refs[1])), [])
    }

    // MARK: Query

    /// PDQ: candidates for the demographics given (or the identity holding the identifier given), best first.
    func query(_ message: HL7Message) -> String {
        let started = DispatchTime.now()
        do {
            let query: PDQQuery
            do { query = try PDQQuery(message) } catch { throw RequestError(error) }
            let limit = min(query.limit ?? configuration.candidateLimit, 100)
            var found: [(ListedIdentity, PairScore?)] = []
            func listed(_ stored: StoredIdentity) -> ListedIdentity {
                ListedIdentity(id: stored.id, identity: RISharePolicy.shareable(stored.identity), localIDs: stored.localIDs)
            }
            if let identifier = query.identifier {
                if PAMIdentifier.insOIDs.contains(identifier.universalID) || identifier.namespace.hasPrefix("ASIP-SANTE-INS") {
                    found = try store.identities(insMatricule: identifier.value).map { (listed($0), nil) }
                } else {
                    guard !identifier.domain.isEmpty else {
                        throw RequestError(.requiredFieldMissing, HL7ErrorLocation(segmentID: "QPD", field: 3), "@PID.3.4 (assigning authority) missing")
                    }
                    if let stored = try store.identity(localID: LocalIdentifier(value: identifier.value, domain: identifier.domain)) {
                        found = [(listed(stored), nil)]
                    }
                }
            } else {
                let location = HL7ErrorLocation(segmentID: "QPD", field: 3)
                var birthDate = ""
                if !query.birthDate.isEmpty {
                    do { birthDate = try PAMPatient.isoDate(query.birthDate) } catch {
                        throw RequestError(.dataTypeError, location, "@PID.7: \(error)")
                    }
                }
                let search = RISearchQuery(
                    birthName: query.birthName, firstNames: query.firstNames, sex: query.sex, birthDate: birthDate,
                    birthPlace: query.birthPlace)
                let ranked: [RIMatch]
                // The answer shows each candidate's score and decision, not its explanation.
                do { ranked = try ri.search(search, limit: limit, explained: false) } catch {
                    throw RequestError(.dataTypeError, location, error.message)
                }
                // One read snapshot for all the candidates, and only what the answer shows (identity, identifiers).
                var listed = try ri.listedIdentities(ids: ranked.map(\.identityID))[...]
                for match in ranked where listed.first?.id == match.identityID {
                    found.append((listed.removeFirst(), match.score))
                }
            }
            // Written straight into the answer's bytes: the same bytes as `PIDEncoder.pid` and a QRI segment
            // encoded, without building ten segments of nested field arrays per query.
            let shown = found.prefix(limit)
            let rsp = HL7Acknowledgement.queryResponseBytes(
                for: message, code: .accept, status: shown.isEmpty ? .notFound : .found, envelope: envelope()
            ) { w in
                for (offset, (stored, pair)) in shown.enumerated() {
                    PIDEncoder.write(
                        stored.identity, localIdentifiers: stored.localIDs.map { ($0.value, $0.domain) }, setID: offset + 1,
                        patientID: stored.id, into: &w)  // PID-2: the RI id, kept for the RI's own key
                    ZFDEncoder.write(stored.identity, into: &w)  // PAM FR ZFD-4..8, when the identity has them
                    w.segment("QRI")
                    w.field()
                    if let pair { w.value(RICandidate.format(pair.score)) }
                    w.field()
                    w.value(pair?.decision.rawValue ?? "identifier")
                    w.plain("^^VIGIE")
                    w.field()
                    w.plain(pair == nil ? "identifier lookup" : "vigie Fellegi-Sunter")
                }
            }
            // The detail is built only when the line is written (the worker's default level is notice).
            if logger.logLevel <= .info {
                let micros = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1000
                log(.info, "answered", kind: "QBP^Q22", controlID: message.controlID, code: "AA", detail: "candidates=\(shown.count) us=\(micros)")
            }
            return String(decoding: rsp, as: UTF8.self)
        } catch {
            let failure = Self.requestError(error, default: HL7ErrorLocation(segmentID: "QPD", field: 3))
            let code = HL7Acknowledgement.code(for: [failure.report])
            log(.notice, "refused", kind: "QBP^Q22", controlID: message.controlID, code: code.rawValue, detail: failure.report.description)
            let rsp = HL7Acknowledgement.queryResponse(
                for: message, code: code, status: code == .reject ? .reject : .error, errors: [failure.report], candidates: [],
                envelope: envelope())
            return answer(rsp)
        }
    }

    /// One answer line: the message's segments separated by CR (no LF inside: values are escaped).
    func answer(_ message: HL7Message) -> String { message.encoded() }
}

extension Identity {
    /// Whether an A47 carrying an obsolete INS in MRG-1 says what replaces it.
    func hasINSChange(deletes: Bool) -> Bool { deletes || ins != nil }
}
