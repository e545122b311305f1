import Foundation

/// The one check of a place a command will write, made before any work and creating nothing
/// (`OutputFolder`, `humam theory --out FILE`, a run folder of `humam simulate`). Two rules:
/// 1. What is already there may be replaced only if humam can tell it wrote it, or, for a
///    single file named by the user, only when the user asks (`replace`); see `Kind`.
/// 2. The folder the writes go into — the place itself for a results folder, else its parent —
///    or, where that does not exist yet, its nearest existing ancestor must accept a new file
///    (probed with a hidden temporary file, removed at once).
/// Errors name the place and say what to do; `flag` is the option that allows replacing.
public enum OutputPlace {
    /// What humam writes at the place, and so what it may replace there.
    public enum Kind {
        /// One file named by the user: an existing file is replaced only with `replace`, since
        /// humam cannot tell whether it wrote it; a folder there is refused.
        case file
        /// A folder of results (`OutputFolder`): new, empty, or marked as humam's by
        /// `OutputFolder.markerName` (then only with `replace`).
        case resultsFolder
        /// A run folder, renamed into place when complete: new, or a run folder humam wrote
        /// (`isRun`; then only with `replace`).
        case runFolder(isRun: (URL) -> Bool)
    }

    /// Checks `url` by the rules above; returns its standardized form. Touches nothing that exists.
    @discardableResult
    public static func check(_ url: URL, as kind: Kind, replace: Bool, flag: String = "--replace") throws(InputError) -> URL {
        let place = url.standardizedFileURL
        let path = place.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            switch kind {
            case .file:
                guard !isFolder.boolValue else { throw InputError(file: path, "is a folder; expected a file name") }
                guard replace else { throw InputError(file: path, "exists; give \(flag) to replace it, or choose another name") }
            case .resultsFolder:
                guard isFolder.boolValue else {
                    throw InputError(file: path, "exists and is a file; humam writes its results into a folder of its own: choose another --out")
                }
                let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                if contents.contains(OutputFolder.markerName) {
                    guard replace else {
                        throw InputError(file: path, "holds results humam wrote before; give \(flag) to replace them, or choose another --out")
                    }
                } else if !contents.isEmpty {
                    throw InputError(file: path, "exists and holds files humam did not write; humam never replaces them: choose a new or empty folder for --out")
                }
            case .runFolder(let isRun):
                guard isRun(place) else {
                    throw InputError(file: path, "exists and is not a humam run folder: humam replaces only run folders it wrote; choose another --out")
                }
                guard replace else {
                    throw InputError(file: path, "holds a humam run already; give \(flag) to replace it, or choose another --out")
                }
            }
        }
        var folder = place
        if case .resultsFolder = kind {} else { folder.deleteLastPathComponent() }
        while !FileManager.default.fileExists(atPath: folder.path) && folder.path != "/" { folder.deleteLastPathComponent() }
        let probe = AtomicFile.temporaryURL(beside: folder.appendingPathComponent("probe"))
        do {
            try Data().write(to: probe)
            try FileManager.default.removeItem(at: probe)
        } catch {
            try? FileManager.default.removeItem(at: probe)
            throw InputError(file: path, "cannot be written (\(folder.path) does not accept new files: \(InputError.reason(error))); choose another place")
        }
        return place
    }
}
