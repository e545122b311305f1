import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` (`let buildCommit = "<commit>"`) before every build of the target
/// that uses it: the checkout's commit (`git rev-parse --short=12 HEAD`, with `+changes` when the
/// work tree differs from it; "unknown" without git), for `humam --version`. The file is
/// rewritten only when the text changes, so an unchanged commit recompiles nothing.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.pluginWorkDirectoryURL.appending(path: "generated")
        let script = """
            commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
            if [ "$commit" != unknown ] && ! git -C "$1" diff --quiet HEAD -- 2>/dev/null; then commit="$commit+changes"; fi
            text="let buildCommit = \\"$commit\\""
            mkdir -p "$2"
            [ "$(cat "$2/BuildCommit.swift" 2>/dev/null)" = "$text" ] || printf '%s\\n' "$text" > "$2/BuildCommit.swift"
            """
        return [.prebuildCommand(displayName: "humam: the commit of this build",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "sh", context.package.directoryURL.path, folder.path],
                                 outputFilesDirectory: folder)]
    }
}
