import Foundation
import Model
import RunFormat

extension SynapticInputModel {
    /// From a network's tables: neuron numbers, synapse numbers and weights. Time constants in ms.
    public init(tables: NetworkTables,
                excitatoryTimeConstant: Double = NeuronParameters.excitatoryDefault.excitatorySynapticTimeConstant,
                inhibitoryTimeConstant: Double = NeuronParameters.excitatoryDefault.inhibitorySynapticTimeConstant) {
        self.init(layout: tables.layout, neuronCounts: tables.neuronCounts, synapseCounts: tables.synapseCounts.map(Double.init),
                  weights: tables.weights, excitatoryTimeConstant: excitatoryTimeConstant,
                  inhibitoryTimeConstant: inhibitoryTimeConstant)
    }

    /// Reads the neuron numbers, synapses and weights of a folder of network tables
    /// (`NetworkTables.read` without details): what `humam network --out` writes or the
    /// original pipeline's tables. Time constants in ms.
    public static func readTables(in directory: URL, layout: PopulationLayout,
                                  excitatoryTimeConstant: Double = NeuronParameters.excitatoryDefault.excitatorySynapticTimeConstant,
                                  inhibitoryTimeConstant: Double = NeuronParameters.excitatoryDefault.inhibitorySynapticTimeConstant)
        throws(InputError) -> SynapticInputModel {
        SynapticInputModel(tables: try NetworkTables.read(in: directory, layout: layout, details: false),
                           excitatoryTimeConstant: excitatoryTimeConstant, inhibitoryTimeConstant: inhibitoryTimeConstant)
    }
}
