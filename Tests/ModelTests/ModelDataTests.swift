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
        #expect(message(loading: renamed)?.contains("areas differ from the DK areas") == true)
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
}
