import Analysis
import Foundation
import Model
import NESTExport
import Report
import RunFormat
import Testing
import TestSupport
@testable import humam

/// The product path end to end, every command through `Humam.parseAsRoot` as on the command
/// line: `simulate` (700 ms of the 0.001 network, figures on) → `analyze` → `fc --compare
/// --bold` → `report`, and `network`, `theory` and `export nest` with the same options. Each
/// writes the files the README lists, succeeds (returns, exit status 0), and the files agree
/// with each other.
@Suite struct ProductPathTests {
    /// The run folder of the pipeline, made once; its parent holds nothing else.
    static let pipeline: Result<URL, any Error> = Result {
        let run = try Fixtures.temporaryDirectory("humam-product-path").appendingPathComponent("run")
        try TinyRuns.simulate(into: run, ["--t-sim", "700"])
        try TinyRuns.humam(["analyze", "--run", run.path])
        try TinyRuns.humam(["fc", "--run", run.path, "--compare", TinyRuns.experimentalFC, "--bold"])
        try TinyRuns.humam(["report", "--run", run.path])
        return run
    }

    @Test func simulateWritesTheRunFolder() throws {
        let run = try Self.pipeline.get()
        // Written under a temporary name and renamed: nothing else is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.deletingLastPathComponent().path) == ["run"])
        let files = try TinyRuns.files(in: run)
        for name in ["spikes.bin", "population_GIDs.dat", "rates.csv", "run.json", "figures/instantaneous_rate.svg"] {
            #expect(files.contains(name), "\(name)")
        }
        #expect(files.contains { $0.hasPrefix("spikes/") && $0.hasSuffix(".dat") })
        #expect(files.contains { $0.hasPrefix("figures/raster_") && $0.hasSuffix(".svg") })

        // run.json counts what spikes.bin and the NEST files hold.
        let record = try RunRecord.read(run.appendingPathComponent("run.json"))
        let binary = try BinarySpikeFile.Reader(url: run.appendingPathComponent("spikes.bin"))
        #expect(record.spikes > 0 && binary.header.spikeCount == record.spikes)
        let populations = try PopulationGIDs.read(run.appendingPathComponent("population_GIDs.dat"))
        #expect(binary.header.neuronCount == record.neurons && populations.neuronCounts.reduce(0, +) == record.neurons)
        let nestFiles = files.filter { $0.hasPrefix("spikes/") }.map { run.appendingPathComponent($0) }
        #expect(try NESTSpikeFiles.read(nestFiles).senders.count == record.spikes)
        #expect(record.simulationParameters.duration == 700 && record.rateWindowStartMs == 500)

        // rates.csv: one row per non-empty population, and they average to run.json's mean rate.
        let nonEmpty = populations.neuronCounts.indices.filter { populations.neuronCounts[$0] > 0 }
        let rateTable = try CSVTable(contentsOf: run.appendingPathComponent("rates.csv"))
        #expect(rateTable.rows.count == nonEmpty.count)
        let rates = try PopulationTable.read(rateTable, valueColumn: "rate_hz", layout: populations.layout)
        let weightedMean = nonEmpty.map { rates[$0] * Double(populations.neuronCounts[$0]) }.reduce(0, +) / Double(record.neurons)
        // Tolerance: the two sums are taken in different orders (about 250 terms, 1e-13 relative).
        #expect(abs(weightedMean - (record.meanRateHz ?? .nan)) <= 1e-12 * weightedMean)
    }

    @Test func analyzeWritesStatisticsThatAgreeWithTheRun() throws {
        let run = try Self.pipeline.get()
        let analysis = run.appendingPathComponent("analysis")
        let files = try TinyRuns.files(in: analysis)
        for name in ["population_statistics.csv", "rate_histogram_areas.csv", "rate_histogram_populations.csv",
                     "figures/population_statistics.svg", "figures/instantaneous_rate.svg",
                     "figures/average_rate_per_population.svg", "figures/area_rates.svg"] {
            #expect(files.contains(name), "\(name)")
        }
        #expect(files.filter { $0.hasPrefix("figures/raster_") && $0.hasSuffix(".svg") }.count == 34)

        // Both take t_start = 500 ms ≤ t < t_sim: the same rates, to the bit.
        let populations = try PopulationGIDs.read(run.appendingPathComponent("population_GIDs.dat"))
        let layout = populations.layout
        let simulated = try PopulationTable.read(run.appendingPathComponent("rates.csv"), valueColumn: "rate_hz", layout: layout)
        let analysed = try PopulationTable.read(analysis.appendingPathComponent("population_statistics.csv"), valueColumn: "rate_hz",
                                                layout: layout)
        #expect(analysed == simulated)

        // The area histogram is in spikes/s per neuron in 1 ms bins from 0: rate × neurons ×
        // 1 ms / 1000 summed over bins and areas counts every spike of the run.
        let histogram = try CSVTable(contentsOf: analysis.appendingPathComponent("rate_histogram_areas.csv"))
        #expect(histogram.header == ["time_ms"] + layout.areas)
        #expect(histogram.rows.count == 700)
        var spikes = 0.0
        for (area, name) in layout.areas.enumerated() {
            spikes += try histogram.numbers(column: name).reduce(0, +) * Double(populations.neuronCount(ofArea: area)) / 1000
        }
        let record = try RunRecord.read(run.appendingPathComponent("run.json"))
        // Tolerance: 700 × 34 rounded quotients and products, far below one spike.
        #expect(abs(spikes - Double(record.spikes)) < 1e-6)
    }

    @Test func fcWritesConnectivityAndItsComparison() throws {
        let run = try Self.pipeline.get()
        let analysis = run.appendingPathComponent("analysis")
        let files = try TinyRuns.files(in: analysis)
        for name in ["syn_current_areas.csv", "fc_synaptic.csv", "fc_comparison.json", "bold_areas.csv", "fc_bold.csv",
                     "figures/fc_synaptic.svg", "figures/syn_current_areas.svg", "figures/fc_comparison.svg"] {
            #expect(files.contains(name), "\(name)")
        }
        let areas = try PopulationGIDs.read(run.appendingPathComponent("population_GIDs.dat")).layout.areas
        let currents = try CSVTable(contentsOf: analysis.appendingPathComponent("syn_current_areas.csv"))
        #expect(currents.header == ["time_ms"] + areas && currents.rows.count == 700)
        // fc_comparison.json is the comparison of fc_synaptic.csv with the file named.
        let comparison = try JSONDecoder().decode(FCComparison.self, from: Data(contentsOf: analysis.appendingPathComponent("fc_comparison.json")))
        #expect(comparison.file == TinyRuns.experimentalFC && comparison.pairs == 34 * 33 / 2 && comparison.areas == areas)
        // Read with humam's FC reader, which takes finite entries only: every area of this run has
        // a varying current (an area silent for the whole window would give an empty cell).
        let simulated = try ExperimentalFC.read(analysis.appendingPathComponent("fc_synaptic.csv"), areas: areas).connectivity
        let experimental = try ExperimentalFC.read(URL(fileURLWithPath: TinyRuns.experimentalFC), areas: areas).connectivity
        let recomputed = FCComparison(simulated: simulated, experimental: experimental, hemisphere: nil, file: comparison.file)
        #expect(recomputed.pearsonR == comparison.pearsonR && recomputed.spearmanR == comparison.spearmanR)
    }

    @Test func reportWritesOnePage() throws {
        let run = try Self.pipeline.get()
        let html = try String(contentsOf: run.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains(HTMLPage.generatorMarker))
        // Every input was made by the pipeline, so no section says one is missing.
        #expect(!html.contains("class=\"missing\""))
    }

    /// `humam network` with the run's options builds the network the run simulated.
    @Test func networkWritesItsTablesForTheRunsNetwork() throws {
        let run = try Self.pipeline.get()
        let out = try Fixtures.temporaryDirectory("humam-product-network").appendingPathComponent("network")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        try TinyRuns.humam(["network"] + TinyRuns.networkArguments + ["--out", out.path])
        let files = try TinyRuns.files(in: out)
        for name in ["neuron_numbers.csv", "synapses.csv", "external_synapses.csv", "weights.csv", "delays.csv",
                     "external_rates.csv", "dc_drive.csv", "summary.json", "area_connectivity.svg"] {
            #expect(files.contains(name), "\(name)")
        }
        let summary = try TinyRuns.jsonObject(out.appendingPathComponent("summary.json"))
        let record = try RunRecord.read(run.appendingPathComponent("run.json"))
        #expect(summary["network_hash"] as? String == record.networkHash)
        #expect(summary["neurons"] as? Int == record.neurons && summary["synapses_internal"] as? Int == record.synapses)
    }

    /// `humam theory --out --compare --figure` with the run's rates.
    @Test func theoryWritesRatesAndTheComparisonFigure() throws {
        let run = try Self.pipeline.get()
        let folder = try Fixtures.temporaryDirectory("humam-product-theory")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rates = folder.appendingPathComponent("theory_rates.csv"), figure = folder.appendingPathComponent("theory.svg")
        try TinyRuns.humam(["theory"] + TinyRuns.networkArguments + ["--out", rates.path,
                            "--compare", run.appendingPathComponent("rates.csv").path, "--figure", figure.path])
        let populations = try PopulationGIDs.read(run.appendingPathComponent("population_GIDs.dat"))
        let nonEmpty = populations.neuronCounts.indices.filter { populations.neuronCounts[$0] > 0 }
        let table = try CSVTable(contentsOf: rates)
        #expect(table.header == ["area", "layer", "population", "rate_hz"] && table.rows.count == nonEmpty.count)
        // Every non-empty population has a rate in the valid range (the reader checks it).
        _ = try PopulationTable.readRates(rates, layout: populations.layout, required: nonEmpty)
        #expect(try String(contentsOf: figure, encoding: .utf8).contains("<svg"))
    }

    /// `humam export nest` with the run's options exports the network the run simulated.
    @Test func exportNESTWritesTheRunsNetwork() throws {
        let run = try Self.pipeline.get()
        let out = try Fixtures.temporaryDirectory("humam-product-export").appendingPathComponent("nest")
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        try TinyRuns.humam(["export", "nest"] + TinyRuns.networkArguments + ["--t-sim", "700", "--threads", "1", "--out", out.path])
        #expect(try TinyRuns.files(in: out) == ["network.json", "run_nest.py"])
        let description = try JSONDecoder().decode(NESTExport.Description.self, from: Data(contentsOf: out.appendingPathComponent("network.json")))
        let record = try RunRecord.read(run.appendingPathComponent("run.json"))
        #expect(description.networkHash == record.networkHash)
        #expect(description.totals.neurons == record.neurons && description.totals.synapses == record.synapses)
        #expect(description.simulation.duration == 700 && description.simulation.seed == record.simulationParameters.seed)
    }
}
