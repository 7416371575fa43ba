import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging
import Testing
import VigieIdentity
import VigieMatch
import VigieRI
@testable import VigieServe
import VigieStore

/// A store seeded with the CNDA's public INSi test identities (test persons, not patients; see
/// `shared/research/ins-domain.md` §2.6) and look-alike records typed from them, the review items the
/// matcher opens for them (real explanations from the built-in model), and three operators.
final class ServeFixture: @unchecked Sendable {
    let directory: String
    let path: String
    let store: IdentityStore
    /// Reference clock: items were opened 1 to 12 days before it.
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    static let password = "correct-horse-battery-staple"
    static let cell = "cellule.martin"
    static let viewer = "consult.durand"
    static let system = "eai.gam"

    /// Item ids by name.
    var items: [String: Int64] = [:]
    /// The system operator's bearer token.
    var token = ""

    init(seed: Bool = true) throws {
        directory = NSTemporaryDirectory() + "vigie-serve-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/ri.sqlite"
        store = try IdentityStore(path: path)
        guard seed else { return }
        let admin = OperatorAdmin(store: store, cost: 10)
        try admin.add(login: Self.cell, role: .cell, password: Self.password)
        try admin.add(login: Self.viewer, role: .viewer, password: Self.password)
        try admin.add(login: Self.system, role: .system, password: "")
        token = try admin.issueToken(login: Self.system)
        try seedIdentities()
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func at(daysAgo: Double) -> ChangeContext {
        ChangeContext(actor: "GAM@CHU", reason: "ADT^A28", time: now.addingTimeInterval(-daysAgo * 86_400))
    }

    static func identity(
        _ name: String, _ first: [String], _ sex: Sex, _ date: String, _ place: String?, ins: String? = nil, qualified: Bool = false
    ) throws -> Identity {
        let traits = StrictTraits(
            birthName: name, firstNames: first, sex: sex, birthDate: try BirthDate(date), birthPlace: try place.map { try BirthPlace($0) })
        guard let ins, qualified else { return Identity(traits: traits) }
        return Identity(
            traits: traits, ins: INS(matricule: try Matricule(ins), authority: .nir), status: .qualified,
            hasHighTrustDocument: DocumentCheck(type: .nationalIdentityCard), insiRetrieved: true)
    }

    private func seedIdentities() throws {
        func create(_ identity: Identity, _ ipp: String, _ domain: String, daysAgo: Double) throws -> StoredIdentity {
            try store.create(identity, localIDs: [LocalIdentifier(value: ipp, domain: domain)], change: at(daysAgo: daysAgo))
        }
        // ADRUN ZOE (CNDA, INS 2751263220749 74) and a record typed at the emergency desk with a typo.
        let zoe = try create(Self.identity("ADRUN", ["ZOE"], .female, "1975-12-31", "63220", ins: "275126322074974", qualified: true), "1001", "CHU-A", daysAgo: 30)
        let zoeTypo = try create(Self.identity("ADRIN", ["ZOE"], .female, "1975-12-31", "63220"), "9001", "URG", daysAgo: 12)
        items["zoe"] = try review(zoe, zoeTypo, daysAgo: 12)
        // NESSI NATHALIE (CNDA) and a namesake born the same day elsewhere: homonyms.
        let nathalie = try create(Self.identity("NESSI", ["NATHALIE"], .female, "1977-07-14", "63220"), "1002", "CHU-A", daysAgo: 25)
        let namesake = try create(Self.identity("NESSI", ["NATHALIE"], .female, "1977-07-14", "75056"), "9002", "URG", daysAgo: 5)
        items["nessi"] = try review(nathalie, namesake, daysAgo: 5)
        // TCHITCHI CATARINA BELLA (CNDA) and a record with day and month swapped, second first name missing.
        let catarina = try create(Self.identity("TCHITCHI", ["CATARINA", "BELLA"], .female, "1936-06-21", "63220"), "1003", "CHU-A", daysAgo: 20)
        let swapped = try create(Self.identity("TCHITCHI", ["CATARINA"], .female, "1936-06-12", "63220"), "9003", "URG", daysAgo: 2)
        items["tchitchi"] = try review(catarina, swapped, daysAgo: 2)
        // PAT-TROIS DOMINIQUE (ANS example, INS 279035121518989) and another record carrying her INS with another
        // first name: a potential collision.
        let dominique = try create(Self.identity("PAT-TROIS", ["DOMINIQUE"], .female, "1979-03-28", "63220", ins: "279035121518989", qualified: true), "1004", "CHU-A", daysAgo: 18)
        var other = try Self.identity("PAT-TROIS", ["DOMINIQUE"], .female, "1979-03-28", "63220", ins: "279035121518989", qualified: true)
        other.traits.firstNames = ["CLAIRE"]
        let collision = try create(other, "9004", "LABO", daysAgo: 1)
        items["collision"] = try review(dominique, collision, daysAgo: 1, kind: .potentialCollision, prefix: "same-ins; ")
    }

    /// Enqueues the pair as the worker does: the built-in model's score and explanation.
    private func review(
        _ a: StoredIdentity, _ b: StoredIdentity, daysAgo: Double, kind: ReviewItem.Kind = .potentialDuplicate, prefix: String = ""
    ) throws -> Int64 {
        let pair = score(
            try PreparedRecord(identity: a.identity, id: a.id), try PreparedRecord(identity: b.identity, id: b.id),
            model: .builtIn)
        return try store.enqueueReview(
            ReviewItem(kind: kind, identityIDs: [a.id, b.id], score: pair.score, explanation: prefix + pair.explanation.description),
            change: at(daysAgo: daysAgo)).id
    }

    /// The server's services on this store, with the fixture's clock.
    func services(insiURL: String? = nil) -> ServeServices {
        let now = self.now
        var logger = Logger(label: "vigie.serve.tests")
        logger.logLevel = .critical  // cancelling the server task at the end of a test logs at error level
        let ri = try! Referentiel(store: store, configuration: RIConfiguration(now: { now }), logger: logger)
        return ServeServices(
            ri: ri,
            configuration: ServeConfiguration(storePath: path, port: 0, insiURL: insiURL, loginThrottle: .init(freeAttempts: 3, firstDelay: 60)),
            logger: logger, now: { now })
    }

    /// Starts the application on 127.0.0.1 with a free port; `stop()` cancels it.
    func start(insiURL: String? = nil) async throws -> RunningServer {
        let services = services(insiURL: insiURL)
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let application = try VigieServer.buildApplication(services: services, onReady: { url in continuation.yield(url) })
        let task = Task { try await application.run() }
        var iterator = stream.makeAsyncIterator()
        guard let url = await iterator.next() else { throw ServeError(.internalServerError, "no-url", "server did not start") }
        return RunningServer(url: URL(string: url)!, task: task)
    }
}

struct RunningServer {
    let url: URL
    let task: Task<Void, any Error>
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// A minimal HTTP client with its own cookie jar (no shared storage, no redirect following).
final class TestClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    let base: URL
    var cookies: [String: String] = [:]
    var csrf: String?
    private lazy var session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }()

    init(_ base: URL) { self.base = base }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var setCookies: [String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]) }
    }

    func send(
        _ method: String, _ path: String, json: Any? = nil, form: String? = nil, headers: [String: String] = [:], withCSRF: Bool = true
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let form {
            request.httpBody = Data(form.utf8)
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        if !cookies.isEmpty {
            request.setValue(cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "), forHTTPHeaderField: "Cookie")
        }
        if withCSRF, let csrf, method != "GET" { request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
        let setCookies = (fields["set-cookie"] ?? "").isEmpty ? [] : [fields["set-cookie"]!]
        for cookie in setCookies {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return Answer(status: http.statusCode, headers: fields, setCookies: setCookies, body: data)
    }

    /// Logs in through the JSON API and keeps the cookie and the CSRF token.
    @discardableResult
    func login(_ login: String, password: String = ServeFixture.password) async throws -> Answer {
        let answer = try await send("POST", "/api/session", json: ["login": login, "password": password])
        if answer.status == 200 { csrf = try answer.json()["csrf_token"] as? String }
        return answer
    }

    // No redirect following: tests look at the 303 itself.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
