import Foundation

extension RunReport {
    /// What ran: source, hashes, version, sizes, timings and the recorded parameters.
    func appendRunSection(to page: inout HTMLPage) {
        heading("run", to: &page)
        guard let record else {
            page.missing("No run.json: this is not a run of humam simulate (e.g. the original's NEST output), so parameters, hashes and timings are not recorded. Spikes: \(ReportNumber.text(trains.spikeCount)); \(ReportNumber.text(trains.neuronCount)) neurons; simulated time \(ReportNumber.text(trains.simulationTime)) ms.")
            return
        }
        /// A recorded value; identifiers such as the seed without thousands separators.
        func value(_ key: String, identifier: Bool = false) -> HTMLPage.Cell {
            let id = "run-\(key.replacingOccurrences(of: "_", with: "-"))"
            if let text = record[key] as? String { return HTMLPage.Cell(text, id: id) }
            // An identifier as JSON wrote it (a seed may exceed what a Double or an Int holds exactly).
            if identifier, let number = recordedNumber(key) { return HTMLPage.Cell(number.stringValue, id: id) }
            if let number = recorded(key) { return HTMLPage.Cell(ReportNumber.text(number), id: id) }
            return HTMLPage.Cell("not recorded", id: id)
        }
        let duration = recorded("t_sim") ?? trains.simulationTime
        let simulateSeconds = recorded("simulate_seconds")
        var rows: [(label: String, value: HTMLPage.Cell)] = [
            ("humam version of the run", value("humam_version")),
            ("network hash", value("network_hash")),
            ("simulation hash", value("simulation_hash")),
            ("neurons", value("neurons")),
            ("synapses", value("synapses")),
            ("connectivity", value("connectivity")),
            ("simulated time (ms)", HTMLPage.Cell(ReportNumber.text(duration), id: "run-t-sim")),
            ("resolution (ms)", HTMLPage.Cell(ReportNumber.text(run.resolution()), id: "run-resolution")),
            ("seed", value("master_seed", identifier: true)),
            ("threads", value("threads")),
            ("spikes", value("spikes")),
            ("mean rate over neurons (spikes/s, t ≥ \(ReportNumber.text(rateWindowStart)) ms)", value("mean_rate_hz")),
            ("set-up (s)", value("setup_seconds")),
            ("simulation (s)", value("simulate_seconds")),
        ]
        if let simulateSeconds, duration > 0 {
            rows.append(("real-time factor", HTMLPage.Cell(ReportNumber.text(simulateSeconds / (duration / 1000)), id: "run-real-time-factor")))
        }
        if let bytes = recorded("peak_memory_bytes") {
            rows.append(("peak memory (MB)", HTMLPage.Cell(ReportNumber.text((bytes / 1e6).rounded()), id: "run-peak-memory")))
        }
        if let parameters = networkParameters {
            rows.append(("N_scaling, K_scaling", HTMLPage.Cell("\(ReportNumber.text(parameters.downscaling.neuronScaling)), \(ReportNumber.text(parameters.downscaling.indegreeScaling))", id: "run-scaling")))
            rows.append(("down-scaling", HTMLPage.Cell(parameters.downscaling.mode.rawValue, id: "run-downscaling")))
            rows.append(("chi (cortico-cortical E→E factor; E→I factor)", HTMLPage.Cell("\(ReportNumber.text(parameters.recurrentScaling.corticoCorticalEOntoE)); \(ReportNumber.text(parameters.recurrentScaling.corticoCorticalEOntoI))", id: "run-chi")))
        }
        page.definitions(rows)
        for key in ["sim_params", "net_params"] {
            if let parameters = record[key],
               let data = try? JSONSerialization.data(withJSONObject: parameters, options: [.prettyPrinted, .sortedKeys]) {
                page.collapsed(summary: "\(key) as recorded in run.json", preformatted: String(decoding: data, as: UTF8.self))
            }
        }
    }
}
