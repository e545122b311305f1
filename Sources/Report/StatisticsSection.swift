import Analysis
import Foundation
import Model

extension RunReport {
    /// The statistics `humam analyze` wrote (population_statistics.csv): rate, CV of ISIs, LvR
    /// and spike-count correlation per population; undefined values (empty cells, or nan as older
    /// versions wrote them) shown as such. The table must be of this run (`AnalysedRun`), have a
    /// row for every non-empty population and values in their ranges.
    func appendStatisticsSection(to page: inout HTMLPage) throws(InputError) {
        heading("statistics", to: &page)
        let file = analysisDirectory.appendingPathComponent("population_statistics.csv")
        guard FileManager.default.fileExists(atPath: file.path) else {
            page.missing("No spike statistics yet: \(file.path) does not exist. Run \(ShellCommand.line(["humam", "analyze", "--run", run.url.path])), then humam report again.")
            return
        }
        try analysedRun.check(analysisDirectory, command: "analyze")
        let columns = [("rate_hz", "Rate (spikes/s)", PopulationTable.rateRange), ("cv_isi", "CV ISI", ValidRange.closed(0, .infinity)),
                       ("lvr", "LvR", ValidRange.closed(0, .infinity)), ("spike_count_correlation", "Correlation coefficient", ValidRange.closed(-1, 1))]
        let table = try CSVTable(contentsOf: file)
        let values = try columns.map { column throws(InputError) in
            try PopulationTable.read(table, valueColumn: column.0, layout: layout, required: populated, range: column.2,
                                     missing: .nan, acceptingUndefined: true)
        }
        page.paragraph("From \(file.path). CV and LvR are undefined for a population in which no neuron fired 10 times in the window, the correlation where fewer than two neurons fired; such values are shown as \"undefined\" (files of humam analyze before this report wrote 0 there, as the original does).")
        page.table(header: ["statistic", "median over populations", "defined", "undefined"], rows: columns.indices.map { column in
            let defined = populated.map { values[column][$0] }.filter(\.isFinite).sorted()
            let median = defined.isEmpty ? Double.nan : BoxPlotFigure.percentile(defined, 0.5)
            return [HTMLPage.Cell(columns[column].1), HTMLPage.Cell(ReportNumber.text(median), id: "statistics-median-\(columns[column].0)"),
                    HTMLPage.Cell(ReportNumber.text(defined.count)),
                    HTMLPage.Cell(ReportNumber.text(populated.count - defined.count), id: "statistics-undefined-\(columns[column].0)")]
        })
        page.figure(FigureRow(columns.indices.map { column in
            AnalysisFigures.boxPlot(values[column], layout: layout, xLabel: columns[column].1, title: columns[column].1)
        }), caption: "Each statistic of each layer's excitatory and inhibitory population over the areas (undefined values left out).")
        page.collapsed(summary: "All \(populated.count) populations") { inner in
            inner.table(header: ["population", "neurons"] + columns.map(\.1), rows: populated.map { index in
                let label = layout.population(at: index).label
                return [HTMLPage.Cell(label), HTMLPage.Cell(ReportNumber.text(trains.populations.neuronCounts[index]))]
                    + columns.indices.map { HTMLPage.Cell(ReportNumber.text(values[$0][index]), id: "statistics-\(label)-\(columns[$0].0)") }
            })
        }
        try appendHumanComparison(to: &page)
    }

    /// `humam analyze --compare-human`'s comparison, recomputed from the run's spikes and the
    /// recorded human data and checked against human_comparison.json: the three cumulative
    /// distributions, and this run's 1 − KS on the paper's published curves over chi.
    func appendHumanComparison(to page: inout HTMLPage) throws(InputError) {
        page.heading("Compared with human single units", level: 3)
        let file = analysisDirectory.appendingPathComponent(HumanComparison.fileName)
        let shortest = SnippetStatistics.firstStartMs + SnippetStatistics.lengthMs
        guard trains.simulationTime >= shortest else {
            page.paragraph("This run (\(ReportNumber.text(trains.simulationTime)) ms) is too short for the paper's comparison with human single units, which takes 2-s snippets from 2.5 s on: it needs at least \(ReportNumber.text(shortest)) ms.")
            return
        }
        guard let data = try? Data(contentsOf: file) else {
            page.missing("No comparison with human recordings: \(file.path) does not exist. Run \(ShellCommand.line(["humam", "analyze", "--run", run.url.path, "--compare-human"])) (a run of at least 4500 ms), then humam report again.")
            return
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let area = object["area"] as? String, let humanPath = object["human_data"] as? String else {
            throw InputError(file: file.path, "is not a comparison with human recordings (expected area and human_data)")
        }
        let recordings = try HumanRecordings(folder: URL(fileURLWithPath: humanPath))
        let comparison = try HumanComparison(trains, area: area, recordings: recordings)
        for measure in comparison.measures {
            let recorded = (object[measure.name] as? [String: Any])?["one_minus_ks"]
            let agrees = switch (measure.oneMinusKS, recorded as? Double) {
            case let (value?, stored?): abs(value - stored) <= 1e-12
            case (nil, nil): recorded is NSNull
            default: false
            }
            guard agrees else {
                throw InputError(file: file.path, field: "\(measure.name).one_minus_ks", "is \(recorded ?? "missing"), but this run's spikes and \(humanPath) give \(ReportNumber.text(measure.oneMinusKS ?? .nan)): the file belongs to another run or other recordings; run humam analyze --compare-human again")
            }
        }
        page.paragraph("\(area), \(comparison.snippets.count) snippet(s) of 2 s from 2.5 s on (the paper used five, from a 12.5 s run), against \(recordings.rates.count) rates and \(recordings.coefficientsOfVariation.count) CV and LvR values of human medial-frontal-cortex units (Minxha et al. 2020; \(humanPath)). 1 − KS: one minus the two-sample Kolmogorov–Smirnov statistic; 1 means the same distribution. With one snippet the simulated sample is small and 1 − KS varies from seed to seed.")
        page.table(header: ["measure", "simulated values", "human values", "simulated median", "human median", "1 − KS"], rows: comparison.measures.map { measure in
            [HTMLPage.Cell(measure.name), HTMLPage.Cell(ReportNumber.text(measure.simulated.count)), HTMLPage.Cell(ReportNumber.text(measure.human.count)),
             HTMLPage.Cell(ReportNumber.text(HumanComparison.median(measure.simulated) ?? .nan)),
             HTMLPage.Cell(ReportNumber.text(HumanComparison.median(measure.human) ?? .nan)),
             HTMLPage.Cell(ReportNumber.text(measure.oneMinusKS ?? .nan), id: "human-\(measure.name)")]
        })
        page.figure(comparison.figure(), caption: "Cumulative distributions of this run's values (red) and the human recordings' (blue).")
        let curves = dataDirectory?.appendingPathComponent("published_one_minus_ks_by_chi.csv")
        guard let curves, FileManager.default.fileExists(atPath: curves.path) else {
            page.missing("The published 1 − KS by chi (notebooks-data/published_one_minus_ks_by_chi.csv) was not found; give --data DIR.")
            return
        }
        let table = try CSVTable(contentsOf: curves)
        let chis = try table.numbers(column: "chi")
        let chi = networkParameters?.recurrentScaling.corticoCorticalEOntoE
        page.figure(FigureRow(try comparison.measures.map { (measure) throws(InputError) in
            var series = [LineFigure.Series(label: "published", x: chis, y: try table.numbers(column: measure.name, in: .closed(0, 1)))]
            if let chi, let value = measure.oneMinusKS {
                series.append(LineFigure.Series(label: "this run", x: [chi - 0.05, chi + 0.05], y: [value, value], color: "#c44e52"))
            }
            return LineFigure(series: series, xLabel: "chi", yLabel: "1 − KS", title: measure.name, yRange: 0...1, plotWidth: 220, plotHeight: 180)
        }), caption: "The paper's 1 − KS of the full-scale caudal anterior cingulate (five snippets) by chi; red: this run's value at its chi\(chi == nil ? " (chi not recorded: not drawn)" : "").")
    }
}
