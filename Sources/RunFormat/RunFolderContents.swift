import Foundation
import Model

/// What humam writes into a run folder, so that replacing a run touches nothing else: a user's
/// notes or own analysis inside the folder (or inside humam's subfolders) make humam refuse the
/// replacement, naming them. The inventory covers every command that writes into a run folder:
/// `simulate` (its files, `network/`, `spikes/`, `figures/`), `analyze` and `fc` (their default
/// folder `analysis/`, with `figures/`) and `report` (`report.html`). `RunFolderContentsTests`
/// runs them all on a tiny run and checks that nothing they write is missing here.
public enum RunFolderContents {
    /// The top-level files of a run folder.
    static let files: Set<String> = [
        RunFiles.binarySpikes, RunFiles.populationGIDs, RunFiles.record, RunFiles.rates, "report.html",
    ]
    /// The tables of `analysis/` (`humam analyze`, `humam fc`).
    static let analysisFiles: Set<String> = [
        OutputFolder.markerName, "population_statistics.csv", "rate_histogram_areas.csv",
        "rate_histogram_populations.csv", "syn_current_areas.csv", "fc_synaptic.csv", "fc_comparison.json",
        "bold_areas.csv", "fc_bold.csv", "analyze_run.json", "fc_run.json", "human_comparison.json",
    ]
    /// The names (without extension) of the figures in `figures/` and `analysis/figures/`; the
    /// rasters are `raster_<area>_<window>ms`.
    static let figureNames: Set<String> = [
        "instantaneous_rate", "population_statistics", "average_rate_per_population", "area_rates",
        "fc_synaptic", "syn_current_areas", "fc_comparison", "human_comparison",
    ]
    static let figureExtensions: Set<String> = ["svg", "png"]

    /// The entries of run folder `run` that humam did not write, as paths relative to it, sorted
    /// (empty when every entry is humam's). A temporary file of an interrupted humam write counts
    /// as humam's.
    public static func foreignEntries(in run: URL) -> [String] {
        var foreign: [String] = []
        for name in entries(of: run) where !isTemporary(name) {
            let url = run.appendingPathComponent(name)
            switch name {
            case RunFiles.networkTables:
                foreign += foreignFiles(in: url, prefix: name) { NetworkTables.fileNames.contains($0) }
            case RunFiles.nestSpikeDirectory:
                foreign += foreignFiles(in: url, prefix: name, isHumams: isNESTSpikeFile)
            case "figures":
                foreign += foreignFiles(in: url, prefix: name, isHumams: isFigure)
            case "analysis":
                for inner in entries(of: url) where !isTemporary(inner) {
                    let path = name + "/" + inner
                    if inner == "figures" {
                        foreign += foreignFiles(in: url.appendingPathComponent(inner), prefix: path, isHumams: isFigure)
                    } else if !(analysisFiles.contains(inner) && isFile(url.appendingPathComponent(inner))) {
                        foreign.append(path)
                    }
                }
            default:
                if !(files.contains(name) && isFile(url)) { foreign.append(name) }
            }
        }
        return foreign.sorted()
    }

    /// The files of humam's subfolder `folder` that `isHumams` does not accept, and anything that
    /// is not a plain file; `folder` itself if it is not a folder.
    private static func foreignFiles(in folder: URL, prefix: String, isHumams: (String) -> Bool) -> [String] {
        guard isFolder(folder) else { return [prefix] }
        return entries(of: folder).filter { name in
            !isTemporary(name) && !(isHumams(name) && isFile(folder.appendingPathComponent(name)))
        }.map { prefix + "/" + $0 }
    }

    static func isFigure(_ name: String) -> Bool {
        let url = URL(fileURLWithPath: name)
        let stem = url.deletingPathExtension().lastPathComponent
        return figureExtensions.contains(url.pathExtension) && (figureNames.contains(stem) || stem.hasPrefix("raster_"))
    }

    /// `spike_recorder-<node id>-<virtual process>.dat`, as NEST names its files.
    static func isNESTSpikeFile(_ name: String) -> Bool {
        guard name.hasPrefix("spike_recorder-"), name.hasSuffix(".dat") else { return false }
        let numbers = name.dropFirst("spike_recorder-".count).dropLast(".dat".count).split(separator: "-", omittingEmptySubsequences: false)
        return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    private static func isTemporary(_ name: String) -> Bool {
        AtomicFile.target(ofTemporary: URL(fileURLWithPath: name)) != nil
    }

    private static func entries(of folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    private static func isFile(_ url: URL) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
