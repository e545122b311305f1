import Foundation
import Model
import Testing
import TestSupport
@testable import Analysis

/// The FC comparison and the reading of experimental FC files.
@Suite struct FCComparisonTests {
    static let areas = ["bankssts", "cuneus", "fusiform", "insula"]

    /// Writes `text` to a temporary CSV file (small; left to the system's temporary-file cleanup).
    func file(_ text: String, _ name: String = "fc.csv") -> URL {
        let url = try! Fixtures.temporaryFile(text, name: name)
        return url
    }

    /// A symmetric matrix with lower triangle (row by row) `lower` and unit diagonal.
    func matrix(_ lower: [Double], areas: [String] = areas) -> FunctionalConnectivity {
        let n = areas.count
        var values = [Double](repeating: 1, count: n * n)
        var next = 0
        for row in 0..<n { for column in 0..<row { values[row * n + column] = lower[next]; values[column * n + row] = lower[next]; next += 1 } }
        return FunctionalConnectivity(areas: areas, matrix: values)
    }

    func csv(_ fc: FunctionalConnectivity, labels: [String], corner: String? = "area") -> String {
        var text = (corner.map { [$0] } ?? []) .joined() + (corner == nil ? "" : ",") + labels.joined(separator: ",") + "\n"
        for row in labels.indices {
            if corner != nil { text += labels[row] + "," }
            text += labels.indices.map { "\(fc[row, $0])" }.joined(separator: ",") + "\n"
        }
        return text
    }

    @Test func pearsonAndSpearmanByHand() {
        // x = 1…6, y = 2,1,4,3,6,5: Σdxdy = 14.5, Σdx² = Σdy² = 17.5 → r = 29/35; the ranks equal
        // the values, so Spearman is 29/35 too.
        let comparison = FCComparison(simulated: matrix([1, 2, 3, 4, 5, 6]), experimental: matrix([2, 1, 4, 3, 6, 5]),
                                      hemisphere: nil, file: "x")
        #expect(abs(comparison.pearsonR - 29.0 / 35) < 1e-15)
        #expect(abs(comparison.spearmanR - 29.0 / 35) < 1e-15)
        #expect(comparison.pairs == 6)
    }

    @Test func spearmanWithTiesAsScipy() {
        // scipy.stats 1.17: spearmanr = 0.7500000000000001, pearsonr = 0.6707211814778571.
        let x = [0.1, 0.5, 0.5, 0.2, 0.9, 0.3]
        let y = [0.0, 0.4, 0.1, 0.1, 0.8, 0.7]
        let comparison = FCComparison(simulated: matrix(x), experimental: matrix(y), hemisphere: nil, file: "x")
        #expect(abs(comparison.spearmanR - 0.75) < 1e-14)
        #expect(abs(comparison.pearsonR - 0.6707211814778571) < 1e-14)
    }

    /// A silent area has undefined (NaN) correlations in the simulated FC: Spearman's ρ is
    /// undefined then, as Pearson's r, in the JSON (null), on the terminal and in the figure.
    @Test func silentAreaMakesBothCorrelationsUndefined() throws {
        let silent = FCComparison(simulated: matrix([0.1, .nan, .nan, 0.4, 0.5, .nan]),
                                  experimental: matrix([0.2, 0.1, 0.4, 0.3, 0.6, 0.5]), hemisphere: nil, file: "x")
        #expect(silent.pearsonR.isNaN && silent.spearmanR.isNaN)
        #expect(silent.summary.hasPrefix("pearson_r = undefined, spearman_r = undefined"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(silent.jsonText().utf8)) as? [String: Any])
        #expect(json["pearson_r"] is NSNull && json["spearman_r"] is NSNull)
    }

    @Test func matchesAreasByNameNotPosition() throws {
        let fc = matrix([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        let shuffled = fc.reordered(["insula", "bankssts", "fusiform", "cuneus"])
        let read = try ExperimentalFC.read(file(csv(shuffled, labels: shuffled.areas)), areas: Self.areas)
        #expect(read.connectivity == fc)
        #expect(read.hemisphere == nil)
    }

    @Test(arguments: [
        (["L_bankssts", "L_cuneus", "L_fusiform", "L_insula"], Hemisphere.left),
        (["ctx-lh-bankssts", "ctx-lh-cuneus", "ctx-lh-fusiform", "ctx-lh-insula"], .left),
        (["lh_bankssts", "lh_cuneus", "lh_fusiform", "lh_insula"], .left),
        (["R_bankssts", "R_cuneus", "R_fusiform", "R_insula"], .right),
        (["ctx-rh-bankssts", "ctx-rh-cuneus", "ctx-rh-fusiform", "ctx-rh-insula"], .right),
    ])
    func labelStyles(labels: [String], hemisphere: Hemisphere) throws {
        let fc = matrix([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        let read = try ExperimentalFC.read(file(csv(fc, labels: labels)), areas: Self.areas, hemisphere: hemisphere)
        #expect(read.connectivity == fc)
        #expect(read.hemisphere == hemisphere)
    }

    @Test func labelsInHeaderOnlyOrFirstColumnOnly() throws {
        let fc = matrix([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        let headerOnly = Self.areas.joined(separator: ",") + "\n"
            + Self.areas.indices.map { row in Self.areas.indices.map { "\(fc[row, $0])" }.joined(separator: ",") }.joined(separator: "\n")
        #expect(try ExperimentalFC.read(file(headerOnly), areas: Self.areas).connectivity == fc)
        let columnOnly = Self.areas.indices.map { row in
            ([Self.areas[row]] + Self.areas.indices.map { "\(fc[row, $0])" }).joined(separator: ",")
        }.joined(separator: "\n")
        #expect(try ExperimentalFC.read(file(columnOnly), areas: Self.areas).connectivity == fc)
    }

    @Test func bothHemispheresChooseOne() throws {
        let left = matrix([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        let right = matrix([0.6, 0.5, 0.4, 0.3, 0.2, 0.1])
        let labels = Self.areas.map { "L_\($0)" } + Self.areas.map { "R_\($0)" }
        var values = [Double](repeating: 0.05, count: 64)
        for row in 0..<4 { for column in 0..<4 { values[row * 8 + column] = left[row, column]; values[(row + 4) * 8 + column + 4] = right[row, column] } }
        let both = FunctionalConnectivity(areas: labels, matrix: values)
        let url = file(csv(both, labels: labels))
        #expect(try ExperimentalFC.read(url, areas: Self.areas, hemisphere: .left).connectivity == left)
        #expect(try ExperimentalFC.read(url, areas: Self.areas, hemisphere: .right).connectivity == right)
    }

    @Test func timeseriesGivesPearsonMatrix() throws {
        // Columns: a = t, b = −t, c = t², d = alternating; FC from the series, not the file order.
        let times = (0..<6).map(Double.init)
        var text = "time,insula,cuneus,bankssts,fusiform\n"
        for t in times { text += "\(t),\(t * t),\(-t),\(t),\(Int(t) % 2 == 0 ? 1.0 : -1.0)\n" }
        let read = try ExperimentalFC.read(file(text), areas: Self.areas, timeseries: true)
        #expect(abs(read.connectivity[0, 1] + 1) < 1e-15)     // bankssts vs cuneus: t vs −t
        let expected = PearsonCorrelation.coefficient(times, times.map { $0 * $0 })
        #expect(abs(read.connectivity[0, 3] - expected) < 1e-15)
        #expect(read.connectivity[2, 2] == 1)
    }

    @Test(arguments: [
        ("area,bankssts,cuneus,fusiform\nbankssts,1,0,0\ncuneus,0,1,0\nfusiform,0,0,1\n", "lacks 1 model area"),
        ("bankssts,cuneus,fusiform,bankssts\n1,0,0,0\n0,1,0,0\n0,0,1,0\n0,0,0,1\n", "area 'bankssts' appears twice"),
        ("area,bankssts,cuneus,fusiform,insula,precuneus\nbankssts,1,0,0,0,0\ncuneus,0,1,0,0,0\nfusiform,0,0,1,0,0\ninsula,0,0,0,1,0\nprecuneus,0,0,0,0,1\n", "unknown area 'precuneus'"),
        ("area,bankssts,cuneus,fusiform,insula\nbankssts,1,0,0,0\ncuneus,0,1,0,0\nfusiform,0,0,1,0\n", "is not square"),
        ("area,bankssts,cuneus,fusiform,insula\nbankssts,1,0,0,0\ncuneus,0,1,abc,0\nfusiform,0,0,1,0\ninsula,0,0,0,1\n", "'abc' is not a finite number"),
        ("area,bankssts,cuneus,fusiform,insula\nbankssts,1,0,0,0\ncuneus,0,1,0,0\ninsula,0,0,1,0\nfusiform,0,0,0,1\n", "differs from column label"),
        ("area,bankssts,cuneus,cuneus,insula\nbankssts,1,0,0,0\ncuneus,0,1,0,0\ncuneus,0,0,1,0\ninsula,0,0,0,1\n", "appears twice"),
        ("area,L_bankssts,L_cuneus,L_fusiform,L_insula\nL_bankssts,1,0,0,0\nL_cuneus,0,1,0,0\nL_fusiform,0,0,1,0\nL_insula,0,0,0,1\n", "no right-hemisphere areas"),
        ("area,L_bankssts,cuneus,L_fusiform,L_insula\nL_bankssts,1,0,0,0\ncuneus,0,1,0,0\nL_fusiform,0,0,1,0\nL_insula,0,0,0,1\n", "mixes labels"),
        ("1,0,0,0\n0,1,0,0\n0,0,1,0\n0,0,0,1\n", "has no area labels"),
        ("area,bankssts,cuneus\nbankssts,1,0,0\n", "has 4 fields, expected 3"),
    ])
    func malformedMatricesAreErrors(text: String, message: String) {
        let url = file(text)
        let hemisphere: Hemisphere? = message.contains("right") ? .right : nil
        #expect {
            _ = try ExperimentalFC.read(url, areas: Self.areas, hemisphere: hemisphere)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.description.contains(url.path) && error.description.contains(message)
        }
    }

    @Test func constantTimeseriesIsAnError() {
        let url = file("t,bankssts,cuneus,fusiform,insula\n0,1,2,3,4\n1,1,3,2,5\n2,1,1,4,4\n")
        #expect(throws: InputError.self) { _ = try ExperimentalFC.read(url, areas: Self.areas, timeseries: true) }
    }

    @Test func hcpMatrixBothFilesAgree() throws {
        // notebooks-data: the 34-area file is the left block of the 68-area file, in another
        // area order than the model's; both must give the same matrix in model order.
        let areas = DownscaledReference.layout.areas
        let left34 = try ExperimentalFC.read(Fixtures.dataDirectory.appendingPathComponent("hcp_fmri_fc_enigma_left34.csv"), areas: areas)
        let both = try ExperimentalFC.read(Fixtures.dataDirectory.appendingPathComponent("hcp_fmri_fc_enigma_68.csv"), areas: areas, hemisphere: .left)
        #expect(left34.connectivity == both.connectivity)
        #expect(both.hemisphere == .left)
        let right = try ExperimentalFC.read(Fixtures.dataDirectory.appendingPathComponent("hcp_fmri_fc_enigma_68.csv"), areas: areas, hemisphere: .right)
        #expect(right.connectivity != both.connectivity)
    }

    /// A constant experimental FC has no correlation with anything: NaN in memory, null in the
    /// JSON, "undefined" when printed (it used to be Pearson −2.6e-18 and Spearman "nan").
    @Test func constantExperimentalFCIsUndefined() throws {
        // 0.3 six times: the mean differs from 0.3 in the last bit, the old noise source.
        let comparison = FCComparison(simulated: matrix([1, 2, 3, 4, 5, 6]), experimental: matrix([Double](repeating: 0.3, count: 6)),
                                      hemisphere: nil, file: "x")
        #expect(comparison.pearsonR.isNaN && comparison.spearmanR.isNaN)
        let json = try JSONSerialization.jsonObject(with: Data(comparison.jsonText().utf8)) as! [String: Any]
        #expect(json["pearson_r"] is NSNull && json["spearman_r"] is NSNull && json["hemisphere"] is NSNull)
        #expect(comparison.summary == "pearson_r = undefined, spearman_r = undefined, pairs = 6")
        let decoded = try JSONDecoder().decode(FCComparison.self, from: Data(comparison.jsonText().utf8))
        #expect(decoded.pearsonR.isNaN && decoded.hemisphere == nil && decoded.pairs == 6)
        #expect(PearsonCorrelation.coefficient([0.3, 0.3, 0.3], [1, 2, 3]).isNaN)
    }

    /// r is printed with 4 significant digits; a file whose labels carry no hemisphere is not
    /// "unlabelled".
    @Test func summaryIsReadable() {
        let comparison = FCComparison(simulated: matrix([1, 2, 3, 4, 5, 6]), experimental: matrix([2, 1, 4, 3, 6, 5]),
                                      hemisphere: nil, file: "x")
        #expect(comparison.summary == "pearson_r = 0.8286, spearman_r = 0.8286, pairs = 6")   // 29/35
        #expect(comparison.hemisphereDescription == "(areas matched by name; the labels carry no hemisphere)")
        let left = FCComparison(simulated: matrix([1, 2, 3, 4, 5, 6]), experimental: matrix([2, 1, 4, 3, 6, 5]),
                                hemisphere: .left, file: "x")
        #expect(left.hemisphereDescription == "(left hemisphere)")
        #expect(correlationText(0.11282751299701985) == "0.1128" && correlationText(-0.005) == "-0.005000")
        #expect(correlationText(.nan) == "undefined")
    }

    /// An asymmetric FC is an error naming the file and the first asymmetric pair; rounding-level
    /// asymmetry (≤ 1e-12 relative) is accepted.
    @Test func asymmetricExperimentalFCIsAnError() throws {
        let labels = Self.areas
        var fc = matrix([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        var values = fc.matrix
        values[2 * 4 + 1] = 0.35   // (fusiform, cuneus) = 0.35, (cuneus, fusiform) = 0.3
        fc = FunctionalConnectivity(areas: labels, matrix: values)
        let url = file(csv(fc, labels: labels))
        #expect(throws: InputError(file: url.path, line: 4, field: "cuneus",
                                   "the FC is not symmetric: (fusiform, cuneus) = 0.35 but (cuneus, fusiform) = 0.3 on line 3; expected equal values (within 1e-12 relative)")) {
            _ = try ExperimentalFC.read(url, areas: Self.areas)
        }
        values[2 * 4 + 1] = 0.3 + 1e-13
        let rounding = file(csv(FunctionalConnectivity(areas: labels, matrix: values), labels: labels))
        #expect(throws: Never.self) { _ = try ExperimentalFC.read(rounding, areas: Self.areas) }
    }

    /// Undefined FC entries (a constant area signal) are empty cells in fc_synaptic.csv and fc_bold.csv.
    @Test func undefinedFCEntriesAreEmptyCells() {
        let fc = FunctionalConnectivity(areas: ["a", "b"], matrix: [1, .nan, .nan, .nan])
        #expect(fc.csvText() == "area,a,b\na,1.0,\nb,,\n")
    }
}
