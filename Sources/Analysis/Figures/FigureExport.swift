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
        let temporary = png.deletingLastPathComponent().appendingPathComponent(".\(png.lastPathComponent).partial-\(getpid())")
        let process = Process()
        process.executableURL = converter
        process.arguments = ["-f", "png", "-z", String(scale), "-o", temporary.path, svg.path]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            throw InputError(file: png.path, "cannot be written: rsvg-convert failed to start (\(error.localizedDescription))")
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
            throw InputError(file: png.path, "cannot be written (\(error.localizedDescription))")
        }
    }
}
