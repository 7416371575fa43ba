import VigieIdentity
import VigieMatch
import VigieStore

/// The live matching index over the RI: built from the store at start, updated after every committed write.
final class IdentityIndex: Sendable {
    let matcher: LiveMatcher
    let model: MatchModel

    /// Builds the index from every active identity of `store` (columns only, no JSON decoding).
    /// Identities that cannot be prepared (a trait the matcher refuses) are counted and left out.
    ///
    /// The records are prepared in chunks, on two threads, with preparation caches kept across chunks (names
    /// repeat a lot), then added to the index chunk by chunk. `progress` is told the identities read so far and
    /// the store's count before the first chunk and after each one.
    init(
        store: IdentityStore, model: MatchModel, chunkSize: Int = 1 << 16,
        progress: (_ read: Int, _ total: Int) -> Void = { _, _ in }
    ) throws {
        let matcher = LiveMatcher(model: model)
        let total = try store.stats().activeIdentities
        matcher.reserveCapacity(total)
        progress(0, total)
        let loader = LiveMatcher.Loader(into: matcher, threads: 2)
        var chunk: [RawRecord] = []
        var read = 0
        chunk.reserveCapacity(chunkSize)
        try store.forEachMatchingRecord { raw in
            chunk.append(raw)
            if chunk.count == chunkSize {
                loader.add(chunk)
                read += chunk.count
                chunk.removeAll(keepingCapacity: true)
                progress(read, total)
            }
        }
        loader.add(chunk)
        self.model = model
        self.matcher = matcher
        self.skipped = loader.refused.count
    }

    /// Identities of the store that could not be indexed.
    let skipped: Int

    var count: Int { matcher.count }

    /// The prepared form of an identity, or a request error naming the field (mapped to `locations`).
    func prepare(_ identity: Identity, id: String, locations: FieldLocations) throws(RequestError) -> PreparedRecord {
        do {
            return try PreparedRecord(RawRecord(identity: identity, id: id))
        } catch {
            let (location, field) = locations.place(of: error.field)
            throw RequestError(.dataTypeError, location, field: field, "\(error.field.rawValue): \(error.reason)")
        }
    }

    /// Best candidates first; only `review` or `match`.
    func candidates(for record: PreparedRecord, limit: Int) -> [(id: String, score: PairScore)] {
        matcher.candidates(for: record, limit: limit)
    }

    /// Applies the index changes of one message and returns what undoes them (to apply in reverse order).
    ///
    /// In a batch, a message's changes are applied as soon as its savepoint is released, so that the next
    /// messages of the same batch see it (a second A28 for the same patient finds the first); if the batch's
    /// commit then fails, `revert` puts the index back as it was.
    @discardableResult
    func apply(_ changes: [IndexChange]) -> [IndexChange] {
        var undo: [IndexChange] = []
        undo.reserveCapacity(changes.count)
        for change in changes {
            switch change {
            case .upsert(let record):
                undo.append(matcher.upsert(record).map(IndexChange.upsert) ?? .remove(record.id))
            case .remove(let id):
                if let removed = matcher.remove(id: id) { undo.append(.upsert(removed)) }
            }
        }
        return undo
    }

    /// Undoes changes applied by `apply`: `undo` is the concatenation of what `apply` returned, in order.
    func revert(_ undo: [IndexChange]) {
        for change in undo.reversed() {
            switch change {
            case .upsert(let record): matcher.upsert(record)
            case .remove(let id): matcher.remove(id: id)
            }
        }
    }
}

/// A change to the live index, applied once its message's writes are in the store's transaction.
enum IndexChange: Sendable {
    case upsert(PreparedRecord)
    case remove(String)
}

/// Where each matching field came from in the request, to name it in errors.
struct FieldLocations: Sendable {
    var birthName: (HL7Place)
    var firstNames: HL7Place
    var sex: HL7Place
    var birthDate: HL7Place
    var birthPlace: HL7Place
    var usedName: HL7Place
    var ins: HL7Place

    typealias HL7Place = (location: VigieHL7.HL7ErrorLocation?, field: String?)

    func place(of field: RecordError.Field) -> HL7Place {
        switch field {
        case .birthName: birthName
        case .firstNames: firstNames
        case .birthDate: birthDate
        case .birthPlace: birthPlace
        case .usedName: usedName
        case .ins: ins
        }
    }

    /// Locations in a PID (the `sequence`-th of its message).
    static func pid(sequence: Int = 1) -> FieldLocations {
        func at(_ field: Int, _ component: Int? = nil) -> HL7Place {
            (HL7ErrorLocation(segmentID: "PID", segmentSequence: sequence, field: field, component: component), nil)
        }
        return FieldLocations(
            birthName: at(5, 1), firstNames: at(5, 3), sex: at(8), birthDate: at(7), birthPlace: at(11, 9),
            usedName: at(5, 1), ins: at(3, 1))
    }

    /// Field names of a JSON record under `prefix`.
    static func json(prefix: String) -> FieldLocations {
        func at(_ name: String) -> HL7Place { (nil, "\(prefix).\(name)") }
        return FieldLocations(
            birthName: at("birth_name"), firstNames: at("first_names"), sex: at("sex"), birthDate: at("birth_date"),
            birthPlace: at("birth_place"), usedName: at("used_name"), ins: at("ins"))
    }
}

import VigieHL7
