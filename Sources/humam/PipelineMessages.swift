import Foundation
import Pipeline

/// humam's messages for the pipeline's events, on standard error.
enum PipelineMessages {
    static func write(_ event: PipelineEvent) {
        FileHandle.standardError.write(Data(text(event).utf8))
    }

    static func text(_ event: PipelineEvent) -> String {
        let text: String
        switch event {
        case .fullscaleTheory(let description, let cacheFile):
            text = (description.map { "\($0)\n" } ?? "")
                + (cacheFile.map { "full-scale theory rates (for the DC compensation) \(description == nil ? "read from" : "cached in") \($0.path)\n" } ?? "")
        case .removedAbandonedFolder(let folder):
            text = "humam simulate: removed \(folder.path), the unfinished folder of a run that was killed\n"
        case .keptResumableFolder(let folder):
            text = "humam simulate: kept \(folder.path), the unfinished folder of a run that stopped after a checkpoint; continue it with: \(SimulateCommand.resumeCommand(folder: folder))\n"
        case .settingUpProcedural(let neurons, let synapses, let rowBytes):
            // Drawing the row lengths of a large network takes a while (about 50 s at full scale).
            text = "humam simulate: setting up \(neurons) neurons and \(synapses) synapses with procedural connectivity (row lengths: \(rowBytes / 1_000_000) MB)…\n"
        case .resuming(let folder, let timeMs):
            // Never a path in a format string: its % would be read as a conversion.
            text = "humam simulate: resuming \(folder.path) at \(String(format: "%.1f", timeMs)) ms\n"
        case .setUp(let neurons, let synapses, let connectivity, let threads, let seconds):
            text = "humam simulate: \(neurons) neurons, \(synapses) synapses (\(connectivity.rawValue)), \(threads) thread(s); set up in \(String(format: "%.3f", seconds)) s\n"
        case .balanced(let file, let imbalance, let equal, let shared):
            text = "humam simulate: threads share the populations by the work at the rates of \(file.path): predicted imbalance \(String(format: "%.2f", imbalance)) (equal neurons: \(String(format: "%.2f", equal))); \(shared) population(s) shared by several threads\n"
        case .checkpoint(let timeMs, let bytes, let seconds):
            text = String(format: "\rhumam simulate: checkpoint at %.1f ms: %.1f MB in %.2f s\n", timeMs, Double(bytes) / 1e6, seconds)
        case .frequentCheckpoints(let intervalMs, let count, let bytes, let seconds):
            let totalMB = Double(count) * Double(bytes) / 1e6, totalSeconds = Double(count) * seconds
            text = "humam simulate: warning: --checkpoint-every \(String(format: "%g", intervalMs)) ms is short: each checkpoint writes \(String(format: "%.1f", Double(bytes) / 1e6)) MB (\(String(format: "%.2f", seconds)) s here), so this run's \(count) checkpoints write about \(String(format: "%.0f", totalMB)) MB and take about \(String(format: "%.0f", totalSeconds)) s; every \(String(format: "%g", SimulationRun.sensibleCheckpointIntervalMs)) ms or more is usually enough\n"
        case .shortBOLDWindow(let lengthMs, let minimumMs):
            text = "humam fc: warning: the BOLD FC of a \(lengthMs / 1000) s window is dominated by the hemodynamic response to the run's start (it lasts ~20 s); fc_bold.csv needs at least \(minimumMs / 1000) s to mean anything\n"
        }
        return text
    }
}
