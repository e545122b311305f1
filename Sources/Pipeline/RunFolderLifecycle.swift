import Foundation
import Model
import RunFormat

/// The life of a run folder around the `SimulationOutput` that writes it: where a run goes, whether a
/// folder there may be replaced, the writer lock on a temporary folder, the temporary folders of
/// runs that were killed (removed, or kept with a checkpoint) and which of them can be resumed.
extension SimulationOutput {
    /// Checks that `folder` is the temporary folder of an unfinished run with a checkpoint;
    /// returns the run's destination. Touches nothing.
    @discardableResult
    public static func checkResumable(_ folder: URL) throws(InputError) -> URL {
        let temporary = folder.standardizedFileURL
        var isFolder: ObjCBool = false
        guard let directory = AtomicFile.target(ofTemporary: temporary),
              FileManager.default.fileExists(atPath: temporary.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: folder.path, "is not the temporary folder of an unfinished humam run (a folder named .NAME.partial-ID beside the run's destination NAME)")
        }
        guard FileManager.default.fileExists(atPath: temporary.appendingPathComponent(RunFiles.checkpoint).path) else {
            throw InputError(file: folder.path, "holds no checkpoint: the run was started without --checkpoint-every, or stopped before its first checkpoint, so it cannot be resumed; start it again with the same command without --resume (that run removes this folder)")
        }
        return directory
    }

    /// Creates or opens the writer file of temporary folder `folder`, locks it and writes this
    /// process's id into it; returns its descriptor, which holds the lock until it is closed (at
    /// the latest when the process ends). Throws if another process holds the lock.
    static func lockWriterFile(in folder: URL) throws(InputError) -> Int32 {
        let path = folder.appendingPathComponent(writerFile).path
        let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(file: path, "cannot be written (\(String(cString: strerror(errno))))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            let process = writer(of: folder).map { "process \($0)" } ?? "another process"
            throw InputError(file: folder.path, "is being written by \(process) (it holds the lock on \(writerFile)); resume it once that process has ended")
        }
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(descriptor, 0) == 0, text.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == text.count else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw InputError(file: path, "cannot be written (\(reason))")
        }
        return descriptor
    }

    /// Whether a living process holds the lock on the writer file of `folder` (nil: the folder
    /// has no writer file, so it is not humam's temporary run folder).
    static func isBeingWritten(_ folder: URL) -> Bool? {
        let descriptor = Foundation.open(folder.appendingPathComponent(writerFile).path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return true }
        flock(descriptor, LOCK_UN)
        return false
    }

    /// `<base>/<network-hash>/<simulation-hash>`.
    public static func defaultDirectory(base: URL, network: Network, parameters: SimulationParameters) -> URL {
        base.appendingPathComponent(network.contentHash).appendingPathComponent(parameters.contentHash)
    }

    /// Whether `directory` is a run folder that humam wrote: a folder whose `run.json` is a run
    /// record (`RunRecord`).
    public static func isRun(_ directory: URL) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue,
              (try? RunRecord.read(directory.appendingPathComponent(RunFiles.record))) != nil else { return false }
        return true
    }

    /// Checks, before any work, that a run can be written to `directory` (`OutputPlace`): it
    /// must not exist, or be a humam run folder holding only what humam wrote
    /// (`RunFolderContents`) and `replace` be true, and the folder it goes into must be writable. Throws otherwise, naming the path; touches nothing that exists.
    public static func checkDestination(_ directory: URL, replace: Bool) throws(InputError) {
        try OutputPlace.check(directory, as: .runFolder(isRun: isRun), replace: replace)
        guard isRun(directory) else { return }
        let foreign = RunFolderContents.foreignEntries(in: directory)
        if !foreign.isEmpty {
            let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? " and \(foreign.count - 5) more" : "")
            throw InputError(file: directory.path, "holds a humam run and files humam did not write (\(shown)); humam replaces a run only when everything in it is its own: move those files out of the folder, or choose another --out")
        }
    }

    /// The process named in the writer file of temporary folder `folder`, if any (for messages:
    /// whether it still writes is told by the lock, `isBeingWritten`).
    static func writer(of folder: URL) -> pid_t? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(writerFile), encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The temporary run folders next to a destination whose writer died.
    public struct AbandonedFolders: Sendable, Equatable {
        /// Removed: the writer died before any checkpoint.
        public var removed: [URL] = []
        /// Kept: they hold a checkpoint, and `resuming` continues the run from it.
        public var resumable: [URL] = []
    }

    /// Removes the temporary run folders next to `directory` whose writer process has died (an
    /// interrupted or killed `humam simulate`: nobody holds the lock on its writer file), except
    /// those with a checkpoint, which can be resumed. Folders of live writers, and anything
    /// without humam's temporary name and writer file, are left alone.
    @discardableResult
    public static func removeAbandonedFolders(beside directory: URL) -> AbandonedFolders {
        let parent = directory.standardizedFileURL.deletingLastPathComponent()
        let prefix = "." + directory.lastPathComponent + ".partial-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var folders = AbandonedFolders()
        for name in names.sorted() where name.hasPrefix(prefix) {
            let folder = parent.appendingPathComponent(name)
            guard isBeingWritten(folder) == false else { continue }
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(RunFiles.checkpoint).path) {
                folders.resumable.append(folder)
            } else if (try? FileManager.default.removeItem(at: folder)) != nil {
                folders.removed.append(folder)
            }
        }
        return folders
    }
}
