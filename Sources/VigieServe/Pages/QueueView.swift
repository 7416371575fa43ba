import Foundation
import VigieStore

extension ServeServices {
    /// The queue page for `principal` with the page's query string parameters (`type`, `motif`, `age`, `page`,
    /// `fait`): one page of the store's open items (indexed, collisions first then by weight) rendered as HTML.
    /// The route's whole work besides HTTP; public for the benchmark.
    public func queuePage(for principal: Principal, parameters: [String: String]) throws -> String {
        var filters = QueuePage.Filters(page: max(1, min(1_000_000, Int(parameters["page"] ?? "") ?? 1)))
        filters.kind = parameters["type"].flatMap { ReviewItem.Kind(rawValue: $0) }
        filters.reason = parameters["motif"].flatMap { ReviewReason(rawValue: $0) }
        filters.minAgeDays = parameters["age"].flatMap { Int($0) }.map { min(36_500, max(0, $0)) }
        let now = self.now()
        let pageSize = configuration.pageSize
        let query = ReviewQuery(
            kind: filters.kind, reason: filters.reason,
            openedBefore: filters.minAgeDays.map { now.addingTimeInterval(-86_400 * Double($0)) },
            offset: (filters.page - 1) * pageSize, limit: pageSize)
        let page = try store.readTransaction { transaction throws(StoreError) in try transaction.reviewPage(query) }
        let done = parameters["fait"].flatMap { Int64($0) }
        return QueuePage.render(page: page, filters: filters, pageSize: pageSize, principal: principal, now: now, done: done)
    }
}
