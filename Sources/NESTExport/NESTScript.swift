/// The PyNEST script `humam export nest` writes as run_nest.py: `Sources/NESTExport/run_nest.py`,
/// compiled into the module as bytes (`.embedInCode` in Package.swift), so the humam binary
/// needs no resource bundle beside it. The script reads the network.json next to it and mirrors
/// the NEST calls of the original's `src/simulation.py` (class `Simulation`).
public enum NESTScript {
    public static let text = String(decoding: PackageResources.run_nest_py, as: UTF8.self)
}
