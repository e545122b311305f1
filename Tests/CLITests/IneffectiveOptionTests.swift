import Foundation
import Testing
import TestSupport
@testable import humam

/// An option is accepted only where it has an effect: one that would change nothing is an error
/// saying why, never silently ignored (issue: options that do nothing).
@Suite struct IneffectiveOptionTests {
    @Test(arguments: [
        (["fc", "--hemisphere", "right"], "--hemisphere describes the --compare file"),
        (["fc", "--timeseries"], "--timeseries describes the --compare file"),
        (["fc", "--resolution", "0.1"], "--resolution sets the spacing of the original PSC kernel; it does nothing with --psc-kernel tau-syn"),
        (["fc", "--replace"], "--replace applies to --out"),
        (["analyze", "--replace"], "--replace applies to --out"),
        (["network", "--replace"], "--replace applies to --out; without --out nothing is written"),
        (["theory", "--replace"], "--replace applies to --out, --figure and --path-figure; none is given"),
        (["theory", "--trials", "3", "--initial-rates", "rates.csv"], "--trials 3 does nothing with --initial-rates"),
        (["theory", "--trials", "3", "--pseudo-time", "5"], "--trials 3 does nothing with --pseudo-time"),
        (["theory", "--seed", "5", "--initial-rates", "rates.csv"], "--seed draws random initial rates; it does nothing with --initial-rates"),
        (["simulate", "--raster-area", "lingual", "--no-figures"], "--raster-area chooses the raster figure; it does nothing with --no-figures"),
        (["report", "--data", "/nonexistent/humam-data"], "--data /nonexistent/humam-data does not exist"),
        // The engine's options are not NEST's: export nest does not offer them.
        (["export", "nest", "--out", "x", "--single-spike", "lingual,IV,E,500"], "Unknown option '--single-spike'"),
        (["export", "nest", "--out", "x", "--connectivity", "procedural"], "Unknown option '--connectivity'"),
    ])
    func optionsWithoutEffectAreRefused(arguments: [String], message: String) {
        #expect { _ = try Humam.parseAsRoot(arguments) } throws: { Humam.message(for: $0).contains(message) }
    }

    /// `humam fc` on a run with its network tables takes the network from them: network options
    /// would change nothing. A hemisphere cannot be chosen from a file of one hemisphere.
    @Test func fcRefusesNetworkOptionsAndHemispheresItCannotUse() throws {
        let run = try OutputSafetyTests.run.get()
        let out = try Fixtures.temporaryDirectory("humam-ineffective")
        defer { try? FileManager.default.removeItem(at: out) }
        func fc(_ extra: [String]) throws {
            try TinyRuns.humam(["fc", "--run", run.path, "--no-figures", "--out", out.appendingPathComponent("fc").path] + extra)
        }
        #expect { try fc(["--scaling", "0.5"]) } throws: {
            "\($0)".hasPrefix("the network comes from the tables in \(run.appendingPathComponent("network").path);")
        }
        #expect { try fc(["--fullscale-rates", TinyRuns.fullscaleRates]) } throws: { "\($0)".contains("would change nothing") }
        #expect { try fc(["--compare", TinyRuns.experimentalFC, "--hemisphere", "right"]) } throws: {
            "\($0)".contains("hcp_fmri_fc_enigma_left34.csv:1: has no hemisphere labels")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("fc").path))
    }
}
