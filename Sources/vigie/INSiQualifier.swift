import Foundation
import Vigie

/// The référentiel's INSi access for `vigie worker --insi` and `vigie ri verify`: VigieINSi's qualification
/// workflow (INSi calls in the doctrine's order, returned traits compared) behind VigieRI's `RIQualifier`.
///
/// The référentiel's commands are synchronous (one store transaction each); the INSi client is asynchronous
/// (NIO). The call is awaited here on a task, the calling thread waiting: the worker serves one line at a time.
final class INSiQualifier: RIQualifier, @unchecked Sendable {
    let workflow: Qualification

    init(endpoint: String, actor: String, timeoutMilliseconds: Int = 10_000) throws {
        let configuration = INSiClientConfiguration(
            endpoint: endpoint,
            software: SoftwareIdentification(
                authorisationNumber: "VIGIE-TEST-0001", version: "1.0", instance: "00000000-0000-4000-8000-000000000000",
                name: "urn:lps:vigie:1.0"),
            tls: nil, timeoutMilliseconds: timeoutMilliseconds, maxAttempts: 3)
        workflow = Qualification(client: try INSiClient(configuration: configuration), actor: actor)
    }

    func qualify(_ identity: Identity, document: DocumentCheck?) throws -> RIQualificationResult {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        let workflow = self.workflow
        Task {
            do {
                let outcome = try await workflow.qualify(identity, document: document)
                box.result = .success(outcome)
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        let outcome = try box.result!.get()
        switch outcome.decision {
        case .insAccepted:
            guard let ins = outcome.identity.ins else { return .refused(reason: "no INS returned") }
            return .accepted(
                ins: ins, history: outcome.identity.insHistory, traits: outcome.identity.traits, queriedOn: Self.today())
        case .notFound: return .refused(reason: "CR 01, no identity found")
        case .several: return .refused(reason: "CR 02, several identities")
        case .incoherent(let fields): return .refused(reason: "returned traits differ (\(fields.joined(separator: ", ")))")
        }
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<QualificationOutcome, any Error>?
}
