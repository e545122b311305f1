import Analysis

/// A self-contained HTML page: escaped text, tables and figures inline as SVG, styles in the
/// page; no scripts and no external references, so it opens offline.
public struct HTMLPage: Sendable {
    /// Marks a page humam wrote; `ReportFile` replaces only files that carry it.
    public static let generatorMarker = "<meta name=\"generator\" content=\"humam report\">"

    public var title: String
    private var body: [String] = []

    public init(title: String) { self.title = title }

    /// A table cell: escaped text, optionally with an id by which tests and readers find a number.
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var id: String?
        public init(_ text: String, id: String? = nil) {
            self.text = text
            self.id = id
        }
        public init(stringLiteral text: String) { self.init(text) }
    }

    public mutating func heading(_ text: String, level: Int = 2, id: String? = nil) {
        body.append("<h\(level)\(id.map { " id=\"\(Self.escape($0))\"" } ?? "")>\(Self.escape(text))</h\(level)>")
    }

    public mutating func paragraph(_ text: String) {
        body.append("<p>\(Self.escape(text))</p>")
    }

    /// A paragraph saying that a part of the report has no input, and how to make it.
    public mutating func missing(_ text: String) {
        body.append("<p class=\"missing\">\(Self.escape(text))</p>")
    }

    /// A table; no header row when `header` is empty.
    public mutating func table(header: [String], rows: [[Cell]]) {
        var html = "<table>\n"
        if !header.isEmpty { html += "<tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr>\n" }
        for row in rows {
            html += "<tr>" + row.map { cell in
                "<td\(cell.id.map { " id=\"\(Self.escape($0))\"" } ?? "")>\(Self.escape(cell.text))</td>"
            }.joined() + "</tr>\n"
        }
        body.append(html + "</table>")
    }

    /// Label–value rows, e.g. a run summary.
    public mutating func definitions(_ rows: [(label: String, value: Cell)]) {
        table(header: [], rows: rows.map { [HTMLPage.Cell($0.label), $0.value] })
    }

    /// `figure` inline as SVG with a caption.
    public mutating func figure(_ figure: any Figure, caption: String) {
        let svg = figure.svg()
        let element = svg.drop { $0 != "\n" }.dropFirst()   // without the XML declaration
        body.append("<figure>\(element)<figcaption>\(Self.escape(caption))</figcaption></figure>")
    }

    /// Preformatted text (e.g. recorded parameters) in a collapsed block.
    public mutating func collapsed(summary: String, preformatted text: String) {
        body.append("<details><summary>\(Self.escape(summary))</summary><pre>\(Self.escape(text))</pre></details>")
    }

    /// A collapsed block around what `content` appends.
    public mutating func collapsed(summary: String, _ content: (inout HTMLPage) -> Void) {
        var inner = HTMLPage(title: title)
        content(&inner)
        body.append("<details><summary>\(Self.escape(summary))</summary>\n\(inner.body.joined(separator: "\n"))\n</details>")
    }

    public var text: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        \(Self.generatorMarker)
        <title>\(Self.escape(title))</title>
        <style>
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 1400px; margin: 1em auto; padding: 0 1em; color: #222; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; } h3 { margin-top: 1.4em; }
        table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
        td, th { border: 1px solid #ddd; padding: 2px 8px; text-align: left; }
        th { background: #f3f3f3; }
        figure { margin: 1em 0; overflow-x: auto; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 0.9em; color: #444; max-width: 1000px; }
        .missing { background: #fff4e5; border-left: 4px solid #f0a020; padding: 0.4em 0.8em; }
        nav a { margin-right: 1em; }
        pre { font-size: 0.8em; background: #f7f7f7; padding: 0.5em; overflow-x: auto; }
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Raw HTML (e.g. the navigation built by the report).
    mutating func append(raw html: String) { body.append(html) }
}
