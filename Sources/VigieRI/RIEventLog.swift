import VigieIdentity
import VigieStore

/// The one place where the référentiel records its typed events inside the command's transaction.
///
/// The store journals every write itself (created, updated, merged, identifiers, reviews); the status machine's
/// events are journaled here as `status-changed` entries. OUTBOX HOOK: an outbound feed (HL7 A31/A47, FHIR)
/// that must be written in the same transaction as each committed change belongs in `committed(_:)` below,
/// which `Referentiel` calls once per command, inside the command's savepoint, with the command's outcome.
struct RIEventLog {
    let transaction: StoreTransaction
    let change: ChangeContext

    /// Journals the status machine's events of one identity.
    func statusEvents(_ events: [AuditEvent], of id: String) throws {
        for event in events where event.statusBefore != event.statusAfter || event.hadINS != event.hasINS
            || event.attributesBefore != event.attributesAfter
        {
            try transaction.journalStatusEvent(id: id, event, change: change)
        }
    }

    /// Called once per successful command, in its transaction (rolled back with it): the outbox's place.
    func committed(_ outcome: RIOutcome) throws {}
}
