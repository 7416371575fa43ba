import Foundation
import VigieText

/// Which open review items to list, and which page of them.
public struct ReviewQuery: Sendable, Hashable {
    /// Only this kind (all when nil).
    public var kind: ReviewItem.Kind?
    /// Only items opened for this reason (an alert or one of the RI's reasons).
    public var reason: ReviewReason?
    /// Only items opened at or before this date (at least so old).
    public var openedBefore: Date?
    /// Only items opened at or after this date (at most so old).
    public var openedAfter: Date?
    /// Items to skip (paging).
    public var offset: Int
    /// Items to return, 1–500.
    public var limit: Int

    public init(
        kind: ReviewItem.Kind? = nil, reason: ReviewReason? = nil, openedBefore: Date? = nil, openedAfter: Date? = nil,
        offset: Int = 0, limit: Int = 50
    ) {
        self.kind = kind
        self.reason = reason
        self.openedBefore = openedBefore
        self.openedAfter = openedAfter
        self.offset = offset
        self.limit = limit
    }
}

/// One page of the open review queue, with the counts the queue page shows.
public struct ReviewPage: Sendable, Hashable {
    /// Collisions first, then by weight (highest first), then by item number.
    public var items: [ReviewItem]
    /// Open items matching the query (all pages).
    public var matching: Int
    /// Open items per kind (whatever the query).
    public var openByKind: [ReviewItem.Kind: Int]
    /// When the oldest open item was opened (whatever the query); nil when the queue is empty.
    public var oldestOpenedAt: Date?

    public init(items: [ReviewItem], matching: Int, openByKind: [ReviewItem.Kind: Int], oldestOpenedAt: Date?) {
        self.items = items
        self.matching = matching
        self.openByKind = openByKind
        self.oldestOpenedAt = oldestOpenedAt
    }
}

extension StoreTransaction {
    /// One page of the open review queue: collisions first (a patient's record may already mix two people),
    /// then the highest weights. Served by the partial index `review_items_queue`, so a page costs the same
    /// with 50 000 open items as with 50 (the counts scan the open items once).
    public func reviewPage(_ query: ReviewQuery) throws(StoreError) -> ReviewPage {
        guard (1...500).contains(query.limit) else { throw .invalidReview(reason: "limit must be 1-500") }
        guard query.offset >= 0 else { throw .invalidReview(reason: "offset must not be negative") }
        // The explanation's words (ReviewReason.decode in SQL): alerts are joined by '+' after `alerts=`, the RI's
        // reasons end with ';'.
        let filter = """
            status = 'open' AND (?1 IS NULL OR kind = ?1)
            AND (?2 IS NULL OR (' ' || replace(replace(replace(explanation, 'alerts=', ' '), '+', ' '), ';', ' ') || ' ')
                LIKE '% ' || ?2 || ' %')
            AND (?3 IS NULL OR created_at <= ?3) AND (?4 IS NULL OR created_at >= ?4)
            """
        func bind(_ statement: SQLiteStatement) throws(StoreError) {
            try statement.bind(
                .optionalText(query.kind?.rawValue), .optionalText(query.reason?.rawValue),
                query.openedBefore.map { .real($0.timeIntervalSince1970) } ?? .null,
                query.openedAfter.map { .real($0.timeIntervalSince1970) } ?? .null)
        }
        let page = try connection.statement(
            "SELECT \(Self.reviewColumns) FROM review_items INDEXED BY review_items_queue WHERE \(filter) ORDER BY kind, score DESC, id LIMIT ?5 OFFSET ?6",
            operation: "read review page")
        try bind(page)
        try page.bind(5, query.limit)
        try page.bind(6, query.offset)
        var items: [ReviewItem] = []
        do {
            defer { page.reset() }
            while try page.step() { items.append(try Self.reviewItem(from: page)) }
        }
        let count = try connection.statement("SELECT count(*) FROM review_items WHERE \(filter)", operation: "count review page")
        try bind(count)
        let matching: Int
        do {
            defer { count.reset() }
            matching = try count.step() ? count.int(0) : 0
        }
        let kinds = try connection.statement(
            "SELECT kind, count(*), min(created_at) FROM review_items WHERE status = 'open' GROUP BY kind",
            operation: "count open reviews")
        var openByKind: [ReviewItem.Kind: Int] = [:]
        var oldest: Double?
        do {
            defer { kinds.reset() }
            while try kinds.step() {
                if let kind = ReviewItem.Kind(rawValue: kinds.text(0) ?? "") { openByKind[kind] = kinds.int(1) }
                oldest = min(oldest ?? .infinity, kinds.double(2))
            }
        }
        return ReviewPage(
            items: items, matching: matching, openByKind: openByKind,
            oldestOpenedAt: oldest.map { Date(timeIntervalSince1970: $0) })
    }

    /// Journals an INSi call for the identity and its outcome code (`accepted`, `not-found`, `several`,
    /// `incoherent`, `failed`): the indicators count them. The identity's own change, if any, is a separate update.
    public func journalINSiCall(of id: String, outcome: String, change: ChangeContext) throws(StoreError) {
        try change.validate()
        let row = try activeRow(id)
        try journal(row, related: nil, .insiCalled, change, before: nil, after: "{\"outcome\":\(JSONText.quoted(outcome))}")
    }
}
