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
    }
}
