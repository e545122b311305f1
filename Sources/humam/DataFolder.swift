import Foundation

/// Where humam finds the model's input tables (notebooks-data/), for every command: `--data`,
/// else `$HUMAM_DATA`, else `./notebooks-data` where it exists, else the tables installed beside
/// the binary (`<prefix>/share/humam/notebooks-data`, put there by `scripts/install`), else those
/// of the checkout the binary was built from. So an installed humam works from any folder.
enum DataFolder {
    /// The folder name, in the working folder, the checkout and the installation.
    static let name = "notebooks-data"

    /// The first of the places above that exists (`explicit` and `$HUMAM_DATA` are taken as
    /// given, so that a wrong one is named in the error); `./notebooks-data` when none does.
    static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let variable = environment["HUMAM_DATA"], !variable.isEmpty { return URL(fileURLWithPath: variable) }
        let working = URL(fileURLWithPath: name)
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? working
    }

    /// `./notebooks-data`, the installed tables, the checkout's tables, in that order.
    static var candidates: [URL] {
        var places = [URL(fileURLWithPath: name)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            places.append(executable.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("share/humam").appendingPathComponent(name))
        }
        // This file is Sources/humam/DataFolder.swift in the checkout.
        places.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(name))
        return places
    }
}
