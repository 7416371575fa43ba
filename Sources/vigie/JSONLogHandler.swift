import Foundation
import Logging
import Vigie

/// `--log-format json`: one JSON object a line on stderr (`time`, `level`, `label`, `message`, then the metadata),
/// for a log collector (Loki, Elasticsearch, journald's JSON input).
///
/// Hand-written: swift-log ships only `StreamLogHandler` (text), and no package of the machine's list writes JSON
/// lines (swift-otel exports OTLP to a collector, not a stream). The messages and metadata are the ones the text
/// handler gets, which never hold an identity trait (record ids, codes, counts).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .notice
    var metadata: Logger.Metadata = [:]
    private static let lock = NSLock()

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = "{\"time\":\(Self.quoted(Self.timestamp()))"
        line += ",\"level\":\(Self.quoted(event.level.rawValue)),\"label\":\(Self.quoted(label))"
        line += ",\"message\":\(Self.quoted(event.message.description))"
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        for key in merged.keys.sorted() where !["time", "level", "label", "message"].contains(key) {
            line += ",\(Self.quoted(key)):\(Self.quoted(merged[key]!.description))"
        }
        line += ",\"source\":\(Self.quoted(event.source))}\n"
        Self.lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp() -> String {
        let now = Date()
        var seconds = time_t(now.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let milliseconds = Int((now.timeIntervalSince1970 - Double(seconds)) * 1000)
        func pad(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(milliseconds, 3))Z"
    }

    /// A JSON string literal (VigieText's, the one escaping of hand-written JSON).
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
