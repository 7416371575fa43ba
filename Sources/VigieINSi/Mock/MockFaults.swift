import VigieText

/// Faults the mock teleservice injects, for testing what a client does when the service misbehaves.
///
/// Spec (`vigie insi-mock --faults SPEC`): comma-separated rules.
/// - `latency=MS`: every answer waits MS milliseconds.
/// - `timeout=SEL`: no answer at all (the connection stays open until the client gives up).
/// - `http=STATUS:SEL`: an HTTP error status (e.g. 500, 502, 503) with a non-SOAP body, as a gateway sends.
/// - `malformed=SEL`: a 200 answer whose XML is cut short.
/// - `technical=SEL`: the service's own technical fault (`siram_40`/`insi_102`).
/// - `ratelimit=N` or `ratelimit=N/S`: at most N requests per window of S seconds (default 1); beyond,
///   HTTP 429 with `Retry-After` (the real service's behaviour under load is not documented publicly).
/// - `seed=N`: seed of the probabilities.
///
/// SEL chooses the requests (numbered from 1 in arrival order): `every:K` (every K-th), `first:K`
/// (the first K), `p:X` (each with probability X), `all`.
public struct MockFaults: Sendable, Hashable {
    /// Which requests a rule applies to.
    public enum Selector: Sendable, Hashable {
        /// Every K-th request (K, 2K, ...).
        case every(Int)
        /// The first K requests.
        case first(Int)
        /// Each request with this probability.
        case probability(Double)
        /// Every request.
        case all
    }

    /// What happens to a selected request.
    public enum Kind: Sendable, Hashable {
        /// No answer.
        case timeout
        /// An HTTP error status with a non-SOAP body.
        case httpStatus(Int)
        /// XML cut short.
        case malformed
        /// `siram_40` / `insi_102`.
        case technicalFault
    }

    /// One rule.
    public struct Rule: Sendable, Hashable {
        /// What happens.
        public var kind: Kind
        /// To which requests.
        public var selector: Selector

        /// Creates a rule.
        public init(_ kind: Kind, _ selector: Selector) {
            self.kind = kind
            self.selector = selector
        }
    }

    /// Delay before every answer, in milliseconds.
    public var latencyMilliseconds: Int
    /// Rules, the first that selects a request wins.
    public var rules: [Rule]
    /// Maximum requests per window (nil: no limit).
    public var rateLimit: Int?
    /// Length of the rate-limit window, in seconds.
    public var rateLimitWindowSeconds: Int = 1
    /// Seed for probabilistic selectors.
    public var seed: UInt64

    /// No fault.
    public static let none = MockFaults(latencyMilliseconds: 0, rules: [], rateLimit: nil, seed: 1)

    /// Creates a fault plan.
    public init(latencyMilliseconds: Int = 0, rules: [Rule] = [], rateLimit: Int? = nil, seed: UInt64 = 1) {
        self.latencyMilliseconds = latencyMilliseconds
        self.rules = rules
        self.rateLimit = rateLimit
        self.seed = seed
    }

    /// Parses a spec (see the type's documentation).
    public init(spec: String) throws(MockFaultsError) {
        self = .none
        for (n, raw) in spec.split(separator: ",").enumerated() {
            let rule = raw.trimmingCharacters(in: " ")
            guard let eq = rule.firstIndex(of: "=") else { throw .invalidRule(position: n + 1) }
            let name = String(rule[..<eq])
            let value = String(rule[rule.index(after: eq)...])
            switch name {
            case "latency":
                guard let ms = Int(value), ms >= 0 else { throw .invalidRule(position: n + 1) }
                latencyMilliseconds = ms
            case "ratelimit":
                let parts = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard let r = Int(parts[0]), r > 0 else { throw .invalidRule(position: n + 1) }
                if parts.count == 2 {
                    guard let s = Int(parts[1]), s > 0 else { throw .invalidRule(position: n + 1) }
                    rateLimitWindowSeconds = s
                }
                rateLimit = r
            case "seed":
                guard let s = UInt64(value) else { throw .invalidRule(position: n + 1) }
                seed = s
            case "timeout", "malformed", "technical":
                let kind: Kind = name == "timeout" ? .timeout : name == "malformed" ? .malformed : .technicalFault
                rules.append(Rule(kind, try Self.selector(value, position: n + 1)))
            case "http":
                guard let colon = value.firstIndex(of: ":"), let status = Int(value[..<colon]), (400...599).contains(status) else {
                    throw .invalidRule(position: n + 1)
                }
                rules.append(Rule(.httpStatus(status), try Self.selector(String(value[value.index(after: colon)...]), position: n + 1)))
            default:
                throw .invalidRule(position: n + 1)
            }
        }
    }

    static func selector(_ s: String, position: Int) throws(MockFaultsError) -> Selector {
        if s == "all" { return .all }
        let parts = s.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .invalidRule(position: position) }
        switch parts[0] {
        case "every": if let k = Int(parts[1]), k > 0 { return .every(k) }
        case "first": if let k = Int(parts[1]), k >= 0 { return .first(k) }
        case "p": if let x = Double(parts[1]), x >= 0, x <= 1 { return .probability(x) }
        default: break
        }
        throw .invalidRule(position: position)
    }

    /// The fault for request number `n` (1-based), drawing from `random` for probabilities.
    public func fault(forRequest n: Int, random: inout SplitMix64) -> Kind? {
        for rule in rules {
            switch rule.selector {
            case .all: return rule.kind
            case .every(let k): if n % k == 0 { return rule.kind }
            case .first(let k): if n <= k { return rule.kind }
            case .probability(let x): if random.nextUnit() < x { return rule.kind }
            }
        }
        return nil
    }
}

/// A fault spec that cannot be read (position = 1-based index of the rule).
public enum MockFaultsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rule at this position is not understood.
    case invalidRule(position: Int)

    public var description: String {
        switch self {
        case .invalidRule(let p): return "--faults: rule \(p) is not understood (see `vigie insi-mock --help`)"
        }
    }
}


extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
