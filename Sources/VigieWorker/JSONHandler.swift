import Foundation
import VigieHL7
import VigieIdentity
import VigieMatch
import VigieRI
import VigieStore

/// JSON lines: the RI's operations for clients that do not speak HL7.
///
/// Request: `{"id": "r1", "op": "upsert" | "search" | "get" | "history" | "merge" | "unmerge" | "link" | "unlink" |
/// "qualify" | "stats", …}`.
/// Answer: `{"id": "r1", …}` with the result, or `{"id": "r1", "error": {"code", "field", "message"}}`.
/// Writes (upsert, merge, unmerge, link, unlink) are idempotent by `id` and content, like HL7 messages by MSH-10.
/// `qualify` calls INSi (`vigie worker --insi URL`) and is answered in its turn, outside the group commit.
extension Worker {
    /// Decodes a JSON line: a write operation becomes a pending write; anything else is answered in its turn.
    func jsonStep(_ bytes: [UInt8]) -> WorkerStep {
        guard String(validating: bytes, as: UTF8.self) != nil,
            let object = (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) as? [String: Any],
            let id = object["id"].flatMap({ $0 as? String ?? ($0 as? NSNumber).map { "\($0)" } }), !id.isEmpty
        else { return .answer { self.handleJSON(bytes) } }
        let request = JSONRequest(object)
        guard let op = try? request.string("op", required: true), Self.jsonWrites.contains(op) else {
            return .answer { self.handleJSON(bytes) }
        }
        return .write(jsonWrite(op: op, id: id, request: request, bytes: bytes))
    }

    /// The JSON operations that write through the group commit.
    static let jsonWrites: Set<String> = ["upsert", "merge", "unmerge", "link", "unlink"]

    /// Answers a JSON line that is not a write (or refuses it).
    func handleJSON(_ bytes: [UInt8]) -> String {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            log(.notice, "refused", kind: "json", controlID: nil, code: "invalid-utf8", detail: nil)
            return jsonError(id: nil, RequestError(.dataTypeError, nil, "the line is not valid UTF-8"), code: "invalid-utf8")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? [String: Any] else {
                return jsonError(id: nil, RequestError(.segmentSequenceError, nil, "a JSON request must be an object"), code: "malformed-json")
            }
            object = parsed
        } catch {
            log(.notice, "refused", kind: "json", controlID: nil, code: "malformed-json", detail: nil)
            return jsonError(id: nil, RequestError(.segmentSequenceError, nil, "malformed JSON"), code: "malformed-json")
        }
        let request = JSONRequest(object)
        let id = object["id"].flatMap { $0 as? String ?? ($0 as? NSNumber).map { "\($0)" } }
        do {
            guard let id, !id.isEmpty else { throw RequestError(.requiredFieldMissing, nil, field: "id", "request id missing") }
            let op = try request.string("op", required: true)
            switch op {
            case "upsert", "merge", "unmerge", "link", "unlink":
                // Decoded as writes by `jsonStep`; not reached.
                throw RequestError(.applicationInternalError, nil, field: "op", "write operation outside a batch")
            case "search": return try jsonSearch(id: id, request: request)
            case "get": return try jsonGet(id: id, request: request)
            case "history": return try jsonHistory(id: id, request: request)
            case "qualify": return try jsonQualify(id: id, request: request)
            case "stats": return try jsonStats(id: id)
            default:
                throw RequestError(.unsupportedEventCode, nil, field: "op", "unknown operation \(op.prefix(20))")
            }
        } catch {
            let failure = Self.requestError(error, default: nil, locate: Self.jsonPlace)
            log(failure.report.code == .applicationInternalError ? .error : .notice, "refused", kind: "json",
                controlID: id, code: failure.jsonCode, detail: failure.report.description)
            return jsonError(id: id, failure, code: failure.jsonCode)
        }
    }

    /// The JSON path of a référentiel field.
    static func jsonPlace(_ field: RIField) -> (HL7ErrorLocation?, String?) {
        let path: String = switch field {
        case .birthName: "record.birth_name"
        case .firstNames: "record.first_names"
        case .sex: "record.sex"
        case .birthDate: "record.birth_date"
        case .birthPlace: "record.birth_place"
        case .usedName: "record.used_name"
        case .usedFirstName: "record.used_first_name"
        case .ins: "record.ins"
        case .localIDs: "record.local_ids"
        case .status: "record.status"
        case .attributes: "record.attributes"
        case .document: "record.document"
        case .insi: "record.insi"
        case .birthDateCorrected: "record.birth_date_corrected"
        case .identity: "identity_id"
        case .survivor: "survivor"
        case .mergedAway: "merged_away"
        case .other, .priorIdentifiers: "identity_ids"
        case .reviewItem: "review_item"
        case .query: "query"
        }
        return (nil, path)
    }

    /// The actor of a JSON request: `actor` (a person's login) when given, through the `json` channel.
    static func actor(_ request: JSONRequest) throws(RequestError) -> RIActor {
        let name = try request.string("actor")
        return RIActor(user: name, application: "json")
    }

    // MARK: Writes

    private func jsonWrite(op: String, id: String, request: JSONRequest, bytes: [UInt8]) -> PendingWrite {
        let key = "json|\(id)|" + MessageFingerprint.hex(MessageFingerprint.fnv1a(bytes))
        let effects = WriteEffects()
        let actor = (try? Self.actor(request)) ?? RIActor(application: "json")
        let write = RIWrite<String>(key: MessageKey(id: key), actor: actor, reason: actor.reason("json:\(op)"), messageID: id) { session in
            let command: RICommand
            switch op {
            case "upsert":
                command = .upsert(try Self.record(request.object("record", required: true)!))
            case "merge":
                command = .merge(
                    survivor: .id(try request.string("survivor", required: true)),
                    mergedAway: .id(try request.string("merged_away", required: true)), record: nil)
            case "unmerge":
                command = .unmerge(mergedAway: try request.string("merged_away", required: true))
            default:
                let ids = try request.strings("identity_ids")
                guard ids.count == 2 else { throw RequestError(.dataTypeError, nil, field: "identity_ids", "exactly two identity ids expected") }
                command = op == "unlink" ? .unlink(.id(ids[0]), .id(ids[1])) : .link(.id(ids[0]), .id(ids[1]))
            }
            let result = try session.execute(command)
            effects.summary = result
            return Self.encode(JSONResultAnswer(id: id, result: JSONResult(result)))
        }
        return PendingWrite(
            write: write, effects: effects,
            completed: { outcome in
                let summary = outcome.isReplay ? nil : effects.summary
                self.log(.info, outcome.isReplay ? "replayed" : "processed", kind: "json:\(op)", controlID: id, code: "ok",
                         identity: summary?.identityID,
                         detail: summary.map { "\($0.action.rawValue) decision=\($0.decision.rawValue) candidates=\($0.candidates.count)" })
                return outcome.answer
            },
            failed: { error in
                let failure = Self.requestError(error, default: nil, locate: Self.jsonPlace)
                self.log(failure.report.code == .applicationInternalError ? .error : .notice, "refused", kind: "json",
                         controlID: id, code: failure.jsonCode, detail: failure.report.description)
                return self.jsonError(id: id, failure, code: failure.jsonCode)
            })
    }

    /// A JSON record: `local_ids` [{value, domain}], `birth_name`, `first_names` (space-separated), `sex`,
    /// `birth_date` (YYYY-MM-DD), `birth_place` (COG), `used_name`, `used_first_name`, `ins` (+ `ins_oid`,
    /// default NIR), `status` (PROV, RECUP, VALI, QUAL; default PROV), `attributes` (DOUT, FICT, HOMD, HOMA),
    /// `document` {type, checked_by, checked_at, expires, special_case} and `insi` {date}: the evidence. The
    /// référentiel refuses VALI or QUAL without document evidence, and an INS (RECUP, QUAL) without INSi evidence.
    static func record(_ record: JSONRequest) throws -> RIRecord {
        let p = "record"
        var locals: [LocalIdentifier] = []
        let items = try record.objects("local_ids")
        // Bounded before any lookup (issue #18 §7.7): one identity holds at most this many local identifiers.
        guard items.count <= LocalIdentifier.maximumPerIdentity else {
            throw RequestError(.dataTypeError, nil, field: "\(p).local_ids",
                               "more than \(LocalIdentifier.maximumPerIdentity) local identifiers for one identity")
        }
        for (index, item) in items.enumerated() {
            let value = try item.string("value", required: true, path: "\(p).local_ids[\(index)]")
            let domain = try item.string("domain", required: true, path: "\(p).local_ids[\(index)]")
            locals.append(LocalIdentifier(value: value, domain: domain))
        }
        let birthName = try record.string("birth_name", required: true, path: p)
        let firstNames = try record.string("first_names", path: p).split(separator: " ").map(String.init)
        let sex = Sex(code: try record.string("sex", path: p))
        let birthDate: BirthDate
        do { birthDate = try BirthDate(try record.string("birth_date", required: true, path: p)) } catch let error as BirthDateError {
            throw RequestError(.dataTypeError, nil, field: "\(p).birth_date", error.description)
        }
        var birthPlace: BirthPlace?
        let placeText = try record.string("birth_place", path: p)
        if !placeText.isEmpty {
            do { birthPlace = try BirthPlace(placeText) } catch { throw RequestError(.dataTypeError, nil, field: "\(p).birth_place", error.description) }
        }
        let statusText = try record.string("status", path: p)
        guard let status = statusText.isEmpty ? .provisional : IdentityStatus(rawValue: statusText) else {
            throw RequestError(.tableValueNotFound, nil, field: "\(p).status", "status must be PROV, RECUP, VALI or QUAL")
        }
        var attributes: Set<IdentityAttribute> = []
        for (index, code) in try record.strings("attributes", path: p).enumerated() {
            guard let attribute = IdentityAttribute(rawValue: code) else {
                throw RequestError(.tableValueNotFound, nil, field: "\(p).attributes[\(index)]", "attribute must be DOUT, FICT, HOMD or HOMA")
            }
            attributes.insert(attribute)
        }
        var ins: INS?
        let insText = try record.string("ins", path: p)
        if !insText.isEmpty {
            let matricule: Matricule
            do { matricule = try Matricule(insText) } catch { throw RequestError(.dataTypeError, nil, field: "\(p).ins", error.description) }
            let oid = try record.string("ins_oid", path: p)
            guard let authority = oid.isEmpty ? .nir : INSAuthority(oid: oid) else {
                throw RequestError(.tableValueNotFound, nil, field: "\(p).ins_oid", "unknown INS OID")
            }
            ins = INS(matricule: matricule, authority: authority)
        } else if status == .recovered || status == .qualified {
            throw RequestError(.requiredFieldMissing, nil, field: "\(p).ins", "status \(status.rawValue) requires an INS")
        }
        var evidence = RIEvidence()
        if let document = try record.object("document") {
            evidence.document = try Self.document(document, path: "\(p).document")
        }
        if let insi = try record.object("insi") {
            let date = try insi.string("date", required: true, path: "\(p).insi")
            evidence.insi = .teleservice(queriedOn: date)
        }
        let usedName = try record.string("used_name", path: p)
        let usedFirstName = try record.string("used_first_name", path: p)
        let identity = Identity(
            traits: StrictTraits(birthName: birthName, firstNames: firstNames, sex: sex, birthDate: birthDate, birthPlace: birthPlace),
            usedName: usedName.isEmpty ? nil : usedName, usedFirstName: usedFirstName.isEmpty ? nil : usedFirstName,
            ins: ins, status: status, attributes: attributes, insiRetrieved: ins != nil)
        return RIRecord(identity: identity, localIDs: locals, evidence: evidence, refusesUnsupportedClaims: true)
    }

    /// Document evidence: `type` (PAM FR ZFD-7 code), `checked_by` (who), `checked_at` (when), all required;
    /// `expires`, `special_case` (the RNIV special case is attested) optional.
    static func document(_ object: JSONRequest, path: String) throws -> DocumentCheck {
        let code = try object.string("type", required: true, path: path)
        guard let type = IdentityDocumentType(code: code) else {
            throw RequestError(.tableValueNotFound, nil, field: "\(path).type", "unknown identity document type")
        }
        let checkedBy = try object.string("checked_by", required: true, path: path)
        let checkedAt = try object.string("checked_at", required: true, path: path)
        let expires = try object.string("expires", path: path)
        let special = (object.values["special_case"] as? Bool) ?? false
        return DocumentCheck(
            type: type, specialCaseAttested: special, expires: expires.isEmpty ? nil : expires, checkedBy: checkedBy, checkedAt: checkedAt)
    }

    // MARK: Reads

    private func jsonSearch(id: String, request: JSONRequest) throws -> String {
        guard let query = try request.object("query", required: true) else { throw RequestError(.requiredFieldMissing, nil, field: "query", "query missing") }
        let search = RISearchQuery(
            birthName: try query.string("birth_name", path: "query"), firstNames: try query.string("first_names", path: "query"),
            sex: try query.string("sex", path: "query"), birthDate: try query.string("birth_date", path: "query"),
            birthPlace: try query.string("birth_place", path: "query"), usedName: try query.string("used_name", path: "query"),
            ins: try query.string("ins", path: "query"))
        guard [search.birthName, search.firstNames, search.sex, search.birthDate, search.birthPlace, search.usedName, search.ins]
            .contains(where: { !$0.isEmpty })
        else {
            throw RequestError(.requiredFieldMissing, nil, field: "query", "no search field given")
        }
        let limit = try request.int("limit")
        let found: [RIMatch]
        do { found = try ri.search(search, limit: limit) } catch {
            let field = error.field.map { Self.jsonPlace($0).1 ?? "query" }?.replacingOccurrences(of: "record.", with: "query.") ?? "query"
            let reason = error.message.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? error.message
            throw RequestError(.dataTypeError, nil, field: field, reason)
        }
        let candidates = found.map { candidate in
            JSONCandidate(
                identity_id: candidate.identityID, score: Double(RICandidate.format(candidate.score.score)) ?? candidate.score.score,
                decision: candidate.score.decision.rawValue, kind: nil, review_item: nil,
                explanation: candidate.score.explanation.description)
        }
        log(.info, "answered", kind: "json:search", controlID: id, code: "ok", detail: "candidates=\(candidates.count)")
        return Self.encode(JSONSearchAnswer(id: id, candidates: candidates))
    }

    private func jsonGet(id: String, request: JSONRequest) throws -> String {
        let ref: RIIdentityRef
        if let local = try request.object("local_id") {
            ref = .localIDs([LocalIdentifier(
                value: try local.string("value", required: true, path: "local_id"), domain: try local.string("domain", required: true, path: "local_id"))])
        } else {
            ref = .id(try request.string("identity_id", required: true))
        }
        let view = try ri.get(ref, by: try Self.actor(request))
        log(.info, "answered", kind: "json:get", controlID: id, code: "ok", identity: view.id, detail: nil)
        return Self.encode(JSONIdentityAnswer(id: id, identity: JSONIdentity(view)))
    }

    private func jsonHistory(id: String, request: JSONRequest) throws -> String {
        let identityID = try request.string("identity_id", required: true)
        let entries = try ri.history(identityID, by: try Self.actor(request))
        log(.info, "answered", kind: "json:history", controlID: id, code: "ok", identity: identityID, detail: "entries=\(entries.count)")
        return Self.encode(JSONHistoryAnswer(id: id, history: entries.map(JSONJournalEntry.init)))
    }

    /// `qualify`: `identity_id` and `document` evidence; INSi is called through the configured qualifier.
    private func jsonQualify(id: String, request: JSONRequest) throws -> String {
        let identityID = try request.string("identity_id", required: true)
        guard let document = try request.object("document", required: true) else {
            throw RequestError(.requiredFieldMissing, nil, field: "document", "document missing")
        }
        let check = try Self.document(document, path: "document")
        guard let qualifier = configuration.qualifier else {
            throw RIError(.unavailable, .insi, "no INSi endpoint configured (vigie worker --insi URL)")
        }
        let result = try ri.qualify(identityID: identityID, document: check, by: try Self.actor(request), using: qualifier)
        log(.info, "processed", kind: "json:qualify", controlID: id, code: "ok", identity: result.identityID, detail: result.action.rawValue)
        return Self.encode(JSONResultAnswer(id: id, result: JSONResult(result)))
    }

    private func jsonStats(id: String) throws -> String {
        try ri.catchUp()
        let stats = try ri.stats()
        return Self.encode(JSONStatsAnswer(id: id, stats: stats, indexed_identities: ri.indexedIdentities))
    }

    // MARK: Encoding

    func jsonError(id: String?, _ error: RequestError, code: String) -> String {
        let field = error.field ?? error.report.location?.description
        return Self.encode(JSONErrorAnswer(id: id, error: JSONErrorBody(code: code, field: field, message: error.report.diagnostic)))
    }

    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return #"{"error":{"code":"internal-error","message":"answer encoding failed"}}"# }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Typed access to a JSON request object, with errors naming the field.
struct JSONRequest {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }

    private func name(_ key: String, _ path: String?) -> String { path.map { "\($0).\(key)" } ?? key }

    func string(_ key: String, required: Bool = false, path: String? = nil) throws(RequestError) -> String {
        guard let value = values[key], !(value is NSNull) else {
            if required { throw RequestError(.requiredFieldMissing, nil, field: name(key, path), "\(name(key, path)) missing") }
            return ""
        }
        guard let text = value as? String else {
            throw RequestError(.dataTypeError, nil, field: name(key, path), "\(name(key, path)) must be a string")
        }
        if required && text.isEmpty { throw RequestError(.requiredFieldMissing, nil, field: name(key, path), "\(name(key, path)) is empty") }
        return text
    }

    func int(_ key: String) throws(RequestError) -> Int? {
        guard let value = values[key], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, let int = Int(exactly: number.doubleValue), int > 0 else {
            throw RequestError(.dataTypeError, nil, field: key, "\(key) must be a positive integer")
        }
        return int
    }

    func strings(_ key: String, path: String? = nil) throws(RequestError) -> [String] {
        guard let value = values[key], !(value is NSNull) else { return [] }
        guard let list = value as? [Any], let texts = list as? [String] else {
            throw RequestError(.dataTypeError, nil, field: name(key, path), "\(name(key, path)) must be a list of strings")
        }
        return texts
    }

    func object(_ key: String, required: Bool = false) throws(RequestError) -> JSONRequest? {
        guard let value = values[key], !(value is NSNull) else {
            if required { throw RequestError(.requiredFieldMissing, nil, field: key, "\(key) missing") }
            return nil
        }
        guard let object = value as? [String: Any] else { throw RequestError(.dataTypeError, nil, field: key, "\(key) must be an object") }
        return JSONRequest(object)
    }

    func objects(_ key: String) throws(RequestError) -> [JSONRequest] {
        guard let value = values[key], !(value is NSNull) else { return [] }
        guard let list = value as? [[String: Any]] else {
            throw RequestError(.dataTypeError, nil, field: "record.\(key)", "record.\(key) must be a list of objects")
        }
        return list.map(JSONRequest.init)
    }
}

// MARK: Answer shapes (snake_case keys, as in the batch contract)

struct JSONErrorBody: Encodable { var code: String; var field: String?; var message: String }
struct JSONErrorAnswer: Encodable { var id: String?; var error: JSONErrorBody
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
        try c.encode(error, forKey: .error)
    }
    enum CodingKeys: String, CodingKey { case id, error }
}
struct JSONCandidate: Codable { var identity_id: String; var score: Double; var decision: String; var kind: String?; var review_item: Int64?; var explanation: String }
struct JSONResult: Codable {
    var identity_id: String; var status: String; var action: String; var decision: String
    var candidates: [JSONCandidate]; var warnings: [String]
    init(_ result: RIOutcome) {
        identity_id = result.identityID
        status = result.status.rawValue
        action = result.action.rawValue
        decision = result.decision.rawValue
        candidates = result.candidates.map {
            JSONCandidate(identity_id: $0.identityID, score: Double(RICandidate.format($0.score)) ?? $0.score, decision: $0.decision.rawValue,
                          kind: $0.kind.rawValue, review_item: $0.reviewItem, explanation: $0.explanation)
        }
        warnings = result.notices.map { "\($0.kind.rawValue): \($0.message)" }
    }
}
struct JSONResultAnswer: Codable { var id: String; var result: JSONResult }
struct JSONSearchAnswer: Encodable { var id: String; var candidates: [JSONCandidate] }
struct JSONLocalID: Encodable { var value: String; var domain: String }
struct JSONIdentity: Encodable {
    var identity_id: String; var version: Int; var status: String; var attributes: [String]
    var birth_name: String; var first_names: String; var sex: String; var birth_date: String; var birth_place: String?
    var used_name: String?; var used_first_name: String?; var ins: String?; var ins_oid: String?
    var local_ids: [JSONLocalID]; var former_local_ids: [JSONLocalID]; var merged_ids: [String]; var linked_ids: [String]
    /// The identity as the référentiel shows it: the INS only for a QUAL identity (share policy).
    init(_ view: RIIdentityView) {
        identity_id = view.id
        version = view.version
        status = view.status.rawValue
        attributes = view.attributes.map(\.rawValue).sorted()
        birth_name = view.traits.birthName
        first_names = view.traits.firstNamesList
        sex = view.traits.sex.rawValue
        birth_date = view.traits.birthDate.iso
        birth_place = view.traits.birthPlace?.code
        used_name = view.usedName
        used_first_name = view.usedFirstName
        ins = view.ins?.matricule.value
        ins_oid = view.ins?.authority.oid
        local_ids = view.localIDs.map { JSONLocalID(value: $0.value, domain: $0.domain) }
        former_local_ids = view.formerLocalIDs.map { JSONLocalID(value: $0.value, domain: $0.domain) }
        merged_ids = view.mergedIDs
        linked_ids = view.linkedIDs
    }
}
struct JSONIdentityAnswer: Encodable { var id: String; var identity: JSONIdentity }
struct JSONJournalEntry: Encodable {
    var sequence: Int64; var identity_id: String; var related_id: String?; var action: String; var actor: String
    var time: Date; var reason: String; var message_id: String?
    init(_ entry: JournalEntry) {
        sequence = entry.sequence
        identity_id = entry.identityID
        related_id = entry.relatedID
        action = entry.action.rawValue
        actor = entry.actor
        time = entry.time
        reason = entry.reason
        message_id = entry.messageID
    }
}
struct JSONHistoryAnswer: Encodable { var id: String; var history: [JSONJournalEntry] }
struct JSONStatsAnswer: Encodable { var id: String; var stats: StoreStats; var indexed_identities: Int }
