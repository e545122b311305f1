import Analysis
import Foundation
import Model
import Theory

extension RunReport {
    /// The notebook's section 2.3: the mean-field fixed points of the full-scale network with the
    /// run's parameters and their stability, and the theory's rates against the simulated rates.
    func appendTheorySection(to page: inout HTMLPage) throws(InputError) {
        heading("theory", to: &page)
        var theory: (rates: [Double], source: String)?
        if let network = fullScaleNetwork {
            let result = StationaryRates.solve(network: network)
            appendFixedPoints(result, to: &page)
            if let rates = result.rates { theory = (rates, "the fixed point above (reached by the most trials)") }
        } else {
            page.missing("The network parameters or the model's input tables are missing (see section 1), so the mean-field theory is not solved here.")
        }
        if let theoryRatesFile {
            theory = (try PopulationTable.read(theoryRatesFile, valueColumn: "rate_hz", layout: layout,
                                               range: PopulationTable.rateRange, missing: .nan),
                      theoryRatesFile.path)
        }
        guard let theory else {
            page.missing("No mean-field rates to compare with: give humam report --theory FILE (area,layer,population,rate_hz, e.g. written by humam theory --out).")
            return
        }
        let (simulated, source) = try simulatedRates()
        let populations = populated.filter { simulated[$0].isFinite && theory.rates[$0].isFinite }
        let simulatedHz = populations.map { simulated[$0] }, theoryHz = populations.map { theory.rates[$0] }
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
        page.paragraph("Theory rates: \(theory.source). Simulated rates: \(source).")
        page.definitions([
            ("populations compared", HTMLPage.Cell(ReportNumber.text(populations.count), id: "theory-populations")),
            ("mean theory rate over populations (spikes/s)", HTMLPage.Cell(ReportNumber.text(mean(theoryHz)), id: "theory-mean-rate")),
            ("mean simulated rate over populations (spikes/s)", HTMLPage.Cell(ReportNumber.text(mean(simulatedHz)), id: "theory-simulated-mean-rate")),
            ("correlation of log10 rates (both > 0)", HTMLPage.Cell(ReportNumber.text(TheoryFigures.logRateCorrelation(simulatedHz: simulatedHz, theoryHz: theoryHz)), id: "theory-log-rate-correlation")),
        ])
        page.figure(TheoryFigures.rateComparison(simulatedHz: simulatedHz, theoryHz: theoryHz),
                    caption: "Mean-field (theory) against simulated rate per population, log–log, dashed: identity. The correlation is that of the log10 rates, as drawn.")
    }

    /// The distinct fixed points the solver found, with their stability.
    func appendFixedPoints(_ result: TheoryResult, to page: inout HTMLPage) {
        let converged = result.trials.filter(\.converged).count
        page.paragraph("Mean-field theory of the full-scale network with the run's parameters (humam theory's defaults: shifted Siegert rates with the DC drive, \(result.trials.count) random start(s); humam theory --trials N searches further): \(converged) of \(result.trials.count) trial(s) converged to \(result.fixedPoints.count) distinct fixed point(s). Stable: the leading eigenvalue of the linearised rate dynamics has a negative real part.")
        page.table(header: ["fixed point", "trials", "stability", "leading eigenvalue (real part)", "mean rate over populations (spikes/s)", "residual (Hz)"],
                   rows: result.fixedPoints.enumerated().map { index, point in
            let rates = result.modelledPopulations.map { point.rates[$0] }
            return [HTMLPage.Cell(String(index + 1)), HTMLPage.Cell(ReportNumber.text(point.trials.count)),
                    HTMLPage.Cell(point.stability.map { $0.isStable ? "stable" : "unstable" } ?? "not analysed", id: "theory-fixed-point-\(index + 1)-stability"),
                    HTMLPage.Cell(point.stability.map { ReportNumber.text($0.leadingEigenvalueReal) } ?? "undefined", id: "theory-fixed-point-\(index + 1)-eigenvalue"),
                    HTMLPage.Cell(ReportNumber.text(rates.reduce(0, +) / Double(rates.count)), id: "theory-fixed-point-\(index + 1)-mean-rate"),
                    HTMLPage.Cell(String(format: "%.1e", point.residualHz))]
        })
    }
}
