import Foundation
import Model

/// Something that draws itself into an SVG region of its own size.
public protocol Figure: Sendable {
    var width: Double { get }
    var height: Double { get }
    func draw(into document: inout SVGDocument)
}

extension Figure {
    /// The figure as a standalone SVG file.
    public func svg() -> String {
        var document = SVGDocument(width: width, height: height)
        draw(into: &document)
        return document.text
    }

    /// Writes `<path>.svg` and, when `rsvg-convert` is on PATH, `<path>.png` next to it.
    /// Returns the files written.
    @discardableResult
    public func write(to pathWithoutExtension: URL, pngScale: Double = 2) throws(InputError) -> [URL] {
        let svgURL = pathWithoutExtension.appendingPathExtension("svg")
        try AtomicFile.write(svg(), to: svgURL)
        guard let converter = FigureExport.rsvgConvert else { return [svgURL] }
        let pngURL = pathWithoutExtension.appendingPathExtension("png")
        try FigureExport.convert(svgURL, to: pngURL, converter: converter, scale: pngScale)
        return [svgURL, pngURL]
    }
}

/// Panels side by side (or in a grid), e.g. simulated and experimental FC.
public struct FigureRow: Figure {
    public var panels: [any Figure]
    public var spacing: Double

    public init(_ panels: [any Figure], spacing: Double = 10) {
        self.panels = panels
        self.spacing = spacing
    }

    public var width: Double { panels.map(\.width).reduce(0, +) + spacing * Double(max(panels.count - 1, 0)) }
    public var height: Double { panels.map(\.height).max() ?? 0 }

    public func draw(into document: inout SVGDocument) {
        var x = 0.0
        for panel in panels {
            var inner = SVGDocument(width: panel.width, height: panel.height)
            panel.draw(into: &inner)
            document.append(raw: inner.embedded(x: x, y: 0))
            x += panel.width + spacing
        }
    }
}

/// Panels in rows of `columns`.
public struct FigureGrid: Figure {
    public var panels: [any Figure]
    public var columns: Int
    public var spacing: Double

    public init(_ panels: [any Figure], columns: Int, spacing: Double = 10) {
        self.panels = panels
        self.columns = max(columns, 1)
        self.spacing = spacing
    }

    private var cellWidth: Double { panels.map(\.width).max() ?? 0 }
    private var cellHeight: Double { panels.map(\.height).max() ?? 0 }
    private var rows: Int { (panels.count + columns - 1) / columns }

    public var width: Double { Double(min(columns, panels.count)) * (cellWidth + spacing) - spacing }
    public var height: Double { Double(rows) * (cellHeight + spacing) - spacing }

    public func draw(into document: inout SVGDocument) {
        for (index, panel) in panels.enumerated() {
            var inner = SVGDocument(width: panel.width, height: panel.height)
            panel.draw(into: &inner)
            document.append(raw: inner.embedded(x: Double(index % columns) * (cellWidth + spacing),
                                                y: Double(index / columns) * (cellHeight + spacing)))
        }
    }
}
