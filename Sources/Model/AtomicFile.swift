import Foundation

/// Writes files so that a reader never sees a half-written one: the content goes to a
/// temporary file next to the target, which is then renamed over it.
public enum AtomicFile {
    /// `durable`: the content is forced to the disk before the rename, so that after a power
    /// loss the target holds the old content or the new one, never a truncated file.
    public static func write(_ data: Data, to url: URL, durable: Bool = false) throws(InputError) {
        let directory = url.deletingLastPathComponent()
        let temporary = temporaryURL(beside: url)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: temporary)
            if durable {
                let handle = try FileHandle(forWritingTo: temporary)
                defer { try? handle.close() }
                try handle.synchronize()
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: url.path, "cannot be written (\(InputError.reason(error)))")
        }
        // POSIX rename replaces an existing file atomically (Foundation's replaceItemAt fails
        // on Linux with "The file doesn't exist" when the target exists).
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw InputError(file: url.path, "cannot be written (\(reason))")
        }
    }

    /// A hidden, unique name next to `url` for content that is renamed to `url` when complete
    /// (unique per call, so concurrent writers of the same target never share it).
    public static func temporaryURL(beside url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
    }

    /// The target of a temporary name made by `temporaryURL(beside:)`; nil for any other name.
    public static func target(ofTemporary url: URL) -> URL? {
        let name = url.standardizedFileURL.lastPathComponent
        guard name.hasPrefix("."), let marker = name.range(of: ".partial-", options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return nil }
        return url.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(String(name[name.index(after: name.startIndex) ..< marker.lowerBound]))
    }

    public static func write(_ text: String, to url: URL) throws(InputError) {
        try write(Data(text.utf8), to: url)
    }
}
