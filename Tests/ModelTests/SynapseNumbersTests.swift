import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct SynapseNumbersTests {
    let data: ModelData
    let columns: Cytoarchitecture
    let layout: PopulationLayout

    init() throws {
        data = try ModelData.load(from: Fixtures.dataDirectory)
        columns = try Cytoarchitecture(data: data, parameters: NetworkParameters())
        layout = PopulationLayout(areas: columns.areas)
    }

    /// Fed the original's own type I/II integrals, every number is the original's: exact.
    @Test func equalToOriginalGivenItsLocalIntegrals() throws {
        let synapses = try SynapseNumbers(data: data, columns: columns, parameters: NetworkParameters(),
                                          localProfiles: Fixtures.originalLocalProfiles(areas: columns.areas))
        let referenceInternal = try PathwayTable.read(Fixtures.table("fullscale/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        let referenceExternal = try ReferenceTables.populationValues("fullscale/synapses_external.csv", column: "synapses", layout: layout)
        let mismatches = referenceInternal.indices.filter { Double(synapses.synapseCounts[$0]) != referenceInternal[$0] }
        #expect(mismatches.isEmpty, "\(mismatches.count) pathways differ")
        #expect(synapses.externalSynapseCounts.map(Double.init) == referenceExternal)
        #expect(synapses.synapseCounts.reduce(0, +) == 42_778_075_138)
        #expect(synapses.externalSynapseCounts.reduce(0, +) == 18_025_524_840)
        #expect(synapses.synapseCounts.filter { $0 > 0 }.count == 8394)
    }

    /// With humam's accurate integrals: cortico-cortical pathways are untouched by the type I/II
    /// split and equal the original's exactly. Local pathways scale with the type-I fraction,
    /// which the original's epsrel-0.1 nquad puts up to 2.5e-5 off (see LocalConnectivityProfile);
    /// per area the allowed difference is |f_ref/f − 1| (type II: |(1−f_ref)/(1−f) − 1|) of the
    /// count, plus 1 for rounding.
    @Test func equalToOriginalWithAccurateLocalIntegrals() throws {
        let synapses = try SynapseNumbers(data: data, columns: columns, parameters: NetworkParameters())
        let reference = try Fixtures.originalLocalProfiles(areas: columns.areas)
        let referenceInternal = try PathwayTable.read(Fixtures.table("fullscale/synapses_internal.csv"), valueColumn: "synapses", layout: layout)
        let referenceExternal = try ReferenceTables.populationValues("fullscale/synapses_external.csv", column: "synapses", layout: layout)
        let count = layout.count
        for target in 0..<count {
            let area = layout.areaIndex(ofPopulation: target)
            let fraction = synapses.localProfiles[area].typeIFraction, referenceFraction = reference[area].typeIFraction
            for source in 0..<count {
                let ours = Double(synapses.synapseCounts[target * count + source]), theirs = referenceInternal[target * count + source]
                if layout.areaIndex(ofPopulation: source) == area {
                    #expect(abs(ours - theirs) <= abs(referenceFraction / fraction - 1) * theirs + 1)
                } else {
                    #expect(ours == theirs)
                }
            }
            let allowed = abs((1 - referenceFraction) / (1 - fraction) - 1) * referenceExternal[target] + 1
            #expect(abs(Double(synapses.externalSynapseCounts[target]) - referenceExternal[target]) <= allowed)
        }
        // Totals: 42.8 G referenceInternal synapses (Pronold et al. 2024).
        #expect(abs(Double(synapses.synapseCounts.reduce(0, +)) - 42.778e9) < 0.001e9)
    }

    /// SLN (Φ of the log density ratio) and area surfaces: same formulas; 1e-12 relative for
    /// the last-bit differences of log/erfc implementations.
    @Test func slnDirectionalityAndSurfaces() throws {
        let synapses = try SynapseNumbers(data: data, columns: columns, parameters: NetworkParameters(),
                                          localProfiles: Fixtures.originalLocalProfiles(areas: columns.areas))
        let slnTable = try LabeledMatrix(Fixtures.table("fullscale/SLN.csv"))
        let directionTable = try Fixtures.table("fullscale/directionality.csv")
        for (target, area) in columns.areas.enumerated() {
            let row = slnTable.labels.firstIndex(of: area)!
            for (source, sourceArea) in columns.areas.enumerated() {
                let column = slnTable.labels.firstIndex(of: sourceArea)!
                let expected = slnTable.value(row: row, column: column)
                #expect(abs(synapses.sln[target * 34 + source] - expected) <= 1e-12 * expected)
                #expect(synapses.directionality[target * 34 + source].rawValue == directionTable.rows[row][column + 1])
            }
        }
        let surfaces = try ReferenceTables.areaValues("fullscale/area_surface.csv", column: "surface_mm2", areas: columns.areas)
        for index in surfaces.indices { #expect(abs(synapses.areaSurface[index] - surfaces[index]) <= 1e-12 * surfaces[index]) }
    }
}
