import Foundation

extension RunReport {
    /// What ran: source, hashes, version, sizes, timings and the recorded parameters.
    func appendRunSection(to page: inout HTMLPage) {
        heading("run", to: &page)
        guard let record else {
            page.missing("No run.json: this is not a run of humam simulate (e.g. the original's NEST output), so parameters, hashes and timings are not recorded. Spikes: \(ReportNumber.text(trains.spikeCount)); \(ReportNumber.text(trains.neuronCount)) neurons; simulated time \(ReportNumber.text(trains.simulationTime)) ms.")
            return
        }
        func cell(_ text: String?, _ key: String) -> HTMLPage.Cell {
            HTMLPage.Cell(text ?? "not recorded", id: "run-\(key.replacingOccurrences(of: "_", with: "-"))")
        }
        func cell(_ number: Double?, _ key: String) -> HTMLPage.Cell { cell(number.map(ReportNumber.text), key) }
        func cell(_ number: Int, _ key: String) -> HTMLPage.Cell { cell(ReportNumber.text(number), key) }
        let duration = record.simulationParameters.duration
        var rows: [(label: String, value: HTMLPage.Cell)] = [
            ("humam version of the run", cell(record.humamVersion, "humam_version")),
            ("network hash", cell(record.networkHash, "network_hash")),
            ("simulation hash", cell(record.simulationHash, "simulation_hash")),
            ("neurons", cell(record.neurons, "neurons")),
            ("synapses", cell(record.synapses, "synapses")),
            ("connectivity", cell(record.connectivity?.rawValue, "connectivity")),
            ("simulated time (ms)", HTMLPage.Cell(ReportNumber.text(duration), id: "run-t-sim")),
            ("resolution (ms)", HTMLPage.Cell(ReportNumber.text(run.resolution()), id: "run-resolution")),
            // An identifier: without thousands separators.
            ("seed", cell(String(record.simulationParameters.seed), "master_seed")),
            ("threads", cell(record.threads, "threads")),
            ("spikes", cell(record.spikes, "spikes")),
            ("mean rate over neurons (spikes/s, t ≥ \(ReportNumber.text(rateWindowStart)) ms)", cell(record.meanRateHz, "mean_rate_hz")),
            ("set-up (s)", cell(record.setupSeconds, "setup_seconds")),
            ("simulation (s)", cell(record.simulateSeconds, "simulate_seconds")),
        ]
        if duration > 0 {
            rows.append(("real-time factor", HTMLPage.Cell(ReportNumber.text(record.simulateSeconds / (duration / 1000)), id: "run-real-time-factor")))
        }
        if let bytes = record.peakMemoryBytes {
            rows.append(("peak memory (MB)", HTMLPage.Cell(ReportNumber.text((Double(bytes) / 1e6).rounded()), id: "run-peak-memory")))
        }
        if let parameters = networkParameters {
            rows.append(("N_scaling, K_scaling", HTMLPage.Cell("\(ReportNumber.text(parameters.downscaling.neuronScaling)), \(ReportNumber.text(parameters.downscaling.indegreeScaling))", id: "run-scaling")))
            rows.append(("down-scaling", HTMLPage.Cell(parameters.downscaling.mode.rawValue, id: "run-downscaling")))
            rows.append(("chi (cortico-cortical E→E factor; E→I factor)", HTMLPage.Cell("\(ReportNumber.text(parameters.recurrentScaling.corticoCorticalEOntoE)); \(ReportNumber.text(parameters.recurrentScaling.corticoCorticalEOntoI))", id: "run-chi")))
        }
        page.definitions(rows)
        // Keys sorted as JSONSerialization sorts them (case-insensitively), as the report always showed them.
        for (key, parameters) in [("sim_params", try? JSONEncoder().encode(record.simulationParameters)),
                                  ("net_params", try? JSONEncoder().encode(record.networkParameters))] {
            if let parameters, let object = try? JSONSerialization.jsonObject(with: parameters),
               let text = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
                page.collapsed(summary: "\(key) as recorded in run.json", preformatted: String(decoding: text, as: UTF8.self))
            }
        }
    }
}
