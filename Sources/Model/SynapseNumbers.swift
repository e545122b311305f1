import Foundation

/// Synapse numbers of the full-scale network — a port of the original's `SynapseNumbers`
/// (`src/data_preprocessing/connectivity.py`):
/// 1. every area has ρ_syn × surface × total thickness synapses; a fraction FLN is intra-area,
///    the rest is split over source areas by the HCP DTI streamline counts (right hemisphere);
/// 2. intra-area synapses are split into type I (inside the column, distributed over
///    population pairs as in Potjans & Diesmann 2014) and type II (from outside the column,
///    replaced by Poisson input, distributed like PD's external indegrees) by
///    `LocalConnectivityProfile`;
/// 3. cortico-cortical (type III) synapses: source layers from the SLN (Schmidt et al. 2018,
///    Suppl. eq. 3), target layers from the projection's laminar pattern (FF / lateral / FB)
///    weighted by layer thickness, target populations from the dendrite statistics of Mohan et
///    al. 2015 adjusted by Binzegger et al. 2004, and a fraction Z_i of feedback synapses onto E.
/// All numbers are rounded half to even, as numpy's `np.round`.
public struct SynapseNumbers: Sendable {
    public let areas: [String]
    /// Area surface, mm²: volume / total thickness.
    public let areaSurface: [Double]
    /// Synapses per area (target × source), before the population breakdown.
    public let areaSynapses: [Int]
    /// SLN per area pair (target × source).
    public let sln: [Double]
    public let directionality: [Directionality]
    /// Fibre length per area pair (target × source), mm.
    public let fibreLength: [Double]
    /// Local connectivity integrals per area.
    public let localProfiles: [LocalConnectivityProfile]
    /// Internal synapses per pathway (layout order, target × source).
    public let synapseCounts: [Int]
    /// External (type II) synapses per population.
    public let externalSynapseCounts: [Int]

    /// - Parameter localProfiles: the type I/II integrals per area; computed accurately when nil
    ///   (tests inject the original's nquad values to reproduce its numbers exactly).
    public init(data: ModelData, columns: Cytoarchitecture, parameters: NetworkParameters,
                localProfiles: [LocalConnectivityProfile]? = nil) throws(InputError) {
        let connectomics = parameters.connectomics
        let areas = columns.areas, areaCount = areas.count
        let fileIndex = areas.map { data.streamlines.labels.firstIndex(of: $0)! }

        let totalThickness = areas.indices.map(columns.totalThickness(areaIndex:))
        let localSynapses = totalThickness.map { connectomics.synapseDensity * columns.surfaceArea * $0 }
        let areaSurface = areas.indices.map { data.volumes[areas[$0]]! / totalThickness[$0] }
        for (index, area) in areas.enumerated() where !(areaSurface[index] >= columns.surfaceArea) {
            let row = data.desikanKillianyAreas.firstIndex(of: area)!
            throw InputError(file: data.path(of: "dk_area_volumes_mm3.csv"), line: row + 2, field: "volume_mm3",
                             "\(area): volume \(data.volumes[area]!) mm³ over a cortical thickness of \(totalThickness[index]) mm is a surface of \(areaSurface[index]) mm²; expected at least the modelled column's \(columns.surfaceArea) mm²")
        }

        // Area level: rows = target, normalised streamline counts, FLN on the diagonal.
        var areaSynapses = [Int](repeating: 0, count: areaCount * areaCount)
        var fibreLength = [Double](repeating: 0, count: areaCount * areaCount)
        for target in 0..<areaCount {
            let row = fileIndex[target]
            let rowSum = (0..<areaCount).reduce(0) { $0 + data.streamlines.value(row: row, column: $1) }
            guard rowSum > 0 else {
                throw InputError(file: data.path(of: "hcp_dti_nos_right.csv"), line: row + 2, field: data.streamlines.labels[row],
                                 "the row of \(areas[target]) has no streamlines; every area needs inputs")
            }
            for source in 0..<areaCount {
                let column = fileIndex[source]
                let relative = target == source ? connectomics.intraAreaFraction
                    : (1 - connectomics.intraAreaFraction) * (data.streamlines.value(row: row, column: column) / rowSum)
                areaSynapses[target * areaCount + source] = try roundedCount(relative * localSynapses[target]) {
                    "the number of synapses \(areas[source]) → \(areas[target])"
                }
                fibreLength[target * areaCount + source] = data.fibreLength.value(row: row, column: column)
            }
        }

        // SLN from the log ratio of mean densities (Schmidt et al. 2018, Fig. 5).
        let meanDensity = areas.indices.map(columns.meanDensity(areaIndex:))
        var sln = [Double](repeating: 0, count: areaCount * areaCount)
        var directionality = [Directionality](repeating: .lateral, count: areaCount * areaCount)
        for target in 0..<areaCount {
            for source in 0..<areaCount {
                let value = standardNormalCDF(connectomics.slnIntercept
                    + connectomics.slnSlope * log(meanDensity[target] * (1 / meanDensity[source])))
                sln[target * areaCount + source] = value
                directionality[target * areaCount + source] = Directionality(
                    sln: value, feedforwardSLN: connectomics.feedforwardSLN, feedbackSLN: connectomics.feedbackSLN)
            }
        }

        var profiles: [LocalConnectivityProfile] = []
        if let localProfiles {
            profiles = localProfiles
        } else {
            for (index, area) in areas.enumerated() {
                do {
                    profiles.append(try LocalConnectivityProfile(depth: totalThickness[index], areaSurface: areaSurface[index],
                                                                 decayLength: connectomics.decayLength))
                } catch {
                    throw InputError("the type I/II integral of \(area) (thickness \(totalThickness[index]) mm, surface \(areaSurface[index]) mm², λ \(connectomics.decayLength) µm): \(error)")
                }
            }
        }

        let breakdown = try PopulationSynapseBreakdown(
            data: data, columns: columns, parameters: parameters, areaSynapses: areaSynapses, sln: sln,
            directionality: directionality, localProfiles: profiles)

        self.areas = areas
        self.areaSurface = areaSurface
        self.areaSynapses = areaSynapses
        self.sln = sln
        self.directionality = directionality
        self.fibreLength = fibreLength
        self.localProfiles = profiles
        self.synapseCounts = breakdown.synapseCounts
        self.externalSynapseCounts = breakdown.externalSynapseCounts
    }
}
