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

    /// Checks `url` as described above (`OutputPlace`); throws if it may not be written.
    /// Creates nothing. `flag` is the option that allows replacing, for the message.
    public init(_ url: URL, replace: Bool, flag: String = "--replace") throws(InputError) {
        self.url = try OutputPlace.check(url, as: .resultsFolder, replace: replace, flag: flag)
    }

    /// Makes the folder (and its parents) and marks it as humam's; returns it.
    @discardableResult
    public func create() throws(InputError) -> URL {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data("humam results folder: files here may be replaced by humam\n".utf8)
                .write(to: url.appendingPathComponent(Self.markerName))
        } catch {
            throw InputError(file: url.path, "cannot be written (\(InputError.reason(error))); choose another --out")
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
