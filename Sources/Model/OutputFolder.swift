import Foundation

/// A folder of results that a command writes (network tables, analysis and FC results, the NEST
/// export). humam marks the folders it makes with a hidden file, `.humam-output`, and writes only
/// into folders it made or that are empty, so that it never replaces a file it did not write:
/// - a missing folder is created and marked; an empty one is marked;
/// - a folder humam marked is written again only when `replace` is true (the user asked, or the
///   folder is a command's default place inside a run);
/// - anything else is refused before any work starts, naming the folder.
/// `init` checks (and creates nothing); `create` makes and marks the folder just before the
/// results are written, so that a command that fails on its input leaves nothing behind. Each
/// file is written under a temporary name and renamed (`AtomicFile`).
public struct OutputFolder: Sendable {
    public let url: URL

    /// The marker file's name.
    public static let markerName = ".humam-output"

    /// Checks `url` as described above; throws if it may not be written. Creates nothing.
    /// `flag` is the option that allows replacing, for the message.
    public init(_ url: URL, replace: Bool, flag: String = "--replace") throws(InputError) {
        let fileManager = FileManager.default
        let path = url.standardizedFileURL.path
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw InputError(file: path, "exists and is a file; humam writes its results into a folder of its own: choose another --out")
            }
            let contents = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
            if contents.contains(Self.markerName) {
                guard replace else {
                    throw InputError(file: path, "holds results humam wrote before; give \(flag) to replace them, or choose another --out")
                }
            } else if !contents.isEmpty {
                throw InputError(file: path, "exists and holds files humam did not write; humam never replaces them: choose a new or empty folder for --out")
            }
        }
        // The nearest existing ancestor must be writable.
        var ancestor = URL(fileURLWithPath: path)
        while !fileManager.fileExists(atPath: ancestor.path) && ancestor.path != "/" { ancestor.deleteLastPathComponent() }
        guard fileManager.isWritableFile(atPath: ancestor.path) else {
            throw InputError(file: path, "cannot be written (\(ancestor.path) is not writable); choose another --out")
        }
        self.url = URL(fileURLWithPath: path)
    }

    /// Makes the folder (and its parents) and marks it as humam's; returns it.
    @discardableResult
    public func create() throws(InputError) -> URL {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data("humam results folder: files here may be replaced by humam\n".utf8)
                .write(to: url.appendingPathComponent(Self.markerName))
        } catch {
            throw InputError(file: url.path, "cannot be written (\(error.localizedDescription)); choose another --out")
        }
        return url
    }

    /// Writes `data` to the file `name` in the folder (temporary name, then rename).
    public func write(_ data: Data, to name: String) throws(InputError) {
        try AtomicFile.write(data, to: url.appendingPathComponent(name))
    }

    public func write(_ text: String, to name: String) throws(InputError) {
        try write(Data(text.utf8), to: name)
    }

    /// A path inside the folder (e.g. for figures, written by their own writer).
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// A single result file given by the user (`humam theory --out FILE`, `--figure FILE`): an
/// existing file is replaced only when the user asks for it, since humam cannot tell whether it
/// wrote it.
public enum OutputFile {
    /// Throws if `url` exists and `replace` is false, or if it is a folder, or if its folder
    /// cannot be written; touches nothing that exists.
    public static func check(_ url: URL, replace: Bool, flag: String = "--replace") throws(InputError) {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: url.path, isDirectory: &isFolder) {
            guard !isFolder.boolValue else { throw InputError(file: url.path, "is a folder; expected a file name") }
            guard replace else { throw InputError(file: url.path, "exists; give \(flag) to replace it, or choose another name") }
        }
        let probe = AtomicFile.temporaryURL(beside: url)
        do {
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: probe)
            try fileManager.removeItem(at: probe)
        } catch {
            try? fileManager.removeItem(at: probe)
            throw InputError(file: url.path, "cannot be written (\(error.localizedDescription))")
        }
    }
}
