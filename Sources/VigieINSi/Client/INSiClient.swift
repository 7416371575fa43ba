import Foundation
import Logging
import NIOCore
import VigieIdentity

/// One request sent during a search, and its answer code (for the audit trail; no trait value).
public struct INSiCall: Sendable, Hashable {
    /// Which first names were sent: `.single(k)` = the k-th birth first name (0-based), `.list` = all.
    public enum FirstNameQuery: Sendable, Hashable {
        /// The k-th birth first name alone.
        case single(Int)
        /// The whole space-separated list.
        case list
    }
    /// The first names sent.
    public var firstNames: FirstNameQuery
    /// Whether the birth place was sent.
    public var withBirthPlace: Bool
    /// The CR code answered.
    public var code: String
    /// Transport attempts made for this call.
    public var attempts: Int
}

/// The outcome of the doctrine's search sequence.
public struct INSiSearchOutcome: Sendable, Hashable {
    /// The deciding answer: the `00` if one was found, else `02` if any call gave it, else `01`.
    public var result: INSiResult
    /// Every call made, in order.
    public var calls: [INSiCall]
}

/// The INSi teleservice client: SOAP 1.2 over HTTP/1.1 (AsyncHTTPClient: keep-alive connections, an optional
/// `CONNECT` proxy), mutual TLS for real endpoints, timeouts, retries with backoff on transport failures only.
public struct INSiClient: Sendable {
    /// The configuration.
    public let configuration: INSiClientConfiguration
    private let transport: HTTPTransport
    private let logger: Logger

    /// Creates a client; loads the TLS files now, so that a bad configuration fails before any call.
    public init(configuration: INSiClientConfiguration, logger: Logger = Logger(label: "vigie.insi")) throws(INSiClientError) {
        self.configuration = configuration
        self.transport = try HTTPTransport(
            url: configuration.endpoint, tls: configuration.tls, proxy: configuration.proxy, keepAlive: configuration.keepAlive)
        self.logger = logger
    }

    /// Searches the INS of these traits the way the doctrine asks: each birth first name alone, then the
    /// whole list (stopping at the first `00`); when a call answered `02` and the birth place is known,
    /// the calls that answered `02` are made again with the place. Traits are checked before any call.
    /// Faults and transport failures end the search with an error (no partial result is used).
    public func searchINS(for traits: StrictTraits) async throws(INSiClientError) -> INSiSearchOutcome {
        let wire = try TraitCheck.wireValues(traits)
        var queries: [(INSiCall.FirstNameQuery, String)] = wire.firstNames.enumerated().map { (.single($0.offset), $0.element) }
        if wire.firstNames.count > 1 { queries.append((.list, wire.firstNames.joined(separator: " "))) }
        var calls: [INSiCall] = []
        var several: [(INSiCall.FirstNameQuery, String)] = []
        for (which, query) in queries {
            let (result, attempts) = try await call(wire.search(firstNames: query, withPlace: false))
            calls.append(INSiCall(firstNames: which, withBirthPlace: false, code: result.code, attempts: attempts))
            switch result.reportCode {
            case .found: return INSiSearchOutcome(result: result, calls: calls)
            case .several: several.append((which, query))
            case .notFound: break
            case nil: throw .unexpectedReportCode(result.code)
            }
        }
        if wire.birthPlace != nil {
            for (which, query) in several {
                let (result, attempts) = try await call(wire.search(firstNames: query, withPlace: true))
                calls.append(INSiCall(firstNames: which, withBirthPlace: true, code: result.code, attempts: attempts))
                switch result.reportCode {
                case .found: return INSiSearchOutcome(result: result, calls: calls)
                case .several, .notFound: break
                case nil: throw .unexpectedReportCode(result.code)
                }
            }
        }
        return INSiSearchOutcome(result: INSiResult(several.isEmpty ? .notFound : .several), calls: calls)
    }

    /// One search request (retried on transport failures only). Returns the result and the attempts made.
    public func call(_ search: TraitSearch) async throws(INSiClientError) -> (INSiResult, attempts: Int) {
        let (answer, attempts) = try await exchange(operation: .searchByTraits) { messageID in
            envelope(operation: .searchByTraits, messageID: messageID, search: search).xml
        }
        switch answer {
        case .result(let r): return (r, attempts)
        case .fault(let f): throw .fault(f)
        }
    }

    /// Verification of a known INS against traits — Vigie's best-knowledge operation (see
    /// ``INSVerification``); works against the mock, unconfirmed against the real service.
    public func verify(_ verification: INSVerification) async throws(INSiClientError) -> INSiResult {
        let (answer, _) = try await exchange(operation: .verifyINS) { messageID in
            var request = envelope(operation: .verifyINS, messageID: messageID, search: nil)
            request.bodyXML = verification.xml
            return request.xml
        }
        switch answer {
        case .result(let r): return r
        case .fault(let f): throw .fault(f)
        }
    }

    private func envelope(operation: INSiOperation, messageID: String, search: TraitSearch?) -> INSiRequest {
        var request = INSiRequest(
            operation: operation, messageID: messageID, contextLPSID: UUID().uuidString.lowercased(),
            contextBAMID: UUID().uuidString.lowercased(), time: Self.timestamp(Date()), emitter: configuration.emitter,
            software: configuration.software, securityContent: configuration.securityContent,
            search: search ?? TraitSearch(birthName: nil, firstNames: [], sex: nil, birthDate: nil))
        if search == nil { request.search = nil }
        return request
    }

    private func exchange(operation: INSiOperation, body: (String) -> String) async throws(INSiClientError) -> (INSiAnswer, Int) {
        let messageID = "uuid:" + UUID().uuidString.lowercased()
        let xml = body(messageID)
        var last = TransportFailure.connect
        var attempt = 0
        while attempt < configuration.maxAttempts {
            attempt += 1
            if attempt > 1 {
                let wait = backoff(attempt: attempt, after: last)
                logger.info("insi: retrying", metadata: ["message": "\(messageID)", "attempt": "\(attempt)", "after": "\(last)"])
                try? await Task.sleep(nanoseconds: UInt64(wait) * 1_000_000)
            }
            do {
                let response = try await transport.post(xml, action: operation.rawValue, timeout: .milliseconds(Int64(configuration.timeoutMilliseconds)))
                if response.status == 429 { last = .rateLimited; continue }
                // A SOAP answer (result or fault) is an answer, whatever the status (faults come with 400/500).
                let answer: INSiAnswer
                do {
                    answer = try INSiAnswer(bytes: response.body)
                } catch {
                    last = (200..<300).contains(response.status) ? .malformedAnswer(error) : .httpStatus(response.status)
                    continue
                }
                if case .fault(let f) = answer {
                    logger.info("insi: fault", metadata: ["message": "\(messageID)", "fault": "\(f)"])
                }
                return (answer, attempt)
            } catch {
                last = error
            }
        }
        logger.warning("insi: giving up", metadata: ["message": "\(messageID)", "attempts": "\(attempt)", "last": "\(last)"])
        throw .transport(attempts: attempt, last: last)
    }

    /// Exponential backoff with jitter; at least one second after a 429 (`Retry-After: 1`).
    private func backoff(attempt: Int, after failure: TransportFailure) -> Int {
        let base = configuration.backoffMilliseconds << min(attempt - 2, 16)
        let capped = min(base, configuration.maxBackoffMilliseconds)
        let jittered = capped / 2 + Int.random(in: 0...max(capped / 2, 1))
        return failure == .rateLimited ? max(jittered, 1_000) : jittered
    }

    /// `YYYY-MM-DDThh:mm:ss.sssZ` in UTC, as the contexts' `Temps`.
    static func timestamp(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        var t = time_t(ms / 1000)
        var tm = tm()
        gmtime_r(&t, &tm)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(tm.tm_year + 1900, 4))-\(pad(tm.tm_mon + 1, 2))-\(pad(tm.tm_mday, 2))T\(pad(tm.tm_hour, 2)):\(pad(tm.tm_min, 2)):\(pad(tm.tm_sec, 2)).\(pad(Int32(ms % 1000), 3))Z"
    }
}
