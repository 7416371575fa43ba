import Foundation
import VigieIdentity
import VigieStore

/// The JSON API's shapes (snake_case keys, ISO 8601 dates). An INS appears only for a QUAL identity.
enum APIModels {
    struct LoginRequest: Decodable {
        var login: String
        var password: String
    }

    struct SessionAnswer: Encodable {
        var csrf_token: String
        var login: String
        var role: String
        var expires_at: Date
    }

    struct Review: Encodable {
        var id: Int64
        var identity_a: String
        var identity_b: String?
        var weight: Double
        var reasons: [String]
        var opened_at: Date
        var kind: String
        var status: String
        var resolution: String?
        var resolved_by: String?
        var deferred_at: Date?

        init(_ item: ReviewItem) {
            id = item.id
            identity_a = item.identityIDs[0]
            identity_b = item.identityIDs.count > 1 ? item.identityIDs[1] : nil
            weight = (item.score * 100).rounded() / 100
            reasons = item.reasons.map(\.rawValue)
            opened_at = item.createdAt
            kind = item.kind.rawValue
            status = item.status.rawValue
            resolution = item.resolution?.rawValue
            resolved_by = item.resolvedBy
            deferred_at = item.deferredAt
        }
    }

    struct ReviewList: Encodable {
        var items: [Review]
        var page: Int
        var per_page: Int
        var total: Int
        var open: [String: Int]
        var oldest_opened_at: Date?
    }

    struct DecisionRequest: Decodable {
        var decision: String
        var survivor: String?
        var comment: String?
    }

    struct DecisionAnswer: Encodable {
        var item: Review
        var survivor: String?
    }

    struct LocalID: Encodable {
        var domain: String
        var value: String
    }

    struct Traits: Encodable {
        var birth_name: String
        var first_names: [String]
        var sex: String
        var birth_date: String
        var birth_place: String?
    }

    struct IdentityAnswer: Encodable {
        var id: String
        var requested_id: String
        var status: String
        var attributes: [String]
        var traits: Traits
        var used_name: String?
        var used_first_name: String?
        /// Only for a QUAL identity (EXI SI 08).
        var ins: String?
        var ins_oid: String?
        var insi_retrieved: Bool
        var document: String?
        var local_ids: [LocalID]
        var former_local_ids: [LocalID]
        var merged_ids: [String]
        var linked_ids: [String]
        var version: Int
        var created_at: Date
        var updated_at: Date

        init(_ stored: StoredIdentity, requested: String) {
            let identity = stored.identity
            id = stored.id
            requested_id = requested
            status = identity.status.rawValue
            attributes = identity.attributes.map(\.rawValue).sorted()
            traits = Traits(
                birth_name: identity.traits.birthName, first_names: identity.traits.firstNames, sex: identity.traits.sex.rawValue,
                birth_date: identity.traits.birthDate.iso, birth_place: identity.traits.birthPlace?.code)
            used_name = identity.usedName
            used_first_name = identity.usedFirstName
            if identity.mayShareINS, let ins = identity.ins {
                self.ins = ins.matricule.value
                ins_oid = ins.authority.rawValue
            }
            insi_retrieved = identity.insiRetrieved
            document = identity.hasHighTrustDocument?.type.rawValue
            local_ids = stored.localIDs.map { LocalID(domain: $0.domain, value: $0.value) }
            former_local_ids = stored.formerLocalIDs.map { LocalID(domain: $0.domain, value: $0.value) }
            merged_ids = stored.mergedIDs
            linked_ids = stored.linkedIDs
            version = stored.version
            created_at = stored.createdAt
            updated_at = stored.updatedAt
        }
    }

    struct HistoryEntry: Encodable {
        var sequence: Int64
        var action: String
        var identity_id: String
        var related_id: String?
        var actor: String
        var time: Date
        var reason: String
        var message_id: String?
    }

    struct HistoryAnswer: Encodable {
        var id: String
        var entries: [HistoryEntry]
    }

    struct Day: Encodable {
        var day: Date
        var active_identities: Int
        var reviews_opened: Int
        var reviews_resolved: Int
        var collisions_opened: Int
        var duplicate_rate_per_1000: Double
        var backlog: Int
        var backlog_mean_age_days: Double?
        var identities_by_status: [String: Int]
        var insi_retrieved: Int
        var insi_lost: Int
        var insi_calls_without_ins: Int

        init(_ d: DailyIndicators) {
            day = d.day
            active_identities = d.activeIdentities
            reviews_opened = d.reviewsOpened
            reviews_resolved = d.reviewsResolved
            collisions_opened = d.collisionsOpened
            duplicate_rate_per_1000 = d.activeIdentities == 0 ? 0 : 1000 * Double(d.reviewsOpened) / Double(d.activeIdentities)
            backlog = d.backlog
            backlog_mean_age_days = d.backlogMeanAgeDays
            identities_by_status = d.identitiesByStatus
            insi_retrieved = d.insiRetrieved
            insi_lost = d.insiLost
            insi_calls_without_ins = d.insiCallsWithoutINS
        }
    }

    struct IndicatorsAnswer: Encodable {
        var active_identities: Int
        var merged_identities: Int
        var open_reviews: Int
        var identities_by_status: [String: Int]
        var days: [Day]
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
