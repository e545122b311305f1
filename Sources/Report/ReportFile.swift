import Foundation
import Model

/// Writes `report.html` into a run folder atomically (temporary name, then rename), replacing
/// only a `report.html` that humam wrote (one carrying `HTMLPage.generatorMarker`).
public enum ReportFile {
    public static let name = "report.html"

    /// Writes `html` as `<folder>/report.html`; returns the file.
    @discardableResult
    public static func write(_ html: String, into folder: URL) throws(InputError) -> URL {
        let url = folder.appendingPathComponent(name)
        try checkReplaceable(url)
        try AtomicFile.write(html, to: url)
        return url
    }

    /// Throws unless `url` is absent or a report humam wrote.
    public static func checkReplaceable(_ url: URL) throws(InputError) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        guard let data = try? Data(contentsOf: url), String(decoding: data, as: UTF8.self).contains(HTMLPage.generatorMarker) else {
            throw InputError(file: url.path, "exists and was not written by humam report; nothing was replaced (move it away to write the report)")
        }
    }
}
