/// The PyNEST script `humam export nest` writes as run_nest.py: `Sources/NESTExport/run_nest.py`,
/// compiled into the module as bytes (`.embedInCode` in Package.swift), so the humam binary
/// needs no resource bundle beside it. The script reads the network.json next to it and mirrors
/// the NEST calls of the original's `src/simulation.py` (class `Simulation`).
public enum NESTScript {
    /// The script's name in the export folder.
    public static let fileName = "run_nest.py"
    public static let text = String(decoding: PackageResources.run_nest_py, as: UTF8.self)
}
