import Foundation
import Hummingbird
import VigieStore

/// The JSON API under `/api`: sessions, the review queue and its decisions, identities and their history,
/// indicators. 401 without a session or token, 403 for the wrong role; every identity read is journaled.
struct APIRoutes {
    let services: ServeServices

    func register(on router: Router<ServeContext>) {
        let api = router.group("api")
        api.post("session", use: login)
        api.delete("session", use: logout)
        api.get("reviews", use: reviews)
        api.post("reviews/:id/decision", use: decide)
        api.get("identities/:id", use: identity)
        api.get("identities/:id/history", use: history)
        api.get("indicators", use: indicators)
    }

    static let readers: Set<OperatorRole> = [.cell, .viewer, .system]

    @Sendable func login(_ request: Request, context: ServeContext) async throws -> Response {
        // JSON only: a cross-site form cannot send application/json without a preflight (login CSRF).
        guard request.headers[.contentType]?.hasPrefix("application/json") ?? false else {
            throw ServeError(.unsupportedMediaType, "json-required", "POST /api/session takes application/json")
        }
        let body: APIModels.LoginRequest
        do { body = try await request.decode(as: APIModels.LoginRequest.self, context: context) } catch {
            throw ServeError.invalid("body", "expected {\"login\", \"password\"}")
        }
        let sessions = Sessions(services: services)
        let (principal, cookie) = try await sessions.login(login: body.login, password: body.password, clientAddress: context.clientAddress)
        var response = try JSONResponse(APIModels.SessionAnswer(
            csrf_token: principal.csrfToken ?? "", login: principal.login, role: principal.role.rawValue,
            expires_at: services.now().addingTimeInterval(services.configuration.sessionLifetime))).response(from: request, context: context)
        response.setCookie(sessions.cookie(value: cookie))
        return response
    }

    @Sendable func logout(_ request: Request, context: ServeContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        try Sessions(services: services).logout(principal)
        var response = Response(status: .noContent)
        response.setCookie(Sessions(services: services).expiredCookie())
        return response
    }

    @Sendable func reviews(_ request: Request, context: ServeContext) async throws -> JSONResponse<APIModels.ReviewList> {
        _ = try context.requireRole(Self.readers, to: "read the review queue")
        let parameters = request.uri.queryParameters
        let perPage = try Self.integer(parameters["per_page"], "per_page", default: 50, range: 1...500)
        let page = try Self.integer(parameters["page"], "page", default: 1, range: 1...1_000_000)
        var query = ReviewQuery(offset: (page - 1) * perPage, limit: perPage)
        if let kind = parameters["kind"].map(String.init), !kind.isEmpty {
            guard let parsed = ReviewItem.Kind(rawValue: kind) else { throw ServeError.invalid("kind", "kind is duplicate or collision") }
            query.kind = parsed
        }
        if let reason = parameters["reason"].map(String.init), !reason.isEmpty {
            guard let typed = ReviewReason(rawValue: reason) else {
                throw ServeError.invalid("reason", "a reason is a word such as first-names-differ")
            }
            query.reason = typed
        }
        let now = services.now()
        if let minimum = parameters["min_age_days"] {
            query.openedBefore = now.addingTimeInterval(-86_400 * Double(try Self.integer(minimum, "min_age_days", default: 0, range: 0...36_500)))
        }
        if let maximum = parameters["max_age_days"] {
            query.openedAfter = now.addingTimeInterval(-86_400 * Double(try Self.integer(maximum, "max_age_days", default: 0, range: 0...36_500)))
        }
        let result = try services.store.readTransaction { transaction throws(StoreError) in try transaction.reviewPage(query) }
        return JSONResponse(APIModels.ReviewList(
            items: result.items.map(APIModels.Review.init), page: page, per_page: perPage, total: result.matching,
            open: Dictionary(uniqueKeysWithValues: result.openByKind.map { ($0.key.rawValue, $0.value) }),
            oldest_opened_at: result.oldestOpenedAt))
    }

    @Sendable func decide(_ request: Request, context: ServeContext) async throws -> JSONResponse<APIModels.DecisionAnswer> {
        let principal = try context.requireRole([.cell], to: "decide on a review item")
        let id = try Self.itemID(context)
        let body: APIModels.DecisionRequest
        do { body = try await request.decode(as: APIModels.DecisionRequest.self, context: context) } catch {
            throw ServeError.invalid("body", "expected {\"decision\", \"survivor\"?, \"comment\"}")
        }
        guard let decision = ReviewDecision(rawValue: body.decision) else {
            throw ServeError.invalid("decision", "decision is merge, not-duplicate, defer or homonym")
        }
        let outcome = try Self.apply(services, item: id, decision, survivor: body.survivor, comment: body.comment ?? "", actor: principal.login)
        return JSONResponse(APIModels.DecisionAnswer(item: .init(outcome.item), survivor: outcome.survivor))
    }

    /// Runs a decision and maps the desk's refusals to HTTP answers (shared with the pair page's form).
    static func apply(
        _ services: ServeServices, item id: Int64, _ decision: ReviewDecision, survivor: String?, comment: String, actor: String
    ) throws -> ReviewDesk.Outcome {
        do {
            let outcome = try services.desk.decide(item: id, decision, survivor: survivor, comment: comment, login: actor)
            services.logger.info("review decided", metadata: ["item": "\(id)", "decision": .string(decision.rawValue), "operator": .string(actor)])
            return outcome
        } catch {
            switch error {
            case .commentRequired: throw ServeError(.unprocessableContent, "comment-required", field: "comment", error.description)
            case .notApplicable: throw ServeError(.unprocessableContent, "not-applicable", field: "decision", error.description)
            case .invalidSurvivor: throw ServeError(.unprocessableContent, "invalid-survivor", field: "survivor", error.description)
            case .alreadyResolved: throw ServeError(.conflict, "already-resolved", error.description)
            case .notFound: throw ServeError.notFound(error.description)
            case .refused(let refusal):
                switch refusal.code {
                case .notFound: throw ServeError.notFound(refusal.description)
                case .conflict, .collision: throw ServeError(.conflict, refusal.code.rawValue, field: refusal.field.map { "\($0)" }, refusal.description)
                case .storage: throw ServeError(.internalServerError, "storage", "the store failed; nothing changed")
                default: throw ServeError(.unprocessableContent, refusal.code.rawValue, field: refusal.field.map { "\($0)" }, refusal.description)
                }
            }
        }
    }

    @Sendable func identity(_ request: Request, context: ServeContext) async throws -> JSONResponse<APIModels.IdentityAnswer> {
        let principal = try context.requireRole(Self.readers, to: "read identities")
        let id = try context.parameters.require("id")
        guard let stored = try services.desk.viewIdentity(id, login: principal.login) else {
            throw ServeError.notFound("identity \(id) not found")
        }
        return JSONResponse(APIModels.IdentityAnswer(stored, requested: id))
    }

    @Sendable func history(_ request: Request, context: ServeContext) async throws -> JSONResponse<APIModels.HistoryAnswer> {
        let principal = try context.requireRole(Self.readers, to: "read identities")
        let id = try context.parameters.require("id")
        guard let entries = try services.desk.viewHistory(id, login: principal.login) else {
            throw ServeError.notFound("identity \(id) not found")
        }
        return JSONResponse(APIModels.HistoryAnswer(id: id, entries: entries.map {
            APIModels.HistoryEntry(
                sequence: $0.sequence, action: $0.action.rawValue, identity_id: $0.identityID, related_id: $0.relatedID,
                actor: $0.actor, time: $0.time, reason: $0.reason, message_id: $0.messageID)
        }))
    }

    @Sendable func indicators(_ request: Request, context: ServeContext) async throws -> JSONResponse<APIModels.IndicatorsAnswer> {
        _ = try context.requireRole(Self.readers, to: "read indicators")
        let now = services.now()
        let (days, stats) = try services.store.readTransaction { transaction throws(StoreError) in
            (try transaction.dailyIndicators(now: now), try transaction.stats())
        }
        return JSONResponse(APIModels.IndicatorsAnswer(
            active_identities: stats.activeIdentities, merged_identities: stats.mergedIdentities, open_reviews: stats.openReviews,
            identities_by_status: stats.identitiesByStatus, days: days.map(APIModels.Day.init)))
    }

    static func itemID(_ context: ServeContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else { throw ServeError.invalid("id", "a review item id is a positive integer") }
        return id
    }

    static func integer(_ text: Substring?, _ field: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw ServeError.invalid(field, "\(field) must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return parsed
    }
}
