import Foundation
import Model

/// Locations the tests read from: the repository root, `Tests/Fixtures/` (reference numbers
/// from the original pipeline; see `Tests/Fixtures/README.md`) and `notebooks-data/` (the
/// model's input tables, committed).
public enum Fixtures {
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static func url(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }

    public static func table(_ relativePath: String) throws -> CSVTable {
        try CSVTable(contentsOf: url(relativePath))
    }

    public static var dataDirectory: URL {
        repositoryRoot.appendingPathComponent("notebooks-data")
    }

    /// The `humam` executable, built beside the test bundle by `swift build --build-tests`
    /// (`.build/<configuration>/humam`; on macOS the bundle is `<name>.xctest/Contents/MacOS`).
    public static let humamExecutable: URL = {
        var folder = Bundle.main.bundleURL
        while ["xctest", "app"].contains(folder.pathExtension) || ["Contents", "MacOS"].contains(folder.lastPathComponent) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("humam")
    }()

    /// The program `name` on the PATH (as a shell finds it), or nil.
    public static func program(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

extension Fixtures {
    /// The original's nquad type-I/II integrals (`fullscale/nquad_P_in_P_out.csv`) for `areas`,
    /// with which humam's synapse numbers equal the original's exactly.
    public static func originalLocalProfiles(areas: [String]) throws -> [LocalConnectivityProfile] {
        let table = try table("fullscale/nquad_P_in_P_out.csv")
        let names = try table.strings(column: "area")
        let inside = try table.numbers(column: "P_in"), outside = try table.numbers(column: "P_out")
        return try areas.map { area in
            guard let row = names.firstIndex(of: area) else { throw InputError(file: table.source, "has no area \(area)") }
            return LocalConnectivityProfile(inside: inside[row], outside: outside[row])
        }
    }
}

extension Fixtures {
    /// The folder of this test process's temporary folders, `humam-tests-<pid>` in the system's
    /// temporary directory; removed when the process exits, so that a test run leaves nothing
    /// behind even where a test keeps its folder (to be looked at while it runs) or fails.
    public static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("humam-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixtures.temporaryRoot) }
        return root
    }()

    /// A new, empty folder under `temporaryRoot`, named `<prefix>-<UUID>`.
    public static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = temporaryRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every path below `folder` with its content ("folder" for folders), sorted: equal
    /// snapshots mean nothing was added, removed or changed.
    public static func snapshot(of folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted().map { path in
            path + ":" + ((try? Data(contentsOf: folder.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) } ?? "folder")
        }
    }

    /// `text` written to `name` in a new temporary folder; returns the file.
    public static func temporaryFile(_ text: String, name: String) throws -> URL {
        let url = try temporaryDirectory("humam-file").appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

extension Fixtures {
    /// The down-scaled reference run (`downscaled/`, simulated with NEST) as a run folder in
    /// the original's layout: `spikes/spikes.dat` decompressed from `spikes.tsv.gz` with
    /// `/bin/gzip -dc` (Foundation has no gunzip on Linux, and humam reads uncompressed NEST
    /// files only) and `population_GIDs.dat`, in a new temporary folder the caller removes.
    /// It records no simulated time: 2000 ms.
    public static func downscaledRunFolder() throws -> URL {
        let folder = try temporaryDirectory("humam-downscaled-run")
        let spikes = folder.appendingPathComponent("spikes")
        try FileManager.default.createDirectory(at: spikes, withIntermediateDirectories: true)
        let spikeFile = spikes.appendingPathComponent("spikes.dat")
        _ = FileManager.default.createFile(atPath: spikeFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: spikeFile)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dc", url("downscaled/spikes.tsv.gz").path]
        gzip.standardOutput = output
        try gzip.run()
        gzip.waitUntilExit()
        try output.close()
        guard gzip.terminationStatus == 0 else { throw InputError(file: url("downscaled/spikes.tsv.gz").path, "gzip -dc failed") }
        try FileManager.default.copyItem(at: url("downscaled/population_GIDs.dat"),
                                         to: folder.appendingPathComponent("population_GIDs.dat"))
        return folder
    }
}
