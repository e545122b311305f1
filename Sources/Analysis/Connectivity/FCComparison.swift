import Foundation
import Model

/// Similarity of a simulated and an experimental FC: Pearson's r and Spearman's ρ between their
/// lower triangles without the diagonal, areas in the same order (the original's
/// `calculateFuncionalConnectivityCorrelations`, `np.corrcoef` of the `tril` entries).
/// Written as `fc_comparison.json`.
public struct FCComparison: Sendable, Codable, Equatable {
    public var pearsonR: Double
    public var spearmanR: Double
    /// Number of area pairs compared (n(n−1)/2 for n areas).
    public var pairs: Int
    /// Hemisphere taken from the experimental file, or `unlabelled`.
    public var hemisphere: String
    public var areas: [String]
    /// The experimental file compared against.
    public var file: String

    enum CodingKeys: String, CodingKey {
        case pearsonR = "pearson_r", spearmanR = "spearman_r", pairs, hemisphere, areas, file
    }

    /// Compares `simulated` with `experimental`, which must cover the same areas (any order).
    public init(simulated: FunctionalConnectivity, experimental: FunctionalConnectivity,
                hemisphere: Hemisphere?, file: String) {
        let aligned = experimental.reordered(simulated.areas)
        let (x, y) = Self.lowerTriangles(simulated, aligned)
        pearsonR = pearsonCorrelation(x, y)
        spearmanR = RankCorrelation.spearman(x, y)
        pairs = x.count
        self.hemisphere = hemisphere?.rawValue ?? "unlabelled"
        areas = simulated.areas
        self.file = file
    }

    /// Entries (i, j) with i > j of both matrices, row by row.
    public static func lowerTriangles(_ a: FunctionalConnectivity, _ b: FunctionalConnectivity) -> ([Double], [Double]) {
        var x: [Double] = []
        var y: [Double] = []
        for row in a.areas.indices {
            for column in 0..<row {
                x.append(a[row, column])
                y.append(b[row, column])
            }
        }
        return (x, y)
    }

    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }
}
