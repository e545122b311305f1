import Analysis
import Foundation
import Model
import RunFormat

/// `humam network` as one call: the configuration's network, its summary, with population
/// rates its thread load (`ThreadLoadSummary`) and, with a results folder (checked before, by
/// the caller's `OutputFolder`), its tables, summary.json and the area connectivity figure.
public enum NetworkRun {
    /// What was built and written.
    public struct Outcome: Sendable {
        public var summary: NetworkSummary
        /// The folder the tables were written to (nil: none asked).
        public var directory: URL?
        /// The area connectivity figure's files.
        public var figures: [URL]
        /// The thread load at the rates asked for (nil: none asked).
        public var threadLoad: ThreadLoadSummary?
    }

    public static func run(_ configuration: ExperimentConfiguration, into output: OutputFolder?, threadLoadRates: URL? = nil,
                           humamVersion: String, events: (PipelineEvent) -> Void) throws -> Outcome {
        let start = Date()
        let network = try NetworkPipeline.build(configuration, humamVersion: humamVersion, events: events)
        let summary = NetworkSummary(network: network, seconds: Date().timeIntervalSince(start))
        let threadLoad = try threadLoadRates.map { rates throws(InputError) in
            try ThreadLoadSummary(network: network, ratesFile: rates, resolution: configuration.simulationParameters().resolution)
        }
        guard let output else { return Outcome(summary: summary, figures: [], threadLoad: threadLoad) }
        let directory = try output.create()
        let summaryJSON = try summary.json()
        try NetworkTables(network: network).write(to: directory)
        try AtomicFile.write(summaryJSON, to: directory.appendingPathComponent("summary.json"))
        let figures = try AreaConnectivityFigure.make(network: network)
            .write(to: directory.appendingPathComponent("area_connectivity"))
        return Outcome(summary: summary, directory: directory, figures: figures, threadLoad: threadLoad)
    }
}
