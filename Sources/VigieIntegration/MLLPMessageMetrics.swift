import Foundation
import Metrics

/// What `vigie serve` counts of the MLLP traffic (swift-metrics; exported on `/metrics` by swift-prometheus):
/// `vigie_mllp_messages_total{type, outcome}` and the latency histogram `vigie_mllp_message_duration_seconds{type}`
/// (from the frame read to the ACK ready, the group commit included).
///
/// The type is the request's MSH-9 message code and trigger event (`ADT^A28`), kept only when it has that shape
/// (three letters or digits each), else `other`: a sender cannot create labels at will. The outcome is the
/// answer's MSA-1 (`AA`, `AE`, `AR`), `refused` for a frame refused before it was read (oversized), `none` when
/// no answer was given (the server was stopping).
public enum MLLPMessageMetrics {
    static let messages = "vigie_mllp_messages_total"
    static let duration = "vigie_mllp_message_duration_seconds"

    static func record(request: [UInt8], answer: [UInt8]?, started: ContinuousClock.Instant) {
        let type = messageType(request)
        let outcome = answer.map(acknowledgementCode) ?? "none"
        Counter(label: messages, dimensions: [("type", type), ("outcome", outcome)]).increment()
        let elapsed = (ContinuousClock.now - started).components
        Metrics.Timer(label: duration, dimensions: [("type", type)], preferredDisplayUnit: .seconds)
            .recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }

    static func recordRefusal() {
        Counter(label: messages, dimensions: [("type", "other"), ("outcome", "refused")]).increment()
    }

    /// MSH-9.1^MSH-9.2 of an ER7 message, or `other`.
    public static func messageType(_ message: [UInt8]) -> String {
        guard message.count > 8, message.starts(with: Array("MSH".utf8)) else { return "other" }
        let separator = message[3]
        var field = 0, start = 0
        for i in 3..<min(message.count, 4096) {
            if message[i] == 0x0D { break }
            if message[i] == separator {
                field += 1
                if field == 8 { start = i + 1 }
                if field == 9 { return shape(message[start..<i]) }
            }
        }
        return "other"
    }

    /// MSA-1 of an answer, or `other`.
    public static func acknowledgementCode(_ answer: [UInt8]) -> String {
        let marker = Array("\rMSA|".utf8)
        guard answer.count > marker.count + 2 else { return "other" }
        for i in 0...(answer.count - marker.count - 2) where answer[i] == 0x0D && Array(answer[i..<(i + marker.count)]) == marker {
            let code = String(decoding: answer[(i + marker.count)..<(i + marker.count + 2)], as: UTF8.self)
            return ["AA", "AE", "AR", "CA", "CE", "CR"].contains(code) ? code : "other"
        }
        return "other"
    }

    private static func shape(_ field: ArraySlice<UInt8>) -> String {
        let components = field.split(separator: UInt8(ascii: "^"), omittingEmptySubsequences: false)
        guard components.count >= 2 else { return "other" }
        func token(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.count == 3 && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }
        }
        guard token(components[0]), token(components[1]) else { return "other" }
        return String(decoding: components[0], as: UTF8.self) + "^" + String(decoding: components[1], as: UTF8.self)
    }
}
