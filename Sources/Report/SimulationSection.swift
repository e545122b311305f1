import Analysis
import Foundation
import Model

extension RunReport {
    /// The notebook's section 3: mean rates (3.1), instantaneous area rates (3.2), time-averaged
    /// rates per population (3.3) and a raster (3.4).
    func appendSimulationSection(to page: inout HTMLPage) throws(InputError) {
        heading("simulation", to: &page)
        page.paragraph("\(ReportNumber.text(trains.spikeCount)) spikes of \(ReportNumber.text(trains.neuronCount)) neurons over \(ReportNumber.text(trains.simulationTime)) ms.")
        let simulated = try simulatedRates()
        let rates = simulated.rates
        let counts = trains.populations.neuronCounts
        let mean = { (indices: [Int]) in indices.map { rates[$0] }.reduce(0, +) / Double(indices.count) }
        let weighted = PopulationRate.neuronWeightedMean(rates, neuronCounts: counts, populations: populated)
        let excitatory = populated.filter { layout.population(at: $0).cellType == .excitatory }
        let inhibitory = populated.filter { layout.population(at: $0).cellType == .inhibitory }
        let busiest = populated.max { rates[$0] < rates[$1] }
        let quietest = populated.min { rates[$0] < rates[$1] }

        page.heading("3.1 Mean firing rates", level: 3)
        page.paragraph("Rates from \(simulated.source).")
        var rows: [(label: String, value: HTMLPage.Cell)] = [
            ("mean over populations (spikes/s)", HTMLPage.Cell(ReportNumber.text(mean(populated)), id: "simulation-mean-rate")),
            ("mean over neurons (spikes/s)", HTMLPage.Cell(ReportNumber.text(weighted), id: "simulation-neuron-mean-rate")),
            ("mean over excitatory populations (spikes/s)", HTMLPage.Cell(ReportNumber.text(mean(excitatory)), id: "simulation-excitatory-rate")),
            ("mean over inhibitory populations (spikes/s)", HTMLPage.Cell(ReportNumber.text(mean(inhibitory)), id: "simulation-inhibitory-rate")),
            ("silent populations (rate 0)", HTMLPage.Cell("\(ReportNumber.text(populated.filter { rates[$0] == 0 }.count)) of \(ReportNumber.text(populated.count))", id: "simulation-silent")),
        ]
        if let busiest, let quietest {
            rows.append(("busiest population", HTMLPage.Cell("\(layout.population(at: busiest).label): \(ReportNumber.text(rates[busiest])) spikes/s", id: "simulation-busiest")))
            rows.append(("quietest population", HTMLPage.Cell("\(layout.population(at: quietest).label): \(ReportNumber.text(rates[quietest])) spikes/s", id: "simulation-quietest")))
        }
        page.definitions(rows)
        page.figure(AnalysisFigures.boxPlot(rates, layout: layout, xLabel: "Firing rate (spikes/s)", title: "Rates over areas"),
                    caption: "Rate of each layer's excitatory and inhibitory population over the areas: box = quartiles, line = median, whiskers 1.5 IQR.")

        let histogram = RateHistogram(trains)
        page.heading("3.2 Instantaneous firing rates", level: 3)
        page.figure(AnalysisFigures.instantaneousRates(histogram, areas: layout.areas),
                    caption: "Rate of each area (all its neurons) in 1 ms bins over the last 500 ms, spikes/s.")

        page.heading("3.3 Time-averaged firing rates", level: 3)
        page.figure(AnalysisFigures.averageRates(rates, layout: layout),
                    caption: "Time-averaged rate of every population (\(simulated.source)); X: the population has no neurons.")

        page.heading("3.4 Raster", level: 3)
        let windowStart = max(0, trains.simulationTime - AnalysisFigures.shownDurationMs)
        let area = histogram.busiestArea(from: windowStart)
        page.figure(AnalysisFigures.raster(trains, areaIndex: area, window: windowStart...trains.simulationTime),
                    caption: "Spikes of \(layout.areas[area]), the area with the highest mean rate in the last 500 ms: up to 30 neurons per population, evenly spaced in GID order (the original shows a random 3 % of each population); blue excitatory, red inhibitory.")
    }
}
