import Foundation
import Model

/// Locations the tests read from: the repository root, `Tests/Fixtures/` (reference numbers
/// from the original pipeline, copied from shared/humam-reference) and `notebooks-data/`
/// (the model's input data, put there by `scripts/setup`).
public enum Fixtures {
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static func url(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
    }

    public static func table(_ relativePath: String) throws -> CSVTable {
        try CSVTable(contentsOf: url(relativePath))
    }

    public static var dataDirectory: URL {
        repositoryRoot.appendingPathComponent("notebooks-data")
    }
}
