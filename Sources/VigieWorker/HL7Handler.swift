import Foundation
import VigieHL7
import VigieIdentity
import VigieMatch
import VigieStore

/// HL7 v2.5 lines: PAM FR ADT events and PDQ queries, answered with ACK (MSA, ERR, ZVG) or RSP^K22.
extension Worker {
    /// ADT events that carry a patient's identity in their PID but are about an encounter: the identity is
    /// taken as an update, the rest is acknowledged (ITI-31, and A08 which France replaces by A31/Z99).
    static let encounterEvents: Set<String> = [
        "A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "A10", "A11", "A12", "A13", "A14", "A15",
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
        let reason = "\(type)^\(event)"
        switch (type, event) {
        case ("ADT", "A28"), ("ADT", "A31"):
            return .write(write(message, reason: reason) { ops, message in try ops.upsert(try Self.upsertRequest(message)) })
        case ("ADT", let event) where Self.encounterEvents.contains(event):
            return .write(write(message, reason: reason) { ops, message in try ops.upsert(try Self.upsertRequest(message)) })
        case ("ADT", "A40"):
            return .write(write(message, reason: reason) { ops, message in try Self.merge(&ops, message) })
        case ("ADT", "A47"):
            return .write(write(message, reason: reason) { ops, message in try Self.changeIdentifiers(&ops, message) })
        case ("ADT", "A24"), ("ADT", "A37"):
            return .write(write(message, reason: reason) { ops, message in try Self.link(&ops, message, unlink: event == "A37") })
        case ("QBP", "Q22"):
            return .answer { self.query(message) }
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
        guard ["", "P", "D", "T"].contains(processing) else {
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

    /// A write message for the batch's transaction, idempotent by sender, control id and content.
    func write(
        _ message: HL7Message, reason: String, _ body: @escaping (inout RIOperations, HL7Message) throws -> RIResult
    ) -> PendingWrite {
        let header = message.header
        let effects = WriteEffects()
        return PendingWrite(
            key: MessageKey(id: Self.idempotencyKey(message)), effects: effects,
            run: { transaction in
                let sender = [header[3][1], header[4][1]].filter { !$0.isEmpty }.joined(separator: "@")
                let change = ChangeContext(
                    actor: sender.isEmpty ? "hl7" : sender, reason: reason, messageID: message.controlID, time: self.configuration.now())
                var ops = RIOperations(
                    transaction: transaction, index: self.index, change: change, candidateLimit: self.configuration.candidateLimit)
                let done = try body(&ops, message)
                effects.changes = ops.pending
                effects.summary = done
                return self.answer(HL7Acknowledgement.ack(
                    for: header, code: .accept, errors: done.warnings, trailing: [done.zvg], envelope: self.envelope()))
            },
            completed: { outcome in
                let result = outcome.isReplay ? nil : effects.summary
                self.log(.info, outcome.isReplay ? "replayed" : "processed", kind: reason, controlID: message.controlID, code: "AA",
                         identity: result?.identityID,
                         detail: result.map { "\($0.action.rawValue) decision=\($0.decision) candidates=\($0.candidates.count)" })
                return outcome.answer
            },
            failed: { error in
                let failure = Self.requestError(error, default: HL7ErrorLocation(segmentID: "PID", field: 3))
                // A store failure (commit, I/O, full disk) is AR 207: the sender retries; a content error is AE.
                let retryable = (error as? StoreError)?.isRetryable == true
                let code = retryable ? .reject : HL7Acknowledgement.code(for: [failure.report])
                self.log(failure.report.code == .applicationInternalError ? .error : .notice, "refused", kind: reason,
                         controlID: message.controlID, code: code.rawValue, detail: failure.report.description)
                return self.answer(HL7Acknowledgement.ack(for: header, code: code, errors: [failure.report], envelope: self.envelope()))
            })
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

    static func upsertRequest(_ message: HL7Message) throws(RequestError) -> UpsertRequest {
        guard let pid = message.first("PID") else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "PID"), "PID segment missing")
        }
        let patient: PAMPatient
        do { patient = try PAMPatient(pid: pid, zfd: message.first("ZFD")) } catch { throw RequestError(error) }
        return UpsertRequest(
            identity: patient.identity,
            localIDs: patient.localIdentifiers.map { LocalIdentifier(value: $0.value, domain: $0.domain) },
            deletesINS: patient.deletesINS, warnings: patient.warnings, locations: .pid(),
            identifiersLocation: (HL7ErrorLocation(segmentID: "PID", field: 3), nil))
    }

    /// A40: the PID names the survivor, MRG-1 the merged-away identity; the PID's traits update the survivor.
    static func merge(_ ops: inout RIOperations, _ message: HL7Message) throws -> RIResult {
        guard let mrg = message.first("MRG") else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "MRG"), "MRG segment missing")
        }
        let request = try upsertRequest(message)
        let prior: PAMMerge
        do { prior = try PAMMerge(mrg: mrg) } catch { throw RequestError(error) }
        var survivor: StoredIdentity?
        for local in request.localIDs where survivor == nil { survivor = try ops.transaction.identity(localID: local) }
        guard let survivor else {
            throw RequestError(.unknownKeyIdentifier, HL7ErrorLocation(segmentID: "PID", field: 3), "surviving patient unknown")
        }
        var mergedAway: StoredIdentity?
        for local in prior.localIdentifiers.map({ LocalIdentifier(value: $0.value, domain: $0.domain) }) where mergedAway == nil {
            mergedAway = try ops.transaction.identity(localID: local)
        }
        guard let mergedAway else {
            throw RequestError(.unknownKeyIdentifier, HL7ErrorLocation(segmentID: "MRG", field: 1), "merged-away patient unknown")
        }
        var action = RIResult.Action.alreadyDone
        if mergedAway.id != survivor.id {
            action = try ops.merge(survivor: survivor.id, mergedAway: mergedAway.id, field: (HL7ErrorLocation(segmentID: "MRG", field: 1), nil)).action
        }
        var result = try ops.upsert(request)
        result.action = action
        return result
    }

    /// A47: obsolete local identifiers (MRG-1) replaced by the PID-3 ones; INS changed or deleted through PID-3.
    static func changeIdentifiers(_ ops: inout RIOperations, _ message: HL7Message) throws -> RIResult {
        guard let mrg = message.first("MRG") else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "MRG"), "MRG segment missing")
        }
        let request = try upsertRequest(message)
        let prior: PAMMerge
        do { prior = try PAMMerge(mrg: mrg) } catch { throw RequestError(error) }
        let obsolete = prior.localIdentifiers.map { LocalIdentifier(value: $0.value, domain: $0.domain) }
        if !obsolete.isEmpty {
            var target: StoredIdentity?
            var bound: [LocalIdentifier] = []
            for local in obsolete {
                if let owner = try ops.transaction.identity(localID: local) {
                    target = target ?? owner
                    if owner.localIDs.contains(local) { bound.append(local) }
                }
            }
            if target == nil {
                // Already applied (the new identifiers are bound, the old ones gone), or unknown.
                for local in request.localIDs where target == nil { target = try ops.transaction.identity(localID: local) }
                guard target != nil else {
                    throw RequestError(.unknownKeyIdentifier, HL7ErrorLocation(segmentID: "MRG", field: 1), "prior identifier unknown")
                }
            } else if let target {
                _ = try ops.changeIdentifiers(identity: target.id, removing: bound, adding: request.localIDs)
            }
        } else if !prior.insIdentifiers.isEmpty, !request.identity.hasINSChange(deletes: request.deletesINS) {
            throw RequestError(.requiredFieldMissing, HL7ErrorLocation(segmentID: "PID", field: 3),
                               "INS change without a new INS or a deletion (\"\") in PID-3")
        }
        var result = try ops.upsert(request)
        if result.action != .created { result.action = .identifiersChanged }
        return result
    }

    /// A24/A37: the first two PIDs name the identities to link or unlink.
    static func link(_ ops: inout RIOperations, _ message: HL7Message, unlink: Bool) throws -> RIResult {
        let pids = message.segments("PID")
        guard pids.count >= 2 else {
            throw RequestError(.segmentSequenceError, HL7ErrorLocation(segmentID: "PID", segmentSequence: 2), "second PID segment missing")
        }
        var ids: [String] = []
        for (index, pid) in pids.prefix(2).enumerated() {
            let location = HL7ErrorLocation(segmentID: "PID", segmentSequence: index + 1, field: 3)
            let locals = pid[3].repetitions.map(PAMIdentifier.init).filter { !$0.isNational && !$0.value.isEmpty && !$0.domain.isEmpty }
            var found: StoredIdentity?
            for local in locals where found == nil {
                found = try ops.transaction.identity(localID: LocalIdentifier(value: local.value, domain: local.domain))
            }
            guard let found else { throw RequestError(.unknownKeyIdentifier, location, "patient unknown") }
            ids.append(found.id)
        }
        guard ids[0] != ids[1] else {
            throw RequestError(.duplicateKeyIdentifier, HL7ErrorLocation(segmentID: "PID", segmentSequence: 2, field: 3), "both PIDs designate identity \(ids[0])")
        }
        return try ops.link(ids[0], ids[1], unlink: unlink)
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
                ListedIdentity(id: stored.id, identity: stored.identity, localIDs: stored.localIDs)
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
                let raw = RawRecord(
                    id: "", birthName: query.birthName, firstNames: query.firstNames, sex: query.sex, birthDate: birthDate,
                    birthPlace: query.birthPlace)
                let record: PreparedRecord
                do { record = try PreparedRecord(raw, shared: preparation) } catch {
                    throw RequestError(.dataTypeError, location, "\(error.field.rawValue): \(error.reason)")
                }
                // One read snapshot for all the candidates, and only what the answer shows (identity, identifiers).
                let ranked = index.candidates(for: record, limit: limit)
                var listed = try store.listedIdentities(ids: ranked.map(\.id))[...]
                for (id, pair) in ranked where listed.first?.id == id {
                    found.append((listed.removeFirst(), pair))
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
            let micros = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1000
            log(.info, "answered", kind: "QBP^Q22", controlID: message.controlID, code: "AA", detail: "candidates=\(shown.count) us=\(micros)")
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
