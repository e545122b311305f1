import Foundation
import Model
import NESTExport
import Testing
import TestSupport
@testable import humam

/// `humam export nest`: the exported description carries humam's network exactly, and NEST
/// (when `python3 -c "import nest"` works) realizes it: same neurons, same synapses per pathway.
@Suite struct NESTExportTests {
    /// A small network: 0.2 % of full scale (6,935 neurons, 170,844 synapses), 200 ms.
    static let exportArguments = ["--scaling", "0.002", "--t-sim", "200", "--seed", "2903", "--threads", "1"]

    /// The export, made once per test process, and the network humam built from the same options.
    static let exported: Result<(directory: URL, network: Network), any Error> = Result {
        let directory = try Fixtures.temporaryDirectory("humam-export")
        let arguments = ["--data", Fixtures.dataDirectory.path, "--out", directory.path] + exportArguments
        let command = try ExportNESTCommand.parse(arguments)
        try command.run()
        return (directory, try command.network.build())
    }

    /// A copy of the export in a fresh folder (each test may write into its own), and its network.
    static func export() throws -> (directory: URL, network: Network) {
        let (original, network) = try exported.get()
        let directory = try Fixtures.temporaryDirectory("humam-export")
        for name in try FileManager.default.contentsOfDirectory(atPath: original.path) {
            try FileManager.default.copyItem(at: original.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return (directory, network)
    }

    static func description(in directory: URL) throws -> NESTExport.Description {
        try JSONDecoder().decode(NESTExport.Description.self,
                                 from: Data(contentsOf: directory.appendingPathComponent("network.json")))
    }

    @Test func descriptionCarriesTheNetworkBitForBit() throws {
        let (directory, network) = try Self.export()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exported = try Self.description(in: directory)
        // Exact equality: the JSON text must read back to humam's doubles (shortest round-trip
        // decimals; Python's json/float parse them correctly rounded too).
        let nonEmpty = network.nonEmptyPopulations
        #expect(exported.populations.index == nonEmpty)
        #expect(exported.populations.neurons == nonEmpty.map { network.neuronCounts[$0] })
        #expect(exported.populations.dcDrive == nonEmpty.map { network.dcDrive[$0] })
        #expect(exported.populations.externalSynapses == nonEmpty.map { network.externalSynapseCounts[$0] })
        #expect(exported.populations.externalRatePerSynapse == nonEmpty.map { network.externalRates[$0] })
        #expect(exported.populations.externalWeight == nonEmpty.map { network.externalWeights[$0] })
        #expect(exported.populations.externalWeightSD == nonEmpty.map { network.externalWeightSDs[$0] })
        let count = network.populationCount
        let pathways = nonEmpty.flatMap { target in
            nonEmpty.filter { network.synapseCounts[target * count + $0] > 0 }.map { target * count + $0 }
        }
        let exportedPathways = zip(exported.pathways.target, exported.pathways.source).map { target, source in
            nonEmpty[target] * count + nonEmpty[source]
        }
        #expect(exportedPathways == pathways)  // the original's loop order: target outer, source inner
        #expect(exported.pathways.synapses == pathways.map { network.synapseCounts[$0] })
        #expect(exported.pathways.weight == pathways.map { network.weights[$0] })
        #expect(exported.pathways.weightSD == pathways.map { network.weightSDs[$0] })
        #expect(exported.pathways.delayMean == pathways.map { network.delayMeans[$0] })
        #expect(exported.pathways.delaySD == pathways.map { network.delaySDs[$0] })
        let perArea = PopulationLayout.populationsPerArea
        #expect(exported.pathways.interArea == pathways.map { ($0 / count) / perArea != ($0 % count) / perArea })
        #expect(exported.totals.neurons == 6935 && exported.totals.synapses == network.totalSynapses)
        #expect(exported.networkHash == network.contentHash)
        #expect(exported.simulation.duration == 200 && exported.simulation.seed == 2903 && exported.simulation.threads == 1)
        #expect(exported.neuronParamsE == network.excitatoryNeuron && exported.neuronParamsI == network.inhibitoryNeuron)
        let script = try String(contentsOf: directory.appendingPathComponent("run_nest.py"), encoding: .utf8)
        #expect(script == NESTScript.text)
    }

    /// The exported run_nest.py is the repository's Sources/NESTExport/run_nest.py byte for byte
    /// (the resource compiled into the module), and its FORMAT_VERSION is network.json's.
    @Test func scriptIsTheRepositoryFile() throws {
        let (directory, _) = try Self.export()
        defer { try? FileManager.default.removeItem(at: directory) }
        let written = try Data(contentsOf: directory.appendingPathComponent("run_nest.py"))
        let source = try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Sources/NESTExport/run_nest.py"))
        #expect(written == source)
        #expect(NESTScript.text.contains("\nFORMAT_VERSION = \(NESTExport.formatVersion)\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("run_nest.py").path)[.posixPermissions]
        #expect(mode as? Int == 0o755)
    }

    /// Python compiles the exported script (`python3 -m py_compile`; byte code goes to a temporary
    /// folder, not beside the script).
    @Test(.enabled(if: PythonNEST.hasPython, "python3 is not available"))
    func scriptCompiles() throws {
        let (directory, _) = try Self.export()
        defer { try? FileManager.default.removeItem(at: directory) }
        try PythonNEST.run(["-m", "py_compile", directory.appendingPathComponent("run_nest.py").path], log: nil,
                           environment: ["PYTHONPYCACHEPREFIX": directory.appendingPathComponent("pycache").path])
    }

    @Test func rejectsInvalidSimulationOptions() throws {
        let directory = try Fixtures.temporaryDirectory("humam-export")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (option, message) in [("--threads=0", "--threads 0 is invalid"), ("--t-sim=-5", "--t-sim -5.0 is invalid"),
                                  ("--seed=0", "--seed 0 is invalid for NEST")] {
            let arguments = ["--data", Fixtures.dataDirectory.path, "--out", directory.path, "--scaling", "0.002", option]
            #expect { try ExportNESTCommand.parse(arguments).run() } throws: {
                ExportNESTCommand.message(for: $0).contains(message)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("network.json").path))
    }

    /// run_nest.py writes only into a new or empty folder: a folder holding a user's file (or
    /// another run) is refused before NEST is imported, naming what is there, and left as it was.
    @Test(.enabled(if: PythonNEST.hasPython, "python3 is not available"))
    func scriptRefusesAFolderThatHoldsFiles() throws {
        let (directory, _) = try Self.export()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = directory.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try "my notes\n".write(to: run.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect {
            try PythonNEST.run([directory.appendingPathComponent("run_nest.py").path, "--out", run.path], log: nil)
        } throws: { error in
            "\(error)".contains("holds files (notes.txt)") && "\(error)".contains("new or empty folder")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.path) == ["notes.txt"])
        #expect(try String(contentsOf: run.appendingPathComponent("notes.txt"), encoding: .utf8) == "my notes\n")
    }

    /// run_nest.py refuses a NEST outside 3.x with a message naming the version (a stand-in
    /// `nest` module on PYTHONPATH plays NEST 2.20 and NEST 4.0).
    @Test(.enabled(if: PythonNEST.hasPython, "python3 is not available"))
    func scriptRejectsUnsupportedNESTVersions() throws {
        let (directory, _) = try Self.export()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = directory.appendingPathComponent("fake-nest")
        try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)
        for version in ["2.20.0", "4.0.0"] {
            try "__version__ = '\(version)'\n".write(to: fake.appendingPathComponent("nest.py"), atomically: true, encoding: .utf8)
            let script = directory.appendingPathComponent("run_nest.py").path
            #expect {
                try PythonNEST.run([script, "--out", directory.appendingPathComponent("run").path], log: nil,
                                   environment: ["PYTHONPATH": fake.path])
            } throws: { error in
                "\(error)".contains("NEST \(version) is not supported; this script needs NEST 3.0 <= version < 4.0")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("run/run.json").path))
    }

}

/// python3 with PyNEST, if this machine has it.
enum PythonNEST {
    static let hasPython: Bool = (try? run(["-c", "pass"], log: nil)) != nil
    static let isAvailable: Bool = (try? run(["-c", "import nest"], log: nil)) != nil

    /// Runs `python3 arguments`; throws with the log's tail when it fails.
    static func run(_ arguments: [String], log: URL?, environment: [String: String] = [:]) throws {
        let process = Process()
        guard let python = Fixtures.program("python3") else { throw InputError("python3 is not on the PATH") }
        process.executableURL = python
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let logURL = log ?? Fixtures.temporaryRoot.appendingPathComponent("humam-python-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logURL)
        defer { try? handle.close(); if log == nil { try? FileManager.default.removeItem(at: logURL) } }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
            throw InputError("python3 \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(text.suffix(2000))")
        }
    }
}

/// The exported network built and simulated by NEST (validation tier).
@Suite struct NESTExportValidationTests {
    /// Exports the small network, runs run_nest.py in NEST with --check-connections and checks
    /// what NEST built and wrote.
    @Test(.enabled(if: PythonNEST.isAvailable, "python3 cannot import nest (pip install nest-simulator); NEST run skipped"),
          .timeLimit(.minutes(2)))
    func nestRealizesTheExportedNetwork() throws {
        let (directory, network) = try NESTExportTests.export()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = directory.appendingPathComponent("run")
        try PythonNEST.run([directory.appendingPathComponent("run_nest.py").path, "--out", run.path, "--check-connections"],
                           log: directory.appendingPathComponent("nest.log"))
        let exported = try NESTExportTests.description(in: directory)

        // Neurons: consecutive GIDs from 1 in layout order, as many as humam has.
        let gidLines = try String(contentsOf: run.appendingPathComponent("population_GIDs.dat"), encoding: .utf8)
            .split(separator: "\n")
        var nextGID = 1
        #expect(gidLines.count == network.nonEmptyPopulations.count)
        for (line, index) in zip(gidLines, network.nonEmptyPopulations) {
            let population = network.layout.population(at: index)
            let neurons = network.neuronCounts[index]
            #expect(line == "('\(population.area)', '\(population.layer.label)', '\(population.cellType.label)');\(nextGID);\(nextGID + neurons - 1)")
            nextGID += neurons
        }

        // Synapses: NEST's fixed_total_number realizes exactly N per pathway; nothing else.
        let check = try CSVTable(contentsOf: run.appendingPathComponent("connection_check/rank-0.csv"))
        let targets = try check.numbers(column: "target_index").map(Int.init)
        let sources = try check.numbers(column: "source_index").map(Int.init)
        let counts = try check.numbers(column: "synapses").map(Int.init)
        let weightSums = try check.numbers(column: "weight_sum_pA")
        let delaySums = try check.numbers(column: "delay_sum_ms")
        let delayMinima = try check.numbers(column: "delay_min_ms")
        let count = network.populationCount
        var realized: [Int: (synapses: Int, weightSum: Double, delaySum: Double, delayMinimum: Double)] = [:]
        var external: [Int: Int] = [:]
        for row in targets.indices {
            if sources[row] < 0 {
                external[targets[row]] = counts[row]
            } else {
                realized[targets[row] * count + sources[row]] = (counts[row], weightSums[row], delaySums[row], delayMinima[row])
            }
        }
        var expectedSynapses = 0, expectedWeightSum = 0.0, expectedDelaySum = 0.0
        var realizedWeightSum = 0.0, realizedDelaySum = 0.0
        var mismatches: [String] = []
        for pathway in exported.pathways.synapses.indices where exported.pathways.weight[pathway] != 0 {
            let target = exported.populations.index[exported.pathways.target[pathway]]
            let source = exported.populations.index[exported.pathways.source[pathway]]
            let element = target * count + source
            let expected = network.synapseCounts[element]
            let realizedHere = realized.removeValue(forKey: element)
            guard let got = realizedHere, got.synapses == expected else {
                mismatches.append("\(target)←\(source): expected \(expected), NEST has \(realizedHere?.synapses ?? 0)")
                continue
            }
            expectedSynapses += expected
            expectedWeightSum += Double(expected) * network.weights[element]
            expectedDelaySum += Double(expected) * network.delayMeans[element]
            realizedWeightSum += got.weightSum
            realizedDelaySum += got.delaySum
            let floor = exported.pathways.interArea[pathway]
                ? max(exported.simulation.minimumInterAreaDelay, exported.simulation.resolution) : exported.simulation.resolution
            if got.delayMinimum < floor - 1e-12 { mismatches.append("\(target)←\(source): delay \(got.delayMinimum) < \(floor) ms") }
            if (got.weightSum < 0) != (network.weights[element] < 0) { mismatches.append("\(target)←\(source): weight sign") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(realized.isEmpty, "NEST has synapses on pathways humam does not: \(realized.keys.prefix(5))")
        #expect(expectedSynapses == network.totalSynapses)  // no pathway of this network has weight 0
        // One Poisson generator per population, connected all_to_all: one connection per neuron.
        #expect(external == Dictionary(uniqueKeysWithValues: network.nonEmptyPopulations.map { ($0, network.neuronCounts[$0]) }))
        // Distributions: weights Normal(w, 0.1|w|) clipped at 0 (clipping at 10 SD is negligible),
        // so Σ w realized / Σ w expected has relative SD ≈ 0.1/√170,844 = 2.4e-4 (4 SD: 1e-3).
        #expect(abs(realizedWeightSum / expectedWeightSum - 1) < 1e-3)
        // Delays lognormal with relative SD 0.5, clipped at 0.1 ms and rounded to 0.1 ms steps:
        // the clip lifts the mean by < 0.1 % for these means (≥ 0.75 ms); sampling SD of the total
        // ≈ 0.5/√170,844 = 1.2e-3 relative. Tolerance 5e-3.
        #expect(abs(realizedDelaySum / expectedDelaySum - 1) < 5e-3)

        // Output layout: spikes/*.dat (NEST ASCII), run.json with the counts.
        let spikeFiles = try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("spikes").path)
            .filter { $0.hasSuffix(".dat") }
        #expect(spikeFiles.count == 1)  // one process, one thread
        var spikes: [(sender: Int, time: Double)] = []
        for file in spikeFiles {
            let text = try String(contentsOf: run.appendingPathComponent("spikes/\(file)"), encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(lines.contains("sender\ttime_ms"))
            for line in lines where line.first?.isNumber == true {
                let fields = line.split(separator: "\t")
                spikes.append((Int(fields[0])!, Double(fields[1])!))
            }
        }
        let spikeLines = spikes.count
        let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("run.json"))) as? [String: Any])
        #expect(record["engine"] as? String == "nest")
        #expect(record["spikes"] as? Int == spikeLines && spikeLines > 0)
        #expect(record["neurons"] as? Int == network.totalNeurons)
        // All NEST connections: internal + one Poisson and one recorder connection per neuron.
        #expect(record["nest_num_connections"] as? Int == network.totalSynapses + 2 * network.totalNeurons)
        for key in ["setup_seconds", "simulate_seconds", "mean_rate_hz"] { #expect(record[key] is Double, "\(key)") }
        #expect((record["peak_memory_bytes"] as? Int ?? 0) > 0)
        #expect(record["simulation_hash"] as? String == exported.simulationHash)

        // rates.csv (as humam simulate writes it): spikes with 0 ≤ t < 200 ms per neuron
        // (t_sim ≤ 500 ms, so the window starts at 0), recomputed here from the spike files.
        var populationOfGID = [0]  // GIDs start at 1
        for index in network.nonEmptyPopulations {
            populationOfGID += [Int](repeating: index, count: network.neuronCounts[index])
        }
        var windowSpikes = [Int](repeating: 0, count: count)
        for (sender, time) in spikes where time < 200 { windowSpikes[populationOfGID[sender]] += 1 }
        let rates = try PopulationTable.read(run.appendingPathComponent("rates.csv"), valueColumn: "rate_hz", layout: network.layout)
        // Same IEEE operations in Python and here (count / neurons / 0.2 s): equal to the bit.
        #expect(network.nonEmptyPopulations.allSatisfy { rates[$0] == Double(windowSpikes[$0]) / Double(network.neuronCounts[$0]) / 0.2 })
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("network.json").path))

        // `humam analyze` reads the NEST run folder unchanged; its rates are the run's rates.csv
        // (same counts and window; a different order of the division: 1e-12 relative).
        let analysis = directory.appendingPathComponent("analysis")
        try AnalyzeCommand.parse(["--run", run.path, "--out", analysis.path, "--no-figures", "--t-start", "0"]).run()
        let analyzed = try PopulationTable.read(analysis.appendingPathComponent("population_statistics.csv"),
                                                valueColumn: "rate_hz", layout: network.layout)
        #expect(network.nonEmptyPopulations.allSatisfy { abs(analyzed[$0] - rates[$0]) <= 1e-12 * rates[$0] })
    }
}
