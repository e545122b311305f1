import Analysis
import Foundation
import Model

extension RunReport {
    /// The notebook's section 2.3: mean-field rates against the simulated rates.
    func appendTheorySection(to page: inout HTMLPage) {
        heading("theory", to: &page)
        guard let theoryRatesFile else {
            page.missing("No mean-field rates: no theory_rates.csv in the run folder or its parent. Write them with humam theory --out RUN/theory_rates.csv (with the run's network options; scripts/notebook does), or give humam report --theory FILE.")
            return
        }
        do {
            let theory = try PopulationTable.read(theoryRatesFile, valueColumn: "rate_hz", layout: layout, missing: .nan)
            let (simulated, source) = try simulatedRates()
            let populations = layout.count == 0 ? [] : (0..<layout.count).filter { simulated[$0].isFinite && theory[$0].isFinite }
            let simulatedHz = populations.map { simulated[$0] }, theoryHz = populations.map { theory[$0] }
            let mean = { (values: [Double]) in values.reduce(0, +) / Double(values.count) }
            page.paragraph("Theory: \(theoryRatesFile.path). Simulated: \(source). Fixed points and their stability are printed by humam theory and not stored in a file; this section compares the rates only.")
            page.definitions([
                ("populations compared", HTMLPage.Cell(ReportNumber.text(populations.count), id: "theory-populations")),
                ("mean theory rate over populations (spikes/s)", HTMLPage.Cell(ReportNumber.text(mean(theoryHz)), id: "theory-mean-rate")),
                ("mean simulated rate over populations (spikes/s)", HTMLPage.Cell(ReportNumber.text(mean(simulatedHz)), id: "theory-simulated-mean-rate")),
                ("correlation of log10 rates (both > 0)", HTMLPage.Cell(ReportNumber.text(TheoryFigures.logRateCorrelation(simulatedHz: simulatedHz, theoryHz: theoryHz)), id: "theory-log-rate-correlation")),
            ])
            page.figure(TheoryFigures.rateComparison(simulatedHz: simulatedHz, theoryHz: theoryHz),
                        caption: "Mean-field (theory) against simulated rate per population, log–log, dashed: identity. The correlation is that of the log10 rates, as drawn.")
        } catch {
            page.missing(Self.problem(error))
        }
    }
}
