import Foundation

/// The cell's indicators for one day (UTC), replayed from the journal: no trait, counts only.
public struct DailyIndicators: Sendable, Hashable, Codable {
    /// Midnight UTC starting the day.
    public var day: Date
    /// Active (not merged-away) identities at the end of the day.
    public var activeIdentities: Int
    /// Review items opened during the day (duplicates and collisions).
    public var reviewsOpened: Int
    /// Collision items among them.
    public var collisionsOpened: Int
    /// Review items resolved during the day.
    public var reviewsResolved: Int
    /// Open items at the end of the day.
    public var backlog: Int
    /// Mean age of those open items at the end of the day, in days (nil when none is open).
    public var backlogMeanAgeDays: Double?
    /// Active identities per RNIV status raw value at the end of the day.
    public var identitiesByStatus: [String: Int]
    /// Identities whose traits came from INSi during the day (status moved to RECUP or QUAL).
    public var insiRetrieved: Int
    /// Identities that lost an INSi status during the day (QUAL/RECUP to VALI/PROV).
    public var insiLost: Int
    /// INSi calls journaled during the day whose outcome brought no INS (not found, several, incoherent, failure).
    public var insiCallsWithoutINS: Int

    public init(day: Date) {
        self.day = day
        activeIdentities = 0
        reviewsOpened = 0
        collisionsOpened = 0
        reviewsResolved = 0
        backlog = 0
        backlogMeanAgeDays = nil
        identitiesByStatus = [:]
        insiRetrieved = 0
        insiLost = 0
        insiCallsWithoutINS = 0
    }
}

extension StoreTransaction {
    /// The indicators of every day from the journal's first entry to `now`, oldest first: the journal is
    /// replayed once (creations, status changes, merges, review openings and resolutions), so the series is
    /// exact whatever process made the changes. Entries are replayed in time order (a backdated change counts on
    /// its day).
    public func dailyIndicators(now: Date = Date()) throws(StoreError) -> [DailyIndicators] {
        let query = try connection.statement(
            """
            SELECT action, identity_id, related_id, time, json_extract(before, '$.status'), json_extract(after, '$.status'),
                json_extract(after, '$.id'), coalesce(json_extract(after, '$.kind'), json_extract(after, '$.outcome'))
            FROM journal WHERE action IN ('created', 'updated', 'merged', 'review-opened', 'review-resolved', 'insi-called')
            ORDER BY time, seq
            """, operation: "replay journal for indicators")
        defer { query.reset() }
        let secondsPerDay = 86_400.0
        var days: [DailyIndicators] = []
        var statusOf: [Int64: String] = [:]
        var byStatus: [String: Int] = [:]
        var openedAt: [Int64: Double] = [:]
        var current: DailyIndicators?
        func close(_ day: inout DailyIndicators) {
            day.identitiesByStatus = byStatus.filter { $0.value != 0 }
            day.activeIdentities = statusOf.count
            day.backlog = openedAt.count
            let end = day.day.timeIntervalSince1970 + secondsPerDay
            if !openedAt.isEmpty {
                day.backlogMeanAgeDays = openedAt.values.reduce(0) { $0 + (end - $1) } / Double(openedAt.count) / secondsPerDay
            }
            days.append(day)
        }
        func advance(to time: Double) {
            let start = (time / secondsPerDay).rounded(.down) * secondsPerDay
            if let day = current, day.day.timeIntervalSince1970 == start { return }
            if var day = current {
                close(&day)
                // Days without activity still get a point: the backlog ages on them too.
                var next = day.day.timeIntervalSince1970 + secondsPerDay
                while next < start {
                    var empty = DailyIndicators(day: Date(timeIntervalSince1970: next))
                    close(&empty)
                    next += secondsPerDay
                }
            }
            current = DailyIndicators(day: Date(timeIntervalSince1970: start))
        }
        func isINSi(_ status: String?) -> Bool { status == "RECUP" || status == "QUAL" }
        while try query.step() {
            let time = query.double(3)
            advance(to: time)
            let row = query.int64(1)
            switch query.text(0) {
            case "created":
                if let status = query.text(5) {
                    statusOf[row] = status
                    byStatus[status, default: 0] += 1
                    if isINSi(status) { current?.insiRetrieved += 1 }
                }
            case "updated":
                if let old = statusOf[row], let new = query.text(5), old != new {
                    byStatus[old, default: 0] -= 1
                    byStatus[new, default: 0] += 1
                    statusOf[row] = new
                    if isINSi(new) && !isINSi(old) { current?.insiRetrieved += 1 }
                    if !isINSi(new) && isINSi(old) { current?.insiLost += 1 }
                }
            case "merged":
                if !query.isNull(2), let old = statusOf.removeValue(forKey: query.int64(2)) { byStatus[old, default: 0] -= 1 }
            case "review-opened":
                if !query.isNull(6) { openedAt[query.int64(6)] = time }
                current?.reviewsOpened += 1
                if query.text(7) == ReviewItem.Kind.potentialCollision.rawValue { current?.collisionsOpened += 1 }
            case "review-resolved":
                if !query.isNull(6), openedAt.removeValue(forKey: query.int64(6)) != nil { current?.reviewsResolved += 1 }
            case "insi-called":
                if query.text(7) != "accepted" { current?.insiCallsWithoutINS += 1 }
            default:
                break
            }
        }
        if current != nil {
            advance(to: now.timeIntervalSince1970)
            if var day = current { close(&day) }
        }
        return days
    }
}
