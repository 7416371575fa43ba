/// Who submits a command to the référentiel: a person (an operator's login, from the web workspace or HL7 EVN-5)
/// and/or the application that carried it (HL7 MSH-3/MSH-4, an MLLP connection, a JSON client).
///
/// The journal's actor is the person when known, else the application; the application is journaled beside it
/// (in the entry's reason), so that every change says who made it and through what.
public struct RIActor: Sendable, Hashable, Codable {
    /// The operator's login (EVN-5, web session), when a person triggered the command.
    public var user: String?
    /// The application that carried the command (`GAM@CHU-X`, `web`, `json`), when known.
    public var application: String?

    /// Creates an actor; at least one of the two should be given (an empty actor is journaled as `unknown`).
    public init(user: String? = nil, application: String? = nil) {
        self.user = user.flatMap { $0.isEmpty ? nil : $0 }
        self.application = application.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A person acting directly (web workspace).
    public static func person(_ login: String, via application: String = "web") -> RIActor {
        RIActor(user: login, application: application)
    }

    /// An application with no operator named.
    public static func application(_ name: String) -> RIActor { RIActor(application: name) }

    /// The journal's actor: the person when known, else the application.
    public var journalName: String { user ?? application ?? "unknown" }

    /// True when a person is named (their reads are journaled too).
    public var isPerson: Bool { user != nil }

    /// The journal's reason for a command: the event code, and the carrying application when a person is named.
    public func reason(_ event: String) -> String {
        guard let user, let application, user != application else { return event }
        return "\(event) via \(application)"
    }
}
