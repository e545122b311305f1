import Foundation

/// Writes files so that a reader never sees a half-written one: the content goes to a
/// temporary file next to the target, which is then renamed over it.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws(InputError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: temporary)
            if FileManager.default.fileExists(atPath: url.path) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: url.path, "cannot be written (\(error.localizedDescription))")
        }
    }

    public static func write(_ text: String, to url: URL) throws(InputError) {
        try write(Data(text.utf8), to: url)
    }
}
