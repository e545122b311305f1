import Foundation

/// A minimal SVG writer: figures append elements, `text` gives the file.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var body: [String] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, strokeWidth: Double = 1) {
        var element = "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill)\""
        if let stroke { element += " stroke=\"\(stroke)\" stroke-width=\"\(f(strokeWidth))\"" }
        body.append(element + "/>")
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000",
                              width: Double = 1, dash: String? = nil) {
        var element = "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\""
        if let dash { element += " stroke-dasharray=\"\(dash)\"" }
        body.append(element + "/>")
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1) {
        guard !points.isEmpty else { return }
        let list = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\" stroke-linejoin=\"round\"/>")
    }

    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, opacity: Double = 1) {
        body.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"\(fill)\"\(opacity < 1 ? " fill-opacity=\"\(f(opacity))\"" : "")/>")
    }

    /// Text anchored at (x, y); `anchor` is start, middle or end; `rotation` in degrees about (x, y).
    public mutating func text(_ string: String, x: Double, y: Double, size: Double = 11, anchor: String = "start",
                              rotation: Double = 0, weight: String = "normal", color: String = "#000",
                              baseline: String = "auto") {
        var element = "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor)\" fill=\"\(color)\""
        if weight != "normal" { element += " font-weight=\"\(weight)\"" }
        if baseline != "auto" { element += " dominant-baseline=\"\(baseline)\"" }
        if rotation != 0 { element += " transform=\"rotate(\(f(rotation)) \(f(x)) \(f(y)))\"" }
        body.append(element + ">\(Self.escape(string))</text>")
    }

    /// Raw element text (e.g. a nested document from `embedded`).
    public mutating func append(raw element: String) { body.append(element) }

    /// This document's content shifted by (x, y), for composing panels.
    public func embedded(x: Double, y: Double) -> String {
        "<g transform=\"translate(\(f(x)) \(f(y)))\">\n" + body.joined(separator: "\n") + "\n</g>"
    }

    public var text: String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }

    static func escape(_ string: String) -> String {
        string.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Coordinates with two decimals keep files small.
    private func f(_ value: Double) -> String { String(format: "%.2f", value) }
}
