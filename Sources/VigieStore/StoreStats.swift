/// Counts over the store, for `stats` requests and monitoring. Contains no trait.
public struct StoreStats: Sendable, Hashable, Codable {
    /// Schema version of the file.
    public var schemaVersion: Int
    /// Identities not merged away.
    public var activeIdentities: Int
    /// Identities merged into another one.
    public var mergedIdentities: Int
    /// Active identities per status raw value (`PROV`, `RECUP`, `VALI`, `QUAL`).
    public var identitiesByStatus: [String: Int]
    /// Local identifiers, including those of merged-away identities.
    public var localIdentifiers: Int
    /// Links (A24).
    public var links: Int
    /// Review items still open.
    public var openReviews: Int
    /// Journal entries.
    public var journalEntries: Int
    /// Messages remembered for idempotency.
    public var processedMessages: Int

    /// Creates stats (the store builds these).
    public init(
        schemaVersion: Int, activeIdentities: Int, mergedIdentities: Int, identitiesByStatus: [String: Int],
        localIdentifiers: Int, links: Int, openReviews: Int, journalEntries: Int, processedMessages: Int
    ) {
        self.schemaVersion = schemaVersion
        self.activeIdentities = activeIdentities
        self.mergedIdentities = mergedIdentities
        self.identitiesByStatus = identitiesByStatus
        self.localIdentifiers = localIdentifiers
        self.links = links
        self.openReviews = openReviews
        self.journalEntries = journalEntries
        self.processedMessages = processedMessages
    }
}
