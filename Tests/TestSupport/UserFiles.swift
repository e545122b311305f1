import Foundation

/// A temporary folder with what a user might point humam's output options at: a file of theirs
/// (`notes.txt`) and a folder of theirs with a table (`mine/table.csv`). `snapshot()` lists every
/// path below the folder with its content, to show that humam changed nothing.
public struct UserFiles {
    public let base: URL
    public var file: URL { base.appendingPathComponent("notes.txt") }
    public var folder: URL { base.appendingPathComponent("mine") }
    public static let fileContent = "my notes"

    /// Makes the folder, named `<prefix>-<UUID>` in the system's temporary directory.
    public init(_ prefix: String) throws {
        base = try Fixtures.temporaryDirectory(prefix)
        try Data(Self.fileContent.utf8).write(to: file)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("a,b\n1,2\n".utf8).write(to: folder.appendingPathComponent("table.csv"))
    }

    /// Every path below `base`, sorted, with the content of files (`folder` for folders).
    public func snapshot() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: base.path).sorted().map { path in
            path + ":" + ((try? Data(contentsOf: base.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) } ?? "folder")
        }
    }
}
