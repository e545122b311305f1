// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "humam",
    platforms: [.macOS(.v15)],  // Synchronization's Atomic needs macOS 15
    products: [
        .executable(name: "humam", targets: ["humam"]),
        .library(name: "Model", targets: ["Model"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            // macOS: Homebrew's OpenBLAS (keg-only: PKG_CONFIG_PATH must name its pkgconfig
            // folder), so that both platforms run the same BLAS and LAPACK code.
            providers: [.apt(["libopenblas-dev", "liblapack-dev"]), .brew(["openblas"])]),
        // Layer 1: input data -> network description.
        .target(name: "Model", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The files of a run folder (spikes, population ids, run record) and the network tables:
        // one codec per format, read and write.
        .target(name: "RunFormat", dependencies: ["Model", .product(name: "Yams", package: "Yams")]),
        // Layer 2: mean-field theory and the spiking engine, both on top of Model.
        .target(name: "Theory", dependencies: ["Model", "COpenBLAS"]),
        .target(name: "Spiking", dependencies: ["Model", "RunFormat", "CPrefetch"]),
        // A cache prefetch hint for the engine's event queue (clang's __builtin_prefetch).
        .target(name: "CPrefetch"),
        // Layer 2: the network handed to NEST (network.json and the PyNEST script run_nest.py,
        // compiled into the module so the binary needs no resource bundle beside it).
        .target(name: "NESTExport", dependencies: ["Model"], resources: [.embedInCode("run_nest.py")]),
        // Layer 3: analysis of spikes (and of theory predictions).
        .target(name: "Analysis", dependencies: ["Model", "RunFormat", "COpenBLAS"]),
        // Layer 3b: the run report (one HTML page from a run's files), on top of Analysis; it
        // solves the mean-field theory of the run's network with Theory.
        .target(name: "Report", dependencies: ["Model", "RunFormat", "Theory", "Analysis"]),
        // Layer 3b: the one pipeline: configuration -> full-scale rates (for the DC) -> network ->
        // engine -> run folder, the network of a run for its FC, and the flows of the network,
        // theory, simulate and fc commands; it never prints (events).
        .target(name: "Pipeline", dependencies: ["Model", "RunFormat", "Theory", "Spiking", "Analysis", "NESTExport"]),
        // Layer 4: the command-line tool.
        .executableTarget(
            name: "humam",
            dependencies: [
                "Model", "RunFormat", "Theory", "Spiking", "Analysis", "Report", "NESTExport", "Pipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildCommit"]),
        // Writes the checkout's commit into the command-line tool, for `humam --version`.
        .plugin(name: "BuildCommit", capability: .buildTool()),
        .target(name: "TestSupport", dependencies: ["Model"], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["Model", "TestSupport"]),
        .testTarget(name: "RunFormatTests", dependencies: ["RunFormat", "Model", "TestSupport"]),
        .testTarget(name: "TheoryTests", dependencies: ["Theory", "Model", "TestSupport"]),
        .testTarget(name: "SpikingTests", dependencies: ["Spiking", "RunFormat", "Model", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "RunFormat", "Model", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Spiking", "RunFormat", "Analysis", "Model", "TestSupport"]),
        // Runs the command-line layer (e.g. `humam export nest`) in-process.
        .testTarget(name: "CLITests", dependencies: ["humam", "NESTExport", "Pipeline", "RunFormat", "Model", "Theory", "Analysis", "Report", "TestSupport"]),
    ]
)
