import Foundation
import VigieIdentity
import VigieText

/// One record's outcome in a batch qualification.
public struct QualificationRecordResult: Sendable, Hashable {
    /// The record id.
    public var id: String
    /// The deciding CR code, when INSi answered.
    public var code: String?
    /// `accepted`, `not-found`, `several`, `incoherent`, or `error`.
    public var decision: String
    /// The status before, and after (unchanged on error).
    public var statusBefore: IdentityStatus?
    /// The status after.
    public var statusAfter: IdentityStatus?
    /// The INS stored, when accepted.
    public var ins: INS?
    /// INSi requests answered (transport retries not counted).
    public var calls: Int
    /// The traits that differ, when INSi's `00` was not coherent (field names only).
    public var differences: [String] = []
    /// What went wrong (no trait value), when `decision == "error"`.
    public var error: String?
    /// A short error kind for the report (`trait:birth_name`, `transport`, `fault:siram_40`, ...).
    public var errorKind: String?
}

/// Batch qualification of raw records (`vigie qualify`).
public struct QualifyBatch: Sendable {
    /// The workflow.
    public var workflow: Qualification
    /// Whether raw traits are folded into INS form first (case and accents only).
    public var normalise: Bool
    /// Qualifications in flight at once.
    public var concurrency: Int
    /// The day a document check may not be later than (tests fix it).
    public var today: Date

    /// Creates a batch. There is no document for the whole batch: each record brings its own document evidence
    /// (``RawRecord/document``), and a record without it reaches at most RECUP (RNIV: VALI and QUAL need a
    /// person's check of this patient's document).
    public init(workflow: Qualification, normalise: Bool, concurrency: Int, today: Date = Date()) {
        self.workflow = workflow
        self.normalise = normalise
        self.concurrency = concurrency
        self.today = today
    }

    /// Runs every record, `concurrency` at a time; results come back in input order.
    public func run(_ records: [RawRecord], progress: @Sendable (Int, Int) -> Void = { _, _ in }) async -> [QualificationRecordResult] {
        var results = [QualificationRecordResult?](repeating: nil, count: records.count)
        await withTaskGroup(of: (Int, QualificationRecordResult).self) { group in
            var next = 0
            var done = 0
            var lastReport = Date()
            func launch() {
                let i = next
                let record = records[i]
                next += 1
                group.addTask { (i, await self.qualify(record)) }
            }
            while next < min(concurrency, records.count) { launch() }
            while let (i, result) = await group.next() {
                results[i] = result
                done += 1
                if next < records.count { launch() }
                if Date().timeIntervalSince(lastReport) >= 2 || done == records.count {
                    progress(done, records.count)
                    lastReport = Date()
                }
            }
        }
        return results.map { $0! }
    }

    /// Qualifies one raw record (a provisional identity).
    public func qualify(_ record: RawRecord) async -> QualificationRecordResult {
        var result = QualificationRecordResult(
            id: record.id, code: nil, decision: "error", statusBefore: nil, statusAfter: nil, ins: nil, calls: 0, error: nil, errorKind: nil)
        let identity: Identity
        do {
            identity = try Self.identity(from: record, normalise: normalise)
        } catch {
            result.error = "line \(record.line): \(error)"
            result.errorKind = "record:\(error.field)"
            return result
        }
        // The row's own evidence; a row that states it badly is not qualified at all (nothing is guessed).
        let document: DocumentCheck?
        do { document = try record.document?.check(today: today) } catch {
            result.error = "line \(record.line): \(error)"
            result.errorKind = "document:\(error.column)"
            return result
        }
        result.statusBefore = identity.status
        result.statusAfter = identity.status
        do {
            let outcome = try await workflow.qualify(identity, document: document)
            result.code = outcome.search.result.code
            result.decision = outcome.decision.code
            result.statusAfter = outcome.identity.status
            result.ins = outcome.decision == .insAccepted ? outcome.identity.ins : nil
            result.calls = outcome.search.calls.count
            if case .incoherent(let fields) = outcome.decision { result.differences = fields }
        } catch {
            result.error = error.description
            switch error {
            case .client(.invalidTrait(let field)): result.errorKind = "trait:\(field)"
            case .client(.transport): result.errorKind = "transport"
            case .client(.fault(let f)): result.errorKind = "fault:\(f.subcode)/\(f.detailCode)"
            case .client: result.errorKind = "client"
            case .invalidAnswer(let field): result.errorKind = "answer:\(field)"
            case .blocked(let a): result.errorKind = "blocked:\(a.rawValue)"
            case .birthDateCorrected: result.errorKind = "birth-date-corrected"
            case .transition: result.errorKind = "transition"
            }
        }
        return result
    }

    /// Why a raw record cannot become an identity (field of the batch contract named; no value).
    public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The column.
        public var field: String
        public var description: String { "\(field) cannot be read" }
    }

    /// A provisional identity from a raw record. Without `normalise`, traits are taken as written (the
    /// client refuses those not in INS form); with it, case and accents are folded, but ligatures and
    /// typographic apostrophes are still refused (CNDA 2.03 cas 3, see ``TraitCheck``).
    public static func identity(from record: RawRecord, normalise: Bool) throws(RecordError) -> Identity {
        func trait(_ raw: String, _ field: String) throws(RecordError) -> String {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard normalise else { return trimmed }
            if trimmed.unicodeScalars.contains(where: { refusedScalars.contains($0) }) { return trimmed }
            guard let folded = try? INSForm.normalise(trimmed) else { throw RecordError(field: field) }
            return folded
        }
        let name = try trait(record.birthName, "birth_name")
        let firstNames = try record.firstNames.split(separator: " ").map { (s) throws(RecordError) -> String in try trait(String(s), "first_names") }
        guard let date = birthDate(record.birthDate) else { throw RecordError(field: "birth_date") }
        var place: BirthPlace?
        if !record.birthPlace.isEmpty {
            guard let p = try? BirthPlace(record.birthPlace) else { throw RecordError(field: "birth_place") }
            place = p
        }
        let traits = StrictTraits(birthName: name, firstNames: firstNames, sex: Sex(code: record.sex), birthDate: date, birthPlace: place)
        return Identity(traits: traits)
    }

    /// The contract's `YYYY-MM-DD`, or `JJ/MM/AAAA` as French exports write it: the same digits in another order,
    /// nothing guessed (no 2-digit year, no US order, no one-digit day), so the trait sent to INSi is the one typed.
    static func birthDate(_ text: String) -> BirthDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? BirthDate(trimmed) { return date }
        let b = Array(trimmed.utf8)
        let digits = [0, 1, 3, 4, 6, 7, 8, 9]
        guard b.count == 10, b[2] == UInt8(ascii: "/"), b[5] == UInt8(ascii: "/"),
            digits.allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 })
        else { return nil }
        let s = String(decoding: b, as: UTF8.self)
        let (day, month, year) = (s.prefix(2), s.dropFirst(3).prefix(2), s.suffix(4))
        return try? BirthDate("\(year)-\(month)-\(day)")
    }

    /// Characters that are refused rather than transliterated (CNDA 2.03 cas 3: `’`, `Æ`, `Œ`).
    static let refusedScalars: Set<Unicode.Scalar> = ["\u{2019}", "\u{2018}", "\u{02BC}", "Æ", "æ", "Œ", "œ"]

    /// `results.csv`: one line per record.
    public static func resultsCSV(_ results: [QualificationRecordResult]) -> String {
        var s = "id,cr,decision,differences,status_before,status_after,authority,matricule,calls,error\n"
        for r in results {
            let fields = [
                r.id, r.code ?? "", r.decision, r.differences.joined(separator: ";"), r.statusBefore?.rawValue ?? "", r.statusAfter?.rawValue ?? "",
                r.ins.map { $0.authority == .nia ? "NIA" : $0.authority == .nir ? "NIR" : $0.authority.rawValue } ?? "",
                r.ins?.matricule.value ?? "", String(r.calls), r.error ?? "",
            ]
            s += fields.map(csvField).joined(separator: ",") + "\n"
        }
        return s
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The report: answers per CR code, decisions, resulting statuses, errors by kind, time.
    public static func report(_ results: [QualificationRecordResult], unreadableRows: Int, seconds: Double) -> String {
        func counts(_ key: (QualificationRecordResult) -> String?) -> [(String, Int)] {
            var c: [String: Int] = [:]
            for r in results { if let k = key(r) { c[k, default: 0] += 1 } }
            return c.sorted { $0.key < $1.key }
        }
        var s = "vigie qualify report\n"
        s += "records: \(results.count) (unreadable rows skipped: \(unreadableRows))\n"
        s += "INSi requests answered: \(results.reduce(0) { $0 + $1.calls }) (transport retries not counted)\n"
        s += "time: \(String(format: "%.1f", seconds)) s (\(String(format: "%.0f", Double(results.count) / max(seconds, 0.001))) records/s)\n"
        s += "answers per CR code:\n" + counts { $0.code }.map { "  \($0.0): \($0.1)\n" }.joined()
        s += "decisions:\n" + counts { $0.decision == "incoherent" ? "incoherent (\($0.differences.joined(separator: ";")))" : $0.decision }.map { "  \($0.0): \($0.1)\n" }.joined()
        s += "status transitions:\n" + counts { r in r.statusBefore.map { "\($0.rawValue) -> \(r.statusAfter?.rawValue ?? "?")" } }.map { "  \($0.0): \($0.1)\n" }.joined()
        s += "resulting statuses:\n" + counts { $0.statusAfter?.rawValue ?? "(no identity)" }.map { "  \($0.0): \($0.1)\n" }.joined()
        s += "INS authority of accepted INS:\n" + counts { $0.ins.map { $0.authority == .nia ? "NIA" : "NIR" } }.map { "  \($0.0): \($0.1)\n" }.joined()
        s += "errors by kind:\n" + counts { $0.errorKind }.map { "  \($0.0): \($0.1)\n" }.joined()
        return s
    }
}
