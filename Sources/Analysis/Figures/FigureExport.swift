import Foundation
import Model

/// PNG conversion of SVG figures with librsvg's `rsvg-convert`, when installed.
public enum FigureExport {
    /// `rsvg-convert` found on PATH, or nil.
    public static let rsvgConvert: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("rsvg-convert")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// Converts `svg` to `png` at `scale` × its size (written to a temporary name, then renamed).
    public static func convert(_ svg: URL, to png: URL, converter: URL, scale: Double = 2) throws(InputError) {
        let temporary = AtomicFile.temporaryURL(beside: png)
        let process = Process()
        process.executableURL = converter
        process.arguments = ["-f", "png", "-z", String(scale), "-o", temporary.path, svg.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw InputError(file: png.path, "cannot be written: rsvg-convert failed to start (\(InputError.reason(error)))")
        }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: png.path, "cannot be written: rsvg-convert failed (\(message.trimmingCharacters(in: .whitespacesAndNewlines)))")
        }
        do {
            if FileManager.default.fileExists(atPath: png.path) { try FileManager.default.removeItem(at: png) }
            try FileManager.default.moveItem(at: temporary, to: png)
        } catch {
            throw InputError(file: png.path, "cannot be written (\(InputError.reason(error)))")
        }
    }

    /// File extensions `write(_:toFile:)` writes.
    public static let fileExtensions: Set<String> = ["svg", "png"]

    /// Writes `figure` to exactly `url`: SVG for a `.svg` name, PNG for a `.png` name (through a
    /// temporary SVG; needs `rsvg-convert`). Any other extension is an error naming the file.
    public static func write(_ figure: any Figure, toFile url: URL, pngScale: Double = 2) throws(InputError) {
        switch url.pathExtension.lowercased() {
        case "svg":
            try AtomicFile.write(figure.svg(), to: url)
        case "png":
            guard let converter = rsvgConvert else {
                throw InputError(file: url.path, "cannot be written: PNG needs rsvg-convert (Debian package librsvg2-bin); name an .svg file instead")
            }
            let svg = AtomicFile.temporaryURL(beside: url).appendingPathExtension("svg")
            defer { try? FileManager.default.removeItem(at: svg) }
            try AtomicFile.write(figure.svg(), to: svg)
            try convert(svg, to: url, converter: converter, scale: pngScale)
        default:
            throw InputError(file: url.path, "is not a figure file name; expected a name ending in .svg or .png")
        }
    }

    /// Writes every figure as `<path>.svg`, then converts them to PNG (when `rsvg-convert` is
    /// installed) with up to `parallel` conversions at a time. Returns the files written.
    @discardableResult
    public static func write(_ figures: [(figure: any Figure, path: URL)], pngScale: Double = 2,
                             parallel: Int = ProcessInfo.processInfo.activeProcessorCount) throws(InputError) -> [URL] {
        var written: [URL] = []
        for (figure, path) in figures {
            let svg = path.appendingPathExtension("svg")
            try AtomicFile.write(figure.svg(), to: svg)
            written.append(svg)
        }
        guard let converter = rsvgConvert else { return written }
        let jobs = figures.map { ($0.path.appendingPathExtension("svg"), $0.path.appendingPathExtension("png")) }
        let failures = FailureList()
        let group = DispatchGroup()
        let slots = DispatchSemaphore(value: max(parallel, 1))
        for (svg, png) in jobs {
            slots.wait()
            group.enter()
            DispatchQueue.global().async {
                defer { slots.signal(); group.leave() }
                do throws(InputError) { try convert(svg, to: png, converter: converter, scale: pngScale) } catch { failures.append(error) }
            }
        }
        group.wait()
        if let first = failures.first { throw first }
        return written + jobs.map(\.1)
    }
}

/// Errors collected from concurrent conversions.
private final class FailureList: @unchecked Sendable {
    private var errors: [InputError] = []
    private let lock = NSLock()
    func append(_ error: InputError) { lock.lock(); errors.append(error); lock.unlock() }
    var first: InputError? { lock.lock(); defer { lock.unlock() }; return errors.first }
}
