import Foundation
import Testing
@testable import Model
import TestSupport

/// Every field of every input table, perturbed in turn (negative, zero, NaN, 1e300; a missing
/// row; an unknown label), gives either an `InputError` naming the file and the field, or a
/// full-scale network whose numbers are all finite and non-negative where they must be: never
/// a crash, a hang or nonsense.
@Suite struct InputMutationValidationTests {
    /// One change to one table.
    struct Mutation: CustomStringConvertible {
        var file: String
        /// Data row (0 = the line after the header).
        var row: Int
        /// Column changed, or nil when the row is removed.
        var field: String?
        var value: String?
        var description: String {
            if let field, let value { return "\(file) line \(row + 2) \(field) = \(value)" }
            return "\(file) without line \(row + 2)"
        }
    }

    /// The data row each table is perturbed in: one whose values are used and non-zero
    /// (vek_cytoarchitecture.csv line 3 is FA III(II), 26700 neurons/mm³ over 1.43 mm; FA is
    /// precentral's vEK area).
    static let perturbedRow = ["vek_cytoarchitecture.csv": 1]

    static func mutations() throws -> [Mutation] {
        var mutations: [Mutation] = []
        for file in ModelData.requiredFiles {
            let table = try CSVTable(contentsOf: Fixtures.dataDirectory.appendingPathComponent(file))
            let row = perturbedRow[file] ?? 0
            for (column, field) in table.header.enumerated() {
                if Double(table.rows[row][column]) != nil {
                    for value in ["-1", "0", "nan", "1e300"] {
                        mutations.append(Mutation(file: file, row: row, field: field, value: value))
                    }
                } else {
                    mutations.append(Mutation(file: file, row: row, field: field, value: "XX"))
                }
            }
            mutations.append(Mutation(file: file, row: row, field: nil, value: nil))
        }
        return mutations
    }

    /// Applies `mutation` to the original text of its file.
    static func apply(_ mutation: Mutation, to text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let line = mutation.row + 1
        if let field = mutation.field, let value = mutation.value {
            var fields = lines[line].components(separatedBy: ",")
            fields[header.firstIndex(of: field)!] = value
            lines[line] = fields.joined(separator: ",")
        } else {
            lines.remove(at: line)
        }
        return lines.joined(separator: "\n")
    }

    /// What is wrong with a built network, or nil.
    static func problem(in network: Network) -> String? {
        let count = network.populationCount
        if network.neuronCounts.contains(where: { $0 < 0 }) { return "negative neuron count" }
        if network.neuronCounts.allSatisfy({ $0 == 0 }) { return "no neurons" }
        if network.synapseCounts.contains(where: { $0 < 0 }) { return "negative synapse count" }
        if network.externalSynapseCounts.contains(where: { $0 < 0 }) { return "negative external synapse count" }
        if !network.weights.allSatisfy(\.isFinite) || !network.externalWeights.allSatisfy(\.isFinite) { return "non-finite weight" }
        for index in network.nonEmptyPopulations where !(network.externalRates[index].isFinite && network.externalRates[index] >= 0) {
            return "external rate \(network.externalRates[index]) of \(network.layout.population(at: index).label)"
        }
        for target in 0..<count {
            for source in 0..<count where network.synapseCounts[target * count + source] > 0 {
                let delay = network.delayMeans[target * count + source]
                if !(delay.isFinite && delay > 0) { return "delay \(delay) ms of a connected pathway" }
            }
        }
        return nil
    }

    /// The tables the type I/II integrals depend on (through thicknesses and volumes); for
    /// the others the unperturbed integrals are reused, which keeps the test fast.
    static let profileInputs: Set = ["vek_cytoarchitecture.csv", "dk_to_vek_mapping.csv", "vek_layer_mapping.csv",
                                     "fraction_excitatory_lichtman.csv", "fraction_excitatory_binzegger.csv",
                                     "dk_area_volumes_mm3.csv"]

    /// About 15 s alone in a debug build (405 perturbations, 79 of them build a network); the
    /// limit is a hang guard with room for the rest of the suite running beside it on 2 cores
    /// (it took 2 minutes there once).
    @Test(.timeLimit(.minutes(10)))
    func everyPerturbedFieldIsRejectedOrBuildsAFiniteNetwork() throws {
        let directory = try Fixtures.temporaryDirectory("humam-mutation")
        defer { try? FileManager.default.removeItem(at: directory) }
        var originals: [String: String] = [:]
        for name in ModelData.requiredFiles {
            originals[name] = try String(contentsOf: Fixtures.dataDirectory.appendingPathComponent(name), encoding: .utf8)
            try originals[name]!.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let profiles = try SynapseNumbers(data: ModelData.load(from: directory), columns: Cytoarchitecture(
            data: ModelData.load(from: directory), parameters: NetworkParameters()), parameters: NetworkParameters()).localProfiles
        var rejected = 0, built = 0
        for mutation in try Self.mutations() {
            let url = directory.appendingPathComponent(mutation.file)
            try Self.apply(mutation, to: originals[mutation.file]!).write(to: url, atomically: true, encoding: .utf8)
            defer { try? originals[mutation.file]!.write(to: url, atomically: true, encoding: .utf8) }
            do {
                let network = try Network.build(data: ModelData.load(from: directory), parameters: NetworkParameters(),
                                                localProfiles: Self.profileInputs.contains(mutation.file) ? nil : profiles)
                #expect(Self.problem(in: network) == nil, "\(mutation): \(Self.problem(in: network) ?? "")")
                built += 1
            } catch {
                let text = error.description
                rejected += 1
                // Every error names the file; one about a number also names its field.
                #expect(text.contains(mutation.file), "\(mutation): \(text)")
                if let field = mutation.field, mutation.value != "XX" {
                    #expect(text.contains("field '\(field)'"), "\(mutation): \(text)")
                }
            }
        }
        // Both outcomes occur (e.g. a negative density is rejected, a zero one builds).
        #expect(rejected > 0 && built > 0)
    }
}
