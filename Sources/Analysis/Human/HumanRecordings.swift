import Foundation
import Model

/// Single-unit statistics of human recordings to compare a simulated area with, one value per
/// recording, in three files of one column each: `human_mfc_rates.csv` (`rate_hz`, spikes/s),
/// `human_mfc_cv.csv` (`cv`) and `human_mfc_lvr.csv` (`lvr`). The data folder holds those of the
/// human medial frontal cortex the paper used (Minxha et al. 2020, Science 368:eaba3313; as the
/// original derived them, notebooks-data/README.md section 12); `--human DIR` names others in
/// the same form.
public struct HumanRecordings: Sendable {
    public var rates: [Double]
    public var coefficientsOfVariation: [Double]
    public var revisedLocalVariations: [Double]
    /// The folder they were read from.
    public var folder: URL

    public static let ratesFile = "human_mfc_rates.csv"
    public static let coefficientOfVariationFile = "human_mfc_cv.csv"
    public static let revisedLocalVariationFile = "human_mfc_lvr.csv"

    /// Reads the three files of `folder`; each value must be a finite number ≥ 0 (rates up to
    /// 1000 spikes/s), and each file must hold at least one value. Errors name file, line and
    /// column.
    public init(folder: URL) throws(InputError) {
        func column(_ name: String, _ header: String, _ range: ValidRange) throws(InputError) -> [Double] {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw InputError(file: url.path, "is missing; --human DIR needs \(Self.ratesFile), \(Self.coefficientOfVariationFile) and \(Self.revisedLocalVariationFile), one value per recording (notebooks-data/README.md, section 12)")
            }
            let values = try CSVTable(contentsOf: url).numbers(column: header, in: range)
            guard !values.isEmpty else { throw InputError(file: url.path, "holds no value; expected one per recording") }
            return values
        }
        rates = try column(Self.ratesFile, "rate_hz", .closed(0, 1000, unit: "spikes/s"))
        coefficientsOfVariation = try column(Self.coefficientOfVariationFile, "cv", .closed(0, .infinity))
        revisedLocalVariations = try column(Self.revisedLocalVariationFile, "lvr", .closed(0, .infinity))
        self.folder = folder
    }
}
