import Analysis
import Foundation
import Model

extension RunReport {
    /// The notebook's section 2: sizes of the simulated network and (§2.4) the relative indegree
    /// of each target area.
    func appendNetworkSection(to page: inout HTMLPage) throws(InputError) {
        heading("network", to: &page)
        let counts = trains.populations.neuronCounts
        var rows: [(label: String, value: HTMLPage.Cell)] = [
            ("areas", HTMLPage.Cell(ReportNumber.text(layout.areas.count), id: "network-areas")),
            ("populations with neurons", HTMLPage.Cell("\(ReportNumber.text(counts.filter { $0 > 0 }.count)) of \(ReportNumber.text(layout.count))", id: "network-populations")),
            ("neurons (population_GIDs.dat)", HTMLPage.Cell(ReportNumber.text(counts.reduce(0, +)), id: "network-neurons")),
        ]
        if let synapses = record?.synapses {
            rows.append(("synapses (run.json)", HTMLPage.Cell(ReportNumber.text(synapses), id: "network-synapses")))
        }
        page.definitions(rows)
        guard networkParameters != nil else {
            page.missing("The network parameters are not recorded (no run.json), so the area connectivity is not shown.")
            return
        }
        guard let network = fullScaleNetwork else {
            page.missing("The model's input tables (notebooks-data/) were not found, so the area connectivity is not shown; give --data DIR.")
            return
        }
        page.paragraph("Full scale with the run's parameters: \(ReportNumber.text(network.totalNeurons)) neurons, \(ReportNumber.text(network.totalSynapses)) internal synapses.")
        page.figure(AreaConnectivityFigure.make(network: network),
                    caption: "Relative indegree of each target area (row): the share of each source area (column) in the area's internal synaptic input, log10, full-scale network with this run's parameters (the notebook's section 2.4). Down-scaling multiplies all indegrees by K_scaling and leaves these shares unchanged up to rounding.")
    }
}
