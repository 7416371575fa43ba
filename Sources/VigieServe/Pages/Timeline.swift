import Foundation
import VigieStore

/// A journal as a timeline, newest first: when, what, who, why. Before/after states are not shown (they hold
/// the INS of identities that may not share it); the identity page shows the current state.
enum Timeline {
    static func render(_ entries: [JournalEntry], limit: Int = 200) -> String {
        if entries.isEmpty { return "<p class=\"muted\">Journal vide.</p>" }
        var out = "<ol class=\"timeline\">"
        for entry in entries.reversed().prefix(limit) {
            let css = switch entry.action {
            case .viewed: "viewed"
            case .reviewResolved, .merged, .reviewDeferred: "decision"
            default: ""
            }
            out += "<li class=\"\(css)\" data-action=\"\(entry.action.rawValue)\"><time datetime=\"\(ISO8601DateFormatter().string(from: entry.time))\">\(HTML.dateTime(entry.time))</time>"
            out += "<strong>\(Labels.action(entry.action))</strong>"
            if let related = entry.relatedID { out += " — <a href=\"/identites/\(related)\">\(related)</a>" }
            out += " par <span class=\"actor\">\(HTML.h(entry.actor))</span>"
            if !entry.reason.isEmpty { out += "<div class=\"why\">\(HTML.h(entry.reason))</div>" }
            out += "</li>"
        }
        if entries.count > limit { out += "<li class=\"viewed\"><span class=\"muted\">… \(entries.count - limit) entrées plus anciennes</span></li>" }
        return out + "</ol>"
    }
}
