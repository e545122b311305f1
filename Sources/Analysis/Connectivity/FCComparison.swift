import Foundation
import Model

/// Similarity of a simulated and an experimental FC: Pearson's r and Spearman's ρ between their
/// lower triangles without the diagonal, areas in the same order (the original's
/// `calculateFuncionalConnectivityCorrelations`, `np.corrcoef` of the `tril` entries).
/// Written as `fc_comparison.json`. A correlation is NaN (JSON null, printed "undefined") when
/// either triangle is constant.
public struct FCComparison: Sendable, Codable, Equatable {
    public var pearsonR: Double
    public var spearmanR: Double
    /// Number of area pairs compared (n(n−1)/2 for n areas).
    public var pairs: Int
    /// Hemisphere taken from the experimental file; nil when its area labels carry none (JSON null).
    public var hemisphere: String?
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
        pearsonR = PearsonCorrelation.coefficient(x, y)
        spearmanR = RankCorrelation.spearman(x, y)
        pairs = x.count
        self.hemisphere = hemisphere?.rawValue
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

    /// Undefined (NaN) correlations and a missing hemisphere are written as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pearsonR.isNaN ? nil : pearsonR, forKey: .pearsonR)
        try container.encode(spearmanR.isNaN ? nil : spearmanR, forKey: .spearmanR)
        try container.encode(pairs, forKey: .pairs)
        try container.encode(hemisphere, forKey: .hemisphere)
        try container.encode(areas, forKey: .areas)
        try container.encode(file, forKey: .file)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pearsonR = try container.decodeIfPresent(Double.self, forKey: .pearsonR) ?? .nan
        spearmanR = try container.decodeIfPresent(Double.self, forKey: .spearmanR) ?? .nan
        pairs = try container.decode(Int.self, forKey: .pairs)
        hemisphere = try container.decodeIfPresent(String.self, forKey: .hemisphere)
        areas = try container.decode([String].self, forKey: .areas)
        file = try container.decode(String.self, forKey: .file)
    }

    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// "(left hemisphere)" or "(areas matched by name; the labels carry no hemisphere)".
    public var hemisphereDescription: String {
        hemisphere.map { "(\($0) hemisphere)" } ?? "(areas matched by name; the labels carry no hemisphere)"
    }

    /// One line for the terminal: `pearson_r = 0.1128, spearman_r = 0.04805, pairs = 561`.
    public var summary: String {
        "pearson_r = \(correlationText(pearsonR)), spearman_r = \(correlationText(spearmanR)), pairs = \(pairs)"
    }
}
