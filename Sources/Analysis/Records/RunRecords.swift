import Foundation
import Model
import RunFormat

extension RunFolder {
    /// The folder's `run.json` (`RunRecord`), nil when it has none (e.g. the original's NEST
    /// output). A record that cannot be read is an error naming it and the field: a corrupt record
    /// is never taken for an absent one.
    public func runRecord() throws(InputError) -> RunRecord? {
        try RunRecord.readIfPresent(in: url)
    }

    /// The original pipeline's records of the folder (`OriginalRunRecord`), nil when it has none.
    public func originalRecord() throws(InputError) -> OriginalRunRecord? {
        try OriginalRunRecord.read(in: url)
    }

    /// `net_params` of a humam run's `run.json`, nil when the folder has no such record (e.g. the
    /// original's NEST output). A corrupt record, or parameters out of range, are errors naming
    /// the file and key.
    public func recordedNetworkParameters() throws(InputError) -> NetworkParameters? {
        guard let recorded = try runRecord()?.networkParameters else { return nil }
        try recorded.validate(source: url.appendingPathComponent(RunFiles.record).path)
        return recorded
    }

    /// Checks that every record the folder holds is readable.
    public func checkRecords() throws(InputError) {
        _ = try runRecord()
        _ = try originalRecord()
    }
}
