import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Server-rendered HTML: text is escaped where it is interpolated (`h`), markup is built as strings.
/// No template engine: the pages are few and typed Swift keeps them checked by the compiler.
enum HTML {
    /// Escapes text for element content and double-quoted attributes.
    static func h(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A page response: no caching (pages show traits), strict CSP (same-origin scripts and styles only).
    static func response(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        SecurityHeaders.apply(to: &headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// 303 to `location` (after a form post), with optional cookies.
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        SecurityHeaders.apply(to: &response.headers)
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// French date and time, Europe/Paris (the cell's clock).
    static func dateTime(_ date: Date) -> String { dateTimeFormatter.string(from: date) }
    static func date(_ date: Date) -> String { dateFormatter.string(from: date) }

    /// "il y a 3 j", "il y a 5 h", "à l'instant".
    static func age(_ date: Date, now: Date) -> String {
        let seconds = max(0, now.timeIntervalSince(date))
        if seconds < 60 { return "à l’instant" }
        if seconds < 3600 { return "il y a \(Int(seconds / 60)) min" }
        if seconds < 86_400 { return "il y a \(Int(seconds / 3600)) h" }
        return "il y a \(Int(seconds / 86_400)) j"
    }

    /// `12,3` (French decimal comma).
    static func decimal(_ value: Double, digits: Int = 1) -> String {
        String(format: "%.\(digits)f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// `+12,3` / `−4,0` with a true minus sign.
    static func signed(_ value: Double) -> String {
        let text = decimal(abs(value))
        return (value < -0.05 ? "−" : "+") + text
    }

    private static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!
    private static let dateTimeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = paris
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter
    }()
    private static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = paris
        formatter.dateFormat = "dd/MM/yyyy"
        return formatter
    }()
}

/// Headers every page and API answer carries.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func apply(to headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }
}
