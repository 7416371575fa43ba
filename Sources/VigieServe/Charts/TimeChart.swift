import Foundation

/// Indicators over time as inline SVG: lines, bars, or 100 % stacked areas, one point per day.
struct TimeChart {
    struct Series {
        var name: String
        /// CSS class (colour) of the series: `line1`, `bar2`, `s-QUAL`…
        var css: String
        var values: [Double]
    }

    enum Style { case lines, bars, stackedShares }

    var days: [Date]
    var series: [Series]
    var style: Style
    var unit: String
    var label: String

    func svg() -> String {
        let width = 600.0, height = 220.0, left = 48.0, right = 12.0, top = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = max(days.count, 1)
        var maxValue = 1.0
        switch style {
        case .lines: maxValue = max(1, series.flatMap(\.values).max() ?? 1)
        case .bars: maxValue = max(1, (0..<count).map { i in series.reduce(0) { $0 + ($1.values.indices.contains(i) ? $1.values[i] : 0) } }.max() ?? 1)
        case .stackedShares: maxValue = 100
        }
        // Four grid steps of a round size (whole numbers for counts).
        let counts = style != .stackedShares && series.allSatisfy { $0.values.allSatisfy { $0 == $0.rounded() } }
        var step = niceCeiling(maxValue / 4)
        if counts { step = max(1, step.rounded(.up)) }
        maxValue = style == .stackedShares ? 100 : step * 4
        func x(_ i: Int) -> Double { count == 1 ? left + plotWidth / 2 : left + Double(i) / Double(count - 1) * plotWidth }
        func y(_ v: Double) -> Double { top + plotHeight - v / maxValue * plotHeight }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.h(label))\">"
        for step in 0...4 {
            let value = maxValue * Double(step) / 4
            svg += "<line class=\"gridline\" x1=\"\(f(left))\" y1=\"\(f(y(value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(value)))\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\">\(format(value))\(unit)</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\"/>"
        let labelEvery = max(1, count / 6)
        for (i, day) in days.enumerated() where i % labelEvery == 0 || i == count - 1 {
            let anchor = i == count - 1 && count > 1 ? "end" : (i == 0 && count > 1 ? "start" : "middle")
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(height - 8))\" text-anchor=\"\(anchor)\">\(HTML.h(String(HTML.date(day).prefix(5))))</text>"
        }
        switch style {
        case .lines:
            for s in series {
                let points = s.values.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ")
                svg += "<polyline class=\"\(s.css)\" points=\"\(points)\"><title>\(HTML.h(s.name))</title></polyline>"
                if s.values.count == 1 { svg += "<circle class=\"\(s.css)\" cx=\"\(f(x(0)))\" cy=\"\(f(y(s.values[0])))\" r=\"3\"/>" }
            }
        case .bars:
            let slot = plotWidth / Double(count)
            let barWidth = max(2, slot * 0.7)
            for i in 0..<count {
                var base = 0.0
                for s in series where s.values.indices.contains(i) && s.values[i] > 0 {
                    let value = s.values[i]
                    let cx = count == 1 ? x(0) : left + slot * (Double(i) + 0.5)
                    svg += "<rect class=\"\(s.css)\" x=\"\(f(cx - barWidth / 2))\" y=\"\(f(y(base + value)))\" width=\"\(f(barWidth))\" height=\"\(f(y(base) - y(base + value)))\">"
                    svg += "<title>\(HTML.h(HTML.date(days[i]))) — \(HTML.h(s.name)) : \(format(value))</title></rect>"
                    base += value
                }
            }
        case .stackedShares:
            var lower = [Double](repeating: 0, count: count)
            for s in series {
                var upper = lower
                for i in 0..<count where s.values.indices.contains(i) { upper[i] += s.values[i] }
                var path = ""
                for i in 0..<count { path += (i == 0 ? "M" : "L") + "\(f(x(i))),\(f(y(upper[i])))" }
                for i in stride(from: count - 1, through: 0, by: -1) { path += "L\(f(x(i))),\(f(y(lower[i])))" }
                if count == 1 {
                    svg += "<rect class=\"\(s.css)\" x=\"\(f(x(0) - 20))\" y=\"\(f(y(upper[0])))\" width=\"40\" height=\"\(f(y(lower[0]) - y(upper[0])))\"/>"
                } else {
                    svg += "<path class=\"\(s.css)\" d=\"\(path)Z\"><title>\(HTML.h(s.name))</title></path>"
                }
                lower = upper
            }
        }
        return svg + "</svg>"
    }

    func legend() -> String {
        "<div class=\"legend\">" + series.map { "<span><i class=\"\(legendClass($0.css))\"></i>\(HTML.h($0.name))</span>" }.joined() + "</div>"
    }

    private func legendClass(_ css: String) -> String {
        switch css {
        case "line1", "bar1": "k1"
        case "line2", "bar2": "k2"
        case "line3": "k3"
        case "bar3": "k4"
        default: css
        }
    }

    private func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : HTML.decimal(value)
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
