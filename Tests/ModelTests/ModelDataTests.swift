import Foundation
import Testing
@testable import Model
import TestSupport

/// Bad input data gives an `InputError` naming the file, line and field.
@Suite struct ModelDataTests {
    /// A copy of notebooks-data/ with `file` replaced by `edit(lines)`.
    func corruptedCopy(_ file: String, _ edit: (inout [String]) -> Void) throws -> URL {
        let directory = try Fixtures.temporaryDirectory("humam-data")
        for name in ModelData.requiredFiles {
            try FileManager.default.copyItem(at: Fixtures.dataDirectory.appendingPathComponent(name),
                                             to: directory.appendingPathComponent(name))
        }
        let url = directory.appendingPathComponent(file)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        edit(&lines)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return directory
    }

    func message(loading directory: URL) -> String? {
        #expect(throws: InputError.self) { try ModelData.load(from: directory) }?.description
    }

    @Test func missingFileNamesItAndHowToGetIt() throws {
        let directory = try corruptedCopy("dk_area_volumes_mm3.csv") { _ in }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("dk_area_volumes_mm3.csv"))
        let text = try #require(message(loading: directory))
        #expect(text.contains("dk_area_volumes_mm3.csv: is missing. The tables are committed in the repository's notebooks-data/"))
    }

    @Test func raggedRowIsLocated() throws {
        let directory = try corruptedCopy("vek_cytoarchitecture.csv") { $0[3] += ",7" }
        #expect(message(loading: directory)?.hasSuffix("vek_cytoarchitecture.csv:4: has 5 fields, expected 4 as in the header") == true)
    }

    @Test func nonNumberAndNaNAreLocated() throws {
        let text = try corruptedCopy("dk_area_volumes_mm3.csv") { $0[2] = "caudalanteriorcingulate,big" }
        #expect(message(loading: text)?.hasSuffix("dk_area_volumes_mm3.csv:3: field 'volume_mm3': 'big' is not a finite number") == true)
        let nan = try corruptedCopy("hcp_dti_nos_right.csv") { $0[1] = $0[1].replacingOccurrences(of: ",0.0,", with: ",nan,", options: [], range: $0[1].range(of: ",0.0,")) }
        #expect(message(loading: nan)?.contains("hcp_dti_nos_right.csv:2: field") == true)
    }

    @Test func unknownAreaIsNamed() throws {
        let directory = try corruptedCopy("dk_to_vek_mapping.csv") { $0[1] = "bankssts,XX" }
        #expect(message(loading: directory)?.hasSuffix("dk_to_vek_mapping.csv:2: field 'vek_area': 'XX' is not an area of vek_cytoarchitecture.csv") == true)
        let renamed = try corruptedCopy("dk_area_volumes_mm3.csv") { $0[1] = "banksts,3221" }
        #expect(message(loading: renamed)?.hasSuffix("dk_area_volumes_mm3.csv: field 'dk_area': area 1 is 'banksts' where dk_to_vek_mapping.csv has 'bankssts'; expected the 34 DK areas of dk_to_vek_mapping.csv, in its order") == true)
    }

    @Test func unknownPopulationInRatesFileIsNamed() throws {
        let layout = PopulationLayout(areas: ["bankssts"])
        let table = try CSVTable(text: "area,layer,population,rate_hz\nbankssts,III,E,1.0\n", source: "rates.csv")
        #expect(throws: InputError(file: "rates.csv", line: 2, field: "layer", "unknown layer 'III'; expected II/III, IV, V or VI")) {
            try PopulationTable.read(table, valueColumn: "rate_hz", layout: layout)
        }
        let area = try CSVTable(text: "area,layer,population,rate_hz\nbanks,IV,E,1.0\n", source: "rates.csv")
        #expect(throws: InputError.self) { try PopulationTable.read(area, valueColumn: "rate_hz", layout: layout) }
    }

    /// The message of the error that loading and building the full-scale network from
    /// `directory` throws (the type I/II integrals computed, so that sizes reach the quadrature).
    func message(building directory: URL) -> String? {
        #expect(throws: InputError.self) {
            try Network.build(data: ModelData.load(from: directory), parameters: NetworkParameters())
        }?.description
    }

    /// The examples of impossible values (#10, class 3), each rejected naming file,
    /// line, field, the value and the valid range.
    @Test func impossibleValuesAreRejectedWithTheirRange() throws {
        let zeroNeurons = try corruptedCopy("pd_neuron_numbers.csv") { $0[1] = "II/III,E,0.0" }
        #expect(message(loading: zeroNeurons)?.hasSuffix("pd_neuron_numbers.csv:2: field 'neuron_number': 0.0 is outside the valid range; expected 1 ≤ x ≤ 1e7 neurons") == true)
        let probabilityFive = try corruptedCopy("pd_connection_probabilities.csv") {
            $0[1] = "II/III_E,5,0.1689,0.0437,0.0818,0.0323,0.0,0.0076,0.0"
        }
        #expect(message(loading: probabilityFive)?.hasSuffix("pd_connection_probabilities.csv:2: field 'II/III_E': 5.0 is outside the valid range; expected 0 ≤ x < 1") == true)
        let negativeDensity = try corruptedCopy("vek_cytoarchitecture.csv") { $0[2] = "FA,III(II),-26700.0,1.43" }
        #expect(message(loading: negativeDensity)?.hasSuffix("vek_cytoarchitecture.csv:3: field 'neuron_density_per_mm3': -26700.0 is outside the valid range; expected 0 ≤ x ≤ 1e6 neurons/mm³") == true)
        for volume in ["-3221", "0"] {
            let bad = try corruptedCopy("dk_area_volumes_mm3.csv") { $0[1] = "bankssts,\(volume)" }
            #expect(message(loading: bad)?.hasSuffix("dk_area_volumes_mm3.csv:2: field 'volume_mm3': \(Double(volume)!) is outside the valid range; expected 0 < x ≤ 1e7 mm³") == true)
        }
        let negativeLength = try corruptedCopy("hcp_dti_fiber_length_right_mm.csv") {
            $0[1] = $0[1].replacingOccurrences(of: "bankssts,0.0,", with: "bankssts,-0.5,")
        }
        #expect(message(loading: negativeLength)?.hasSuffix("hcp_dti_fiber_length_right_mm.csv:2: field 'bankssts': -0.5 is outside the valid range; expected 0 ≤ x ≤ 1000 mm") == true)
        let cellBody = try corruptedCopy("synapse_cellbody_probability_mohan.csv") { $0[1] = "II/III,E,5,0.909748357973469,0.4162649934194968,0.0,0.0" }
        #expect(message(loading: cellBody)?.hasSuffix("synapse_cellbody_probability_mohan.csv:2: field 'I': 5.0 is outside the valid range; expected 0 ≤ x ≤ 1") == true)
    }

    /// A vEK layer missing from vek_layer_mapping.csv used to drop its neurons and 3.4 G
    /// synapses silently; now the first row that uses it is named.
    @Test func everyVEKLayerMustBeMapped() throws {
        let directory = try corruptedCopy("vek_layer_mapping.csv") { $0.removeAll { $0 == "II/III,III(II)" } }
        #expect(message(loading: directory)?.hasSuffix("vek_cytoarchitecture.csv:3: field 'vek_layer': 'III(II)' is not in vek_layer_mapping.csv; every vEK layer must be mapped to a model layer (I, II/III, IV, V, VI)") == true)
        let twice = try corruptedCopy("vek_layer_mapping.csv") { $0.insert("V,III(II)", at: 29) }
        #expect(message(loading: twice)?.hasSuffix("vek_layer_mapping.csv:30: field 'vek_layer': 'III(II)' is mapped a second time; each vEK layer belongs to one model layer") == true)
    }

    /// Edits that used to change the network silently: a vEK row given twice, a misspelt vEK
    /// area code (its row left out of its area), a row lost from the DK → vEK mapping (its vEK
    /// area left out of its DK area), a column given twice (only the first was read). The 20
    /// repeated rows of the committed table (0/0, blank layer cells) still load.
    @Test func duplicatedUnknownAndMissingRowsAreRefused() throws {
        let twice = try corruptedCopy("vek_cytoarchitecture.csv") { $0.insert($0[2], at: 3) }
        #expect(message(loading: twice)?.hasSuffix("vek_cytoarchitecture.csv:4: field 'vek_layer': a second row for FA III(II) (the first is on line 3); expected each (area, layer) once, or a repeat with density and thickness 0") == true)
        let misspelt = try corruptedCopy("vek_cytoarchitecture.csv") { $0[2] = $0[2].replacingOccurrences(of: "FA,", with: "FX,") }
        #expect(message(loading: misspelt)?.contains("vek_cytoarchitecture.csv:3: field 'vek_area': 'FX' is mapped to no DK area in dk_to_vek_mapping.csv") == true)
        let lost = try corruptedCopy("dk_to_vek_mapping.csv") { $0.removeAll { $0 == "entorhinal,HB" } }
        #expect(message(loading: lost)?.contains("vek_cytoarchitecture.csv:342: field 'vek_area': 'HB' is mapped to no DK area in dk_to_vek_mapping.csv; expected an area the mapping names (a misspelt code, or a row missing from the mapping?) or one of the vEK areas it leaves out (FJ, FK, FM, FN, HE, HF, LE1, LE2, PD, TB)") == true)
        let column = try corruptedCopy("dk_area_volumes_mm3.csv") { $0 = $0.map { $0.isEmpty ? $0 : $0 + ",1" } ; $0[0] = "dk_area,volume_mm3,volume_mm3" }
        #expect(message(loading: column)?.hasSuffix("dk_area_volumes_mm3.csv:1: has the column 'volume_mm3' twice (columns 2 and 3); expected each column once") == true)
        #expect(try ModelData.load(from: Fixtures.dataDirectory).cytoarchitecture.count == 420)
    }

    /// Rows of per-layer and per-population tables must be known labels, each exactly once.
    @Test func populationTablesNeedEveryPopulationOnce() throws {
        let unknown = try corruptedCopy("pd_external_indegrees.csv") { $0.insert("II/III,X,5.0", at: 2) }
        #expect(message(loading: unknown)?.hasSuffix("pd_external_indegrees.csv:3: field 'pop': unknown population 'X'; expected E or I") == true)
        let duplicate = try corruptedCopy("fraction_excitatory_lichtman.csv") { $0.insert("IV,0.5", at: 2) }
        #expect(message(loading: duplicate)?.hasSuffix("fraction_excitatory_lichtman.csv:4: field 'layer': a second row for layer IV") == true)
        let missing = try corruptedCopy("pd_neuron_numbers.csv") { $0.remove(at: 4) }
        #expect(message(loading: missing)?.hasSuffix("pd_neuron_numbers.csv: has no row for layer IV, population I") == true)
    }

    /// Values that pass their own range but not together with other tables: a connected pair
    /// without a fibre, an area smaller than its column, a DK area without neurons.
    @Test func tablesMustBeConsistentWithEachOther() throws {
        // bankssts → inferiorparietal has 68.9 streamlines (row bankssts, column 7).
        let noFibre = try corruptedCopy("hcp_dti_fiber_length_right_mm.csv") {
            var fields = $0[1].components(separatedBy: ",")
            fields[7] = "0.0"
            $0[1] = fields.joined(separator: ",")
        }
        #expect(message(loading: noFibre)?.hasSuffix("hcp_dti_fiber_length_right_mm.csv:2: field 'inferiorparietal': 0.0 mm for a pair with 68.89767441860465 streamlines in hcp_dti_nos_right.csv; expected a length > 0 mm") == true)
        // A 1 mm³ area with ~2.6 mm of cortex has a surface of 0.38 mm², less than the 1 mm² column.
        let tiny = try corruptedCopy("dk_area_volumes_mm3.csv") { $0[1] = "bankssts,1" }
        let text = try #require(message(building: tiny))
        #expect(text.contains("dk_area_volumes_mm3.csv:2: field 'volume_mm3': bankssts: volume 1.0 mm³ over a cortical thickness of"))
        #expect(text.contains("expected at least the modelled column's 1.0 mm²"))
        // An area without streamlines has no cortico-cortical input to distribute.
        let isolated = try corruptedCopy("hcp_dti_nos_right.csv") { $0[1] = "bankssts" + String(repeating: ",0.0", count: 34) }
        #expect(message(building: isolated)?.hasSuffix("hcp_dti_nos_right.csv:2: field 'bankssts': the row of bankssts has no streamlines; every area needs inputs") == true)
        // bankssts is PH alone: without PH's neurons it has none.
        let empty = try corruptedCopy("vek_cytoarchitecture.csv") { lines in
            lines = lines.map { line in
                guard line.hasPrefix("PH,") else { return line }
                let fields = line.components(separatedBy: ",")
                return [fields[0], fields[1], "0.0", fields[3]].joined(separator: ",")
            }
        }
        #expect(message(building: empty)?.contains("vek_cytoarchitecture.csv: the vEK areas of bankssts (PH in dk_to_vek_mapping.csv) give its column no neurons") == true)
    }

    /// Settings that drop every layer of an area are named (not the tables).
    @Test func settingsThatEmptyAnAreaAreNamed() throws {
        var parameters = NetworkParameters()
        parameters.cytoarchitecture.minimumNeuronsPerLayer = 1e12
        let error = #expect(throws: InputError.self) {
            try Network.build(data: ModelData.load(from: Fixtures.dataDirectory), parameters: parameters)
        }
        #expect(error?.description.hasPrefix("cytoarchitecture_params.min_neurons_per_layer = 1000000000000.0 and remove_smaller_layerI = false drop every layer of bankssts") == true)
    }

    /// External indegrees that pass their range (> 0) but round to no external synapse would
    /// need an infinite external rate: the network check names the population.
    @Test func aPopulationWithoutExternalInputIsRejected() throws {
        let directory = try corruptedCopy("pd_external_indegrees.csv") { $0[1] = "II/III,E,1e-300" }
        let text = try #require(message(building: directory))
        #expect(text.hasPrefix("the external rate (Hz) of bankssts/II/III/E comes out as inf from the input tables; expected a finite rate ≥ 0"))
    }

    /// Rates files: every non-empty population needs a finite rate ≥ 0 (missing is not 0 Hz).
    @Test func ratesFilesNeedEveryNonEmptyPopulation() throws {
        let layout = PopulationLayout(areas: ["bankssts"])
        let header = "area,layer,population,rate_hz\n"
        let partial = try CSVTable(text: header + "bankssts,II/III,E,1.0\n", source: "rates.csv")
        #expect(throws: InputError(file: "rates.csv", field: "rate_hz", "has no row for 1 of the 2 non-empty populations (the first: bankssts/II/III/I); every non-empty population needs a value")) {
            try PopulationTable.read(partial, valueColumn: "rate_hz", layout: layout, required: [0, 1], range: PopulationTable.rateRange)
        }
        // Populations not required (empty ones) may be absent.
        #expect(try PopulationTable.read(partial, valueColumn: "rate_hz", layout: layout, required: [0], range: PopulationTable.rateRange)[0] == 1)
        for value in ["-1.0", "nan", "inf", "1e300"] {
            let bad = try CSVTable(text: header + "bankssts,II/III,E,\(value)\n", source: "rates.csv")
            let error = #expect(throws: InputError.self) {
                try PopulationTable.read(bad, valueColumn: "rate_hz", layout: layout, range: PopulationTable.rateRange)
            }
            #expect(error?.description.hasPrefix("rates.csv:2: field 'rate_hz': ") == true, "\(value)")
        }
        // The notebook's file covers the 254 non-empty populations of the full-scale network.
        let data = try ModelData.load(from: Fixtures.dataDirectory)
        let required = try Cytoarchitecture(data: data, parameters: NetworkParameters()).nonEmptyPopulations
        #expect(required.count == 254)
        let rates = try PopulationTable.readRates(Fixtures.dataDirectory.appendingPathComponent("base_theory_rates.csv"),
                                                  layout: PopulationLayout(areas: data.desikanKillianyAreas.sorted()), required: required)
        #expect(rates.count == 272)
    }

    /// Non-convergence and non-finite integrands are errors, not a spin or a silent value.
    @Test(.timeLimit(.minutes(1)))
    func quadratureReportsFailure() throws {
        #expect(throws: AdaptiveQuadrature.ConvergenceError.self) {
            try AdaptiveQuadrature.integrate({ _ in .nan }, from: 0, to: 1)
        }
        #expect(throws: AdaptiveQuadrature.ConvergenceError.self) {
            try AdaptiveQuadrature.integrate({ $0 }, from: 0, to: .nan)
        }
        // A jump at an irrational point cannot reach 1e-12 relative with 20 intervals.
        let error = #expect(throws: AdaptiveQuadrature.ConvergenceError.self) {
            try AdaptiveQuadrature.integrate({ $0 < 1 / 3.0.squareRoot() ? 0 : 1 }, from: 0, to: 1, maximumIntervals: 20)
        }
        #expect(error?.description.contains("did not converge") == true)
        // The negative surface that used to spin for minutes fails at once.
        #expect(throws: AdaptiveQuadrature.ConvergenceError.self) {
            try LocalConnectivityProfile(depth: 2.5, areaSurface: -1000, decayLength: 160)
        }
        // A smooth integrand converges: ∫_0^1 x² = 1/3 (to the 1e-12 relative tolerance).
        #expect(abs(try AdaptiveQuadrature.integrate({ $0 * $0 }, from: 0, to: 1) - 1.0 / 3) < 1e-15)
    }
}
