import Analysis
import Foundation
import Model

extension RunReport {
    /// The notebook's section 3.5: the FC `humam fc` wrote, next to the experimental FC it was
    /// compared with, their scatter and correlations, and the original's published full-scale
    /// results for the same chi as reference. The FC must be of this run (`AnalysedRun`).
    func appendFCSection(to page: inout HTMLPage) throws(InputError) {
        heading("fc", to: &page)
        let fcFile = analysisDirectory.appendingPathComponent("fc_synaptic.csv")
        guard FileManager.default.fileExists(atPath: fcFile.path) else {
            page.missing("No simulated FC yet: \(fcFile.path) does not exist. Run \(ShellCommand.line(["humam", "fc", "--run", run.url.path])) --compare notebooks-data/hcp_fmri_fc_enigma_left34.csv, then humam report again.")
            return
        }
        try analysedRun.check(analysisDirectory, command: "fc")
        let simulated = try ExperimentalFC.read(fcFile, areas: layout.areas).connectivity
        page.paragraph("Simulated FC: Pearson correlation of the area synaptic input currents (\(fcFile.path)). Heatmaps: areas ordered by resting-state network as in the original's figures (Kabbara et al. 2017: DMN, DAN, SAN, AUD, VIS, other); colour scale symmetric about 0, each panel scaled to its largest off-diagonal |value|.")
        let comparison = try readComparison()
        if let comparison {
            page.definitions([
                ("experimental FC", HTMLPage.Cell(comparison.file, id: "fc-experimental-file")),
                ("area pairs", HTMLPage.Cell(ReportNumber.text(comparison.pairs), id: "fc-pairs")),
                ("Pearson r", HTMLPage.Cell(ReportNumber.text(comparison.pearsonR), id: "fc-pearson")),
                ("Spearman ρ", HTMLPage.Cell(ReportNumber.text(comparison.spearmanR), id: "fc-spearman")),
            ])
            if let experimentalFile = locate(comparison.file) {
                let experimental = try ExperimentalFC.read(experimentalFile, areas: simulated.areas).connectivity
                page.figure(AnalysisFigures.fcComparison(simulated: simulated, experimental: experimental, comparison: comparison,
                                                         experimentalTitle: "Experimental FC"),
                            caption: "Simulated FC (left), the experimental FC it was compared with (middle, \(experimentalFile.lastPathComponent)) and their lower-triangle pairs (right).")
            } else {
                page.missing("The experimental FC file \(comparison.file) recorded in fc_comparison.json was not found; the correlations above are those humam fc computed.")
                page.figure(HeatmapFigure(connectivity: simulated, title: "Simulated FC"), caption: "Simulated FC.")
            }
        } else {
            page.missing("No comparison with an experimental FC: \(analysisDirectory.appendingPathComponent("fc_comparison.json").path) does not exist (humam fc --compare FILE writes it).")
            page.figure(HeatmapFigure(connectivity: simulated, title: "Simulated FC"), caption: "Simulated FC.")
        }
        try appendPublishedFC(simulated: simulated, runR: comparison?.pearsonR, experimentalFile: comparison?.file, to: &page)
    }

    /// fc_comparison.json, if present; an error if it cannot be read as one.
    func readComparison() throws(InputError) -> FCComparison? {
        let file = analysisDirectory.appendingPathComponent("fc_comparison.json")
        guard let data = try? Data(contentsOf: file) else { return nil }
        do {
            return try JSONDecoder().decode(FCComparison.self, from: data)
        } catch {
            throw InputError(file: file.path, "cannot be read as an FC comparison (\(error))")
        }
    }

    /// A file named in a record: as given (absolute, or relative to the working folder), else by
    /// its name in the data folder.
    func locate(_ path: String) -> URL? {
        let candidates = [URL(fileURLWithPath: path)] + (dataDirectory.map { [$0.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)] } ?? [])
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The original's published full-scale results: FC-vs-experiment r over chi (a line, with this
    /// run's r as a reference line) and the published simulated FC of the nearest of chi 1 and 2.5.
    func appendPublishedFC(simulated: FunctionalConnectivity, runR: Double?, experimentalFile: String?, to page: inout HTMLPage) throws(InputError) {
        page.heading("Published full-scale results", level: 3)
        guard let dataDirectory else {
            page.missing("The data folder (notebooks-data/) was not found; give --data DIR for the published FC.")
            return
        }
        let chi = networkParameters?.recurrentScaling.corticoCorticalEOntoE
        let byChi = dataDirectory.appendingPathComponent("published_fc_vs_experiment_by_chi.csv")
        guard FileManager.default.fileExists(atPath: byChi.path) else {
            page.missing("\(byChi.path) does not exist, so the published results are not shown; give --data DIR with the published FC.")
            return
        }
        let table = try CSVTable(contentsOf: byChi)
        let chis = try table.numbers(column: "chi"), pearson = try table.numbers(column: "pearson_lh")
        var series = [LineFigure.Series(label: "published, full scale", x: chis, y: pearson, color: "#000000")]
        if let runR {
            series.append(LineFigure.Series(label: "this run", x: [chis.first ?? 0, chis.last ?? 3], y: [runR, runR], color: "#c44e52"))
        }
        page.figure(LineFigure(series: series, xLabel: "chi (cortico-cortical E→E factor)", yLabel: "Pearson r, FC sim. vs exp.",
                               title: "FC similarity by chi"),
                    caption: "The original's published full-scale FC against the Senden 7T resting-state FC (left hemisphere, 12.5 s runs, t ≥ 2.5 s), by chi; red: this run's r against its own experimental FC (a different data set when that is the HCP/ENIGMA FC, so a reference, not a like-for-like comparison).")
        if let chi {
            if let row = chis.firstIndex(where: { abs($0 - chi) < 1e-9 }) {
                page.paragraph("Published full-scale r at chi = \(ReportNumber.text(chi)): \(ReportNumber.text(pearson[row])).")
            } else {
                page.paragraph("The published results have no run at chi = \(ReportNumber.text(chi)).")
            }
        } else {
            page.missing("chi is not recorded (no run.json), so no published result is singled out.")
        }
        // The published simulated FC exists for chi 1 (ground state) and 2.5 (best fit): the
        // nearer one is shown.
        guard let chi else { return }
        let (publishedChi, name) = abs(chi - 1) <= abs(chi - 2.5) ? (1.0, "published_simulated_fc_groundstate.csv")
                                                                   : (2.5, "published_simulated_fc_bestfit.csv")
        let file = dataDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else {
            page.missing("\(file.path) does not exist, so the published simulated FC is not shown.")
            return
        }
        let reference = try ExperimentalFC.read(file, areas: simulated.areas).connectivity
        let agreement = FCComparison(simulated: simulated, experimental: reference, hemisphere: nil, file: file.path)
        page.definitions([
            ("published full-scale simulated FC, nearest chi", HTMLPage.Cell("\(name) (chi \(ReportNumber.text(publishedChi)))")),
            ("Pearson r with this run's FC", HTMLPage.Cell(ReportNumber.text(agreement.pearsonR), id: "fc-published-pearson")),
            ("Spearman ρ with this run's FC", HTMLPage.Cell(ReportNumber.text(agreement.spearmanR), id: "fc-published-spearman")),
        ])
        page.figure(FigureRow([HeatmapFigure(connectivity: simulated, title: "This run"),
                               HeatmapFigure(connectivity: reference, title: "Published, full scale, chi \(ReportNumber.text(publishedChi))")]),
                    caption: "This run's FC next to the original's published full-scale simulated FC of the nearest published chi (\(name)); their r compares two simulations and needs no experimental FC. The published curve above was computed against the Senden 7T FC, which is not public; this run's r is against the FC of \(experimentalFile.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "no experimental file") — not the same scale.")
    }
}
